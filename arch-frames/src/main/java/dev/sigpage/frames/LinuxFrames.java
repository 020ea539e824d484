package dev.sigpage.frames;

import java.util.Map;

/**
 * What the three Linux deliveries share: the system-call restart bookkeeping, the mask a handler runs with, and
 * the checks that refuse a frame the kernel could not build (it would force SIGSEGV instead).
 */
final class LinuxFrames {
    /** {@code -ERESTARTSYS}. */
    static final long ERESTARTSYS = -512;
    /** {@code -ERESTARTNOINTR}. */
    static final long ERESTARTNOINTR = -513;
    /** {@code -ERESTARTNOHAND}. */
    static final long ERESTARTNOHAND = -514;
    /** {@code -ERESTART_RESTARTBLOCK}. */
    static final long ERESTART_RESTARTBLOCK = -516;
    /** {@code -EINTR}. */
    static final long EINTR = -4;

    private LinuxFrames() {}

    static Delivery deliver(final DeliveryRequest r) {
        switch (r.arch()) {
            case X86_64:
                return LinuxX86_64Frames.deliver(r);
            case AARCH64:
                return LinuxAarch64Frames.deliver(r);
            case RISCV64:
                return LinuxRiscv64Frames.deliver(r);
            default:
                throw new AssertionError(r.arch());
        }
    }

    static RestoredContext restore(
            final Arch arch, final UserMemory memory, final long frame, final LinuxSignalContext context) {
        switch (arch) {
            case X86_64:
                return LinuxX86_64Frames.restore(memory, frame, context);
            case AARCH64:
                return LinuxAarch64Frames.restore(memory, frame, context);
            case RISCV64:
                return LinuxRiscv64Frames.restore(memory, frame);
            default:
                throw new AssertionError(arch);
        }
    }

    /**
     * The register file the frame saves: the interrupted one after the restart bookkeeping. Interrupted system
     * calls return {@code -EINTR} (ERESTARTNOHAND, ERESTART_RESTARTBLOCK, and ERESTARTSYS without SA_RESTART) or
     * are restarted (ERESTARTNOINTR, ERESTARTSYS with SA_RESTART): the return register gets the original value
     * back and the program counter moves back over the system-call instruction.
     */
    static RegisterFile afterRestart(final DeliveryRequest r, final String returnRegister, final int insnLength) {
        final RegisterFile regs = r.registers();
        final LinuxSignalContext c = r.linux();
        if (c.syscallOrigin().isEmpty()) {
            return regs;
        }
        final long ret = regs.get(returnRegister);
        final String pc = r.arch().programCounterName();
        final boolean saRestart = (c.saFlags() & LinuxSignalContext.SA_RESTART) != 0;
        final boolean restart = ret == ERESTARTNOINTR || ret == ERESTARTSYS && saRestart;
        if (restart) {
            return regs.with(returnRegister, c.syscallOrigin().getAsLong()).with(pc, regs.get(pc) - insnLength);
        }
        if (ret == ERESTARTNOHAND || ret == ERESTART_RESTARTBLOCK || ret == ERESTARTSYS) {
            return regs.with(returnRegister, EINTR);
        }
        return regs;
    }

    /** blocked | sa_mask | the signal (unless SA_NODEFER), SIGKILL and SIGSTOP never. */
    static long handlerMask(final DeliveryRequest r) {
        final LinuxSignalContext c = r.linux();
        long mask = r.mask() | c.saMask();
        if ((c.saFlags() & LinuxSignalContext.SA_NODEFER) == 0) {
            mask |= Variant.LINUX.maskBit(r.signal());
        }
        return mask & ~Variant.LINUX.unblockableBits();
    }

    /**
     * Refuses a stack pointer (or, under the name {@code ss_sp}, the top of the altstack a delivery enters) that
     * leaves fewer than {@code needed} bytes above address 0.
     */
    static void requireRoom(final String field, final long sp, final long needed) {
        if (Long.compareUnsigned(sp, needed) < 0) {
            throw new FrameRefusedException(
                    "stack pointer must leave " + needed
                            + " bytes for the frame above address 0 (the kernel sends SIGSEGV)",
                    field,
                    sp);
        }
    }

    static void requireRestorer(final DeliveryRequest r, final String what) {
        if (r.restorer().isEmpty()) {
            throw new IllegalArgumentException("the linux variant needs --restorer (" + what + "): restorer=none");
        }
    }

    static Delivery assemble(
            final DeliveryRequest r, final long frame, final FrameImage image, final Map<String, Long> entry) {
        return new Delivery(
                r.arch(),
                Variant.LINUX,
                r.signal(),
                frame,
                image.runs(),
                entry,
                handlerMask(r),
                frame,
                java.util.List.of());
    }

    /** Reads {@code length} bytes or refuses naming the first unmapped address. */
    static byte[] read(final UserMemory memory, final long address, final int length) {
        if (Long.compareUnsigned(address, -(long) length) > 0) {
            throw new FrameRefusedException(
                    "frame must end below the top of the address space", "framePointer", address);
        }
        final java.util.OptionalLong missing = memory.firstUnmapped(address, length);
        if (missing.isPresent()) {
            throw new FrameRefusedException(
                    "frame memory must be mapped (the kernel sends SIGSEGV)", "address", missing.getAsLong());
        }
        return memory.read(address, length);
    }

    static long getLong(final byte[] b, final int at) {
        return ByteSink.getLong(b, at);
    }

    static long getInt(final byte[] b, final int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    static int getShort(final byte[] b, final int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static void checkUserPc(final Arch arch, final long pc) {
        if (Long.compareUnsigned(pc, arch.userAddressLimit()) >= 0) {
            throw new FrameRefusedException(
                    arch.programCounterName() + " must be a user address below " + Hex.of(arch.userAddressLimit())
                            + " (the kernel sends SIGSEGV)",
                    arch.programCounterName(),
                    pc);
        }
    }
}
