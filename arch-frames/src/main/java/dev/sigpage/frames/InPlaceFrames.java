package dev.sigpage.frames;

import java.util.List;
import java.util.function.Function;

/**
 * The {@link Variant#FIXED fixed} delivery and sigreturn performed in place, for an engine that pushes and pops a
 * frame on every delivery: the thread's registers are one mutable array in frame order ({@link Arch#registerNames()}),
 * the frame and its trampoline are serialised straight into {@link FrameMemory}, and sigreturn reads them back from
 * it. With the default sigreturn number neither allocates.
 *
 * <p>The bytes stored, the entry registers and the restored registers and mask are exactly those of
 * {@link SignalFrames#deliver} (fixed variant, trampoline on the stack, no restorer) followed by
 * {@link SignalFrames#restore}; the refusals are the same, with the same messages, and a refused call leaves the
 * memory and the register array exactly as they were.
 */
public final class InPlaceFrames {
    private static final long X86_64_RED_ZONE = 128;
    private static final long STACK_ALIGNMENT = 16;
    private static final byte[][] DEFAULT_TRAMPOLINES = {
        X86_64Trampoline.encode(Variant.FIXED, Variant.DEFAULT_SIGRETURN_NR),
        Aarch64Trampoline.encode(Variant.FIXED, Variant.DEFAULT_SIGRETURN_NR),
        Riscv64Trampoline.encode(Variant.FIXED, Variant.DEFAULT_SIGRETURN_NR)
    };

    // register indices by Arch ordinal: stack pointer, program counter, flags, and the argument and link registers
    // the entry sets (x86-64 sets only rdi of them: ARG1 and LINK are unused there).
    private static final int[] SP = indices(Arch::stackPointerName);
    private static final int[] PC = indices(Arch::programCounterName);
    private static final int[] FLAGS = indices(InPlaceFrames::flagsName);
    private static final int[] ARG0 = indices(a -> a == Arch.X86_64 ? "rdi" : a == Arch.AARCH64 ? "x0" : "a0");
    private static final int[] ARG1 = indices(a -> a == Arch.X86_64 ? "rsi" : a == Arch.AARCH64 ? "x1" : "a1");
    private static final int[] LINK = indices(a -> a == Arch.X86_64 ? "rsi" : a == Arch.AARCH64 ? "x30" : "ra");

    private InPlaceFrames() {}

    private static int[] indices(final Function<Arch, String> name) {
        final int[] out = new int[Arch.values().length];
        for (final Arch a : Arch.values()) {
            out[a.ordinal()] = RegisterNames.indexOf(a, name.apply(a));
        }
        return out;
    }

    /**
     * Delivers a signal: stores the frame and the trampoline below the stack pointer in {@code registers}, then
     * replaces the entry registers in {@code registers} (x86-64 {@code rip rsp rdi rflags}, AArch64
     * {@code pc sp x0 x1 x30}, RISC-V {@code pc sp a0 a1 ra}).
     *
     * @param arch        the architecture
     * @param registers   the interrupted registers in frame order; on return, the handler's entry registers
     * @param signal      the signal, 1..64 but not SIGKILL or SIGSTOP
     * @param handler     the handler's address
     * @param mask        the interrupted mask saved in the frame (signal n at bit n-1)
     * @param sigreturnNr the number the trampoline passes ({@link Variant#DEFAULT_SIGRETURN_NR} allocates nothing)
     * @param memory      user memory; written only when the frame and trampoline fit in one mapped range
     * @return the frame's address, which the trampoline passes to sigreturn
     * @throws IllegalArgumentException naming the value: a register array of the wrong length, a signal out of
     *                                  range, a sigreturn number that does not fit, or a stack pointer that leaves
     *                                  no room for the frame above address 0
     * @throws FrameRefusedException    naming {@code address}, the first byte that is not mapped
     */
    public static long push(
            final Arch arch,
            final long[] registers,
            final int signal,
            final long handler,
            final long mask,
            final long sigreturnNr,
            final FrameMemory memory) {
        checkLength(arch, registers);
        if (signal < 1 || signal > Variant.FIXED.maxSignal()) {
            throw new IllegalArgumentException(
                    "signal must be in 1.." + Variant.FIXED.maxSignal() + ": signal=" + signal);
        }
        if (signal == Signals.SIGKILL || signal == Signals.SIGSTOP) {
            throw new IllegalArgumentException("SIGKILL and SIGSTOP have no handlers: signal=" + signal);
        }
        final byte[] code = sigreturnNr == Variant.DEFAULT_SIGRETURN_NR
                ? DEFAULT_TRAMPOLINES[arch.ordinal()]
                : Trampolines.encode(arch, Variant.FIXED, sigreturnNr);
        final int frameLength = arch.frameLength();
        final int sp = SP[arch.ordinal()];
        final long stackPointer = registers[sp];
        final long frame;
        final long trampoline;
        if (arch == Arch.X86_64) {
            requireRoom(stackPointer, X86_64_RED_ZONE + STACK_ALIGNMENT + code.length + frameLength);
            trampoline = ((stackPointer - X86_64_RED_ZONE) & -STACK_ALIGNMENT) - code.length;
            frame = trampoline - frameLength;
        } else {
            requireRoom(stackPointer, frameLength + code.length + STACK_ALIGNMENT);
            frame = (stackPointer - frameLength - code.length) & -STACK_ALIGNMENT;
            trampoline = frame + frameLength;
        }
        requireMapped(memory, frame, frameLength + code.length, "frame memory must be mapped (a kernel sends SIGSEGV)");
        final List<FrameField> fields = arch.frameFields();
        memory.putLong(frame + fields.get(0).offset(), trampoline);
        memory.putLong(frame + fields.get(1).offset(), signal);
        memory.putLong(frame + fields.get(2).offset(), mask);
        for (int i = FrameLayoutBuilder.HEADER_FIELDS; i < fields.size(); i++) {
            memory.putLong(frame + fields.get(i).offset(), registers[i - FrameLayoutBuilder.HEADER_FIELDS]);
        }
        memory.putBytes(trampoline, code);
        final int a = arch.ordinal();
        registers[PC[a]] = handler;
        registers[sp] = frame;
        if (arch == Arch.X86_64) {
            registers[ARG0[a]] = signal;
            final long interrupted = registers[FLAGS[a]];
            registers[FLAGS[a]] = (interrupted & ~(UserState.X86_64_DF | UserState.X86_64_TF | UserState.X86_64_RF))
                    | UserState.X86_64_IF;
        } else {
            registers[ARG0[a]] = signal;
            registers[ARG1[a]] = frame;
            registers[LINK[a]] = trampoline;
        }
        return frame;
    }

