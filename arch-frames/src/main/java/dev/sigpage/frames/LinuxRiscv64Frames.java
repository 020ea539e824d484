package dev.sigpage.frames;

import static dev.sigpage.frames.LinuxRiscv64FrameDescriptor.*;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Linux RISC-V 64 delivery ({@code get_sigframe}, {@code setup_rt_frame}) and {@code rt_sigreturn} on a machine
 * with the D extension and no live vector state, per FRAMES.md:
 * <pre>
 * F = round_down(sigsp(sp) - 1088, 16)            no red zone
 * </pre>
 * A thread already on its alternate stack whose frame would leave it is refused (the kernel sends SIGSEGV).
 */
final class LinuxRiscv64Frames {
    /** RISCV_V_MAGIC: a vector-state record, which needs live V state this model does not have. */
    private static final long V_MAGIC = 0x53465457L;

    private LinuxRiscv64Frames() {}

    static Delivery deliver(final DeliveryRequest r) {
        LinuxFrames.requireRestorer(r, "the vDSO's __vdso_rt_sigreturn");
        final LinuxSignalContext c = r.linux();
        final RegisterFile regs = LinuxFrames.afterRestart(r, "a0", 4);
        final long sp = regs.get("sp");
        final LinuxAltStack alt = c.altStack();
        if (alt.onStack(sp) && !alt.onStack(sp - FRAME_LENGTH)) {
            throw new FrameRefusedException(
                    "frame must stay on the alternate stack the thread is running on (the" + " kernel sends SIGSEGV)",
                    "sp",
                    sp);
        }
        final boolean entering = (c.saFlags() & LinuxSignalContext.SA_ONSTACK) != 0 && alt.available(sp);
        final long top = entering ? alt.top() : sp;
        LinuxFrames.requireRoom(entering ? "ss_sp" : "sp", top, FRAME_LENGTH + 16L);
        final long frame = (top - FRAME_LENGTH) & -16L;
        final FrameImage image = new FrameImage(frame, FRAME_LENGTH);
        image.putBytes(frame + INFO_OFFSET, c.sigInfo().delivered(r.signal()));
        image.putLong(frame + UC_FLAGS_OFFSET, 0);
        image.putLong(frame + UC_LINK_OFFSET, 0);
        image.putLong(frame + SS_SP_OFFSET, alt.sp());
        image.putInt(frame + SS_FLAGS_OFFSET, alt.flags());
        image.putLong(frame + SS_SIZE_OFFSET, alt.size());
        image.putLong(frame + UC_SIGMASK_OFFSET, r.mask());
        image.putLong(frame + PC_OFFSET, regs.get("pc"));
        for (int n = 1; n <= 31; n++) {
            image.putLong(frame + PC_OFFSET + 8L * n, regs.get("x" + n));
        }
        image.zero(frame + FP_OFFSET, FP_D_STATE_LENGTH); // f0..f31, fcsr: the thread's FP state (init here)
        image.putInt(frame + EXT_RESERVED_OFFSET, 0);
        image.putLong(frame + EXT_HEADER_OFFSET, 0);
        final Map<String, Long> entry = new LinkedHashMap<>();
        entry.put("pc", r.handler());
        entry.put("sp", frame);
        entry.put("a0", (long) r.signal());
        entry.put("a1", frame + INFO_OFFSET);
        entry.put("a2", frame + UC_FLAGS_OFFSET);
        entry.put("ra", r.restorer().getAsLong());
        return LinuxFrames.assemble(r, frame, image, entry);
    }

    /**
     * {@code rt_sigreturn} with the frame at {@code frame} (sp at the call; no alignment check). Every saved
     * register comes back verbatim; sstatus is not in the frame and is reported as 0.
     */
    static RestoredContext restore(final UserMemory memory, final long frame) {
        final byte[] f = LinuxFrames.read(memory, frame + UC_FLAGS_OFFSET, FRAME_LENGTH - UC_FLAGS_OFFSET);
        final int base = UC_FLAGS_OFFSET;
        final long mask = LinuxFrames.getLong(f, UC_SIGMASK_OFFSET - base) & ~Variant.LINUX.unblockableBits();
        RegisterFile regs = RegisterFile.zero(Arch.RISCV64).with("pc", LinuxFrames.getLong(f, PC_OFFSET - base));
        for (int n = 1; n <= 31; n++) {
            regs = regs.with("x" + n, LinuxFrames.getLong(f, PC_OFFSET - base + 8 * n));
        }
        final long reserved = LinuxFrames.getInt(f, EXT_RESERVED_OFFSET - base);
        if (reserved != 0) {
            throw new FrameRefusedException(
                    "sc_extdesc.reserved must be 0 (the kernel sends SIGSEGV)", "reserved", reserved);
        }
        final long magic = LinuxFrames.getInt(f, EXT_HEADER_OFFSET - base);
        final long size = LinuxFrames.getInt(f, EXT_HEADER_OFFSET - base + Integer.BYTES); // {magic, size}
        if (magic == V_MAGIC) {
            throw new FrameRefusedException(
                    "a vector record needs live vector state (the kernel sends SIGSEGV)", "magic", magic);
        }
        if (magic != 0) {
            throw new FrameRefusedException(
                    "the extension header must be END (the kernel sends SIGSEGV)", "magic", magic);
        }
        if (size != 0) {
            throw new FrameRefusedException("the END header must have size 0 (the kernel sends SIGSEGV)", "size", size);
        }
        LinuxFrames.checkUserPc(Arch.RISCV64, regs.get("pc"));
        return new RestoredContext(regs, mask);
    }
}