    /**
     * sigreturn: validates the frame at {@code framePointer} and puts the interrupted registers back into
     * {@code registers}, as {@link SignalFrames#restore(Arch, Variant, UserMemory, long)} with the fixed variant.
     *
     * @param arch         the architecture
     * @param memory       user memory; not modified
     * @param framePointer the frame's address, as the trampoline passes it
     * @param registers    receives the restored registers in frame order; unchanged when the frame is refused
     * @return the restored mask, SIGKILL and SIGSTOP cleared
     * @throws IllegalArgumentException if the register array has the wrong length
     * @throws FrameRefusedException    naming {@code framePointer} if the frame would wrap past the top of the
     *                                  address space, {@code address} for the first byte that is not mapped, or the
     *                                  register whose saved value is refused
     */
    public static long pop(final Arch arch, final FrameMemory memory, final long framePointer, final long[] registers) {
        checkLength(arch, registers);
        final int length = arch.frameLength();
        if (Long.compareUnsigned(framePointer, -(long) length) > 0) {
            throw new FrameRefusedException(
                    "frame must end below the top of the address space", "framePointer", framePointer);
        }
        requireMapped(memory, framePointer, length, "frame memory must be mapped");
        final List<FrameField> fields = arch.frameFields();
        // only the program counter and the flags register can be refused (UserState.refusal); pc comes first.
        final int flags = FLAGS[arch.ordinal()];
        refuse(arch, fields.get(FrameLayoutBuilder.HEADER_FIELDS + PC[arch.ordinal()]), memory, framePointer);
        refuse(arch, fields.get(FrameLayoutBuilder.HEADER_FIELDS + flags), memory, framePointer);
        for (int i = FrameLayoutBuilder.HEADER_FIELDS; i < fields.size(); i++) {
            registers[i - FrameLayoutBuilder.HEADER_FIELDS] =
                    memory.getLong(framePointer + fields.get(i).offset());
        }
        if (arch == Arch.X86_64) {
            registers[flags] = UserState.restoredValue(arch, "rflags", registers[flags]);
        }
        return memory.getLong(framePointer + fields.get(2).offset()) & ~Variant.FIXED.unblockableBits();
    }

    private static String flagsName(final Arch arch) {
        switch (arch) {
            case X86_64:
                return "rflags";
            case AARCH64:
                return "pstate";
            default:
                return "sstatus";
        }
    }

    private static void refuse(final Arch arch, final FrameField f, final FrameMemory memory, final long frame) {
        final long saved = memory.getLong(frame + f.offset());
        final String rule = UserState.refusal(arch, f.name(), saved);
        if (rule != null) {
            throw new FrameRefusedException(rule, f.name(), saved);
        }
    }

    private static void checkLength(final Arch arch, final long[] registers) {
        if (registers.length != arch.registerNames().size()) {
            throw new IllegalArgumentException(
                    "register count must be " + arch.registerNames().size() + ": count=" + registers.length);
        }
    }

    private static void requireRoom(final long sp, final long needed) {
        if (Long.compareUnsigned(sp, needed) < 0) {
            throw new IllegalArgumentException(
                    "stack pointer must leave " + needed + " bytes for the frame above address 0: sp=" + Hex.of(sp));
        }
    }

    /** Refuses a range that is not mapped as a whole, naming its first byte that is not mapped on its own. */
    private static void requireMapped(
            final FrameMemory memory, final long address, final int length, final String rule) {
        if (memory.isMapped(address, length)) {
            return;
        }
        for (int i = 0; i < length; i++) {
            if (!memory.isMapped(address + i, 1)) {
                throw new FrameRefusedException(rule, "address", address + i);
            }
        }
        // every byte is mapped, but not in one range: the range starts in one mapping and ends in another.
        throw new FrameRefusedException(rule + " in one range", "address", address);
    }
}
