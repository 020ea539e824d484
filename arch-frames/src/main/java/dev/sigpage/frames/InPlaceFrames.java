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
 *
 * <p>Every frame is three header fields, then the registers in frame order, each eight bytes, and the trampoline
 * follows the frame directly (the descriptors accumulate them so, and this class checks it when it loads). So a
 * push is three stores, one run of stores from the register array and one of the trampoline's words (the default
 * trampolines are a whole number of words, encoded once); a pop checks the two refusable registers, then reads
 * one run into the register array. The offsets are looked up once per architecture, not per field.
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
    private static final int[] FLAGS = indices(UserState::flagsName);
    private static final int[] ARG0 = indices(a -> a == Arch.X86_64 ? "rdi" : a == Arch.AARCH64 ? "x0" : "a0");
    private static final int[] ARG1 = indices(a -> a == Arch.X86_64 ? "rsi" : a == Arch.AARCH64 ? "x1" : "a1");
    private static final int[] LINK = indices(a -> a == Arch.X86_64 ? "rsi" : a == Arch.AARCH64 ? "x30" : "ra");

    // frame offsets by Arch ordinal: the three header fields and the first saved register (the others follow it).
    private static final int[] RETURN_ADDRESS = offsets(0);
    private static final int[] SIGNUM = offsets(1);
    private static final int[] SAVED_MASK = offsets(2);
    private static final int[] REGISTERS = offsets(FrameLayoutBuilder.HEADER_FIELDS);
    // the default trampolines as little-endian words, by Arch ordinal.
    private static final long[][] DEFAULT_TRAMPOLINE_WORDS = trampolineWords();

    static {
        for (final Arch a : Arch.values()) {
            final List<FrameField> fields = a.frameFields();
            for (int i = FrameLayoutBuilder.HEADER_FIELDS; i < fields.size(); i++) {
                final int expected =
                        REGISTERS[a.ordinal()] + FrameField.LENGTH * (i - FrameLayoutBuilder.HEADER_FIELDS);
                if (fields.get(i).offset() != expected) {
                    throw new IllegalStateException(a.cliName() + " saved registers must be consecutive: "
                            + fields.get(i).name() + "=" + fields.get(i).offset());
                }
            }
        }
    }

    private InPlaceFrames() {}

    private static int[] offsets(final int field) {
        final int[] out = new int[Arch.values().length];
        for (final Arch a : Arch.values()) {
            out[a.ordinal()] = a.frameFields().get(field).offset();
        }
        return out;
    }

    private static long[][] trampolineWords() {
        final long[][] out = new long[DEFAULT_TRAMPOLINES.length][];
        for (int a = 0; a < out.length; a++) {
            final byte[] code = DEFAULT_TRAMPOLINES[a];
            if (code.length % Long.BYTES != 0) {
                throw new IllegalStateException(
                        "a default trampoline must be a whole number of words: length=" + code.length);
            }
            out[a] = new long[code.length / Long.BYTES];
            for (int i = 0; i < out[a].length; i++) {
                out[a][i] = ByteSink.getLong(code, i * Long.BYTES);
            }
        }
        return out;
    }

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
        final int a = arch.ordinal();
        memory.putLong(frame + RETURN_ADDRESS[a], trampoline);
        memory.putLong(frame + SIGNUM[a], signal);
        memory.putLong(frame + SAVED_MASK[a], mask);
        memory.putLongs(frame + REGISTERS[a], registers, 0, registers.length);
        if (code == DEFAULT_TRAMPOLINES[a]) {
            memory.putLongs(trampoline, DEFAULT_TRAMPOLINE_WORDS[a], 0, DEFAULT_TRAMPOLINE_WORDS[a].length);
        } else {
            memory.putBytes(trampoline, code);
        }
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
        final int a = arch.ordinal();
        final long registersAt = framePointer + REGISTERS[a];
        // only the program counter and the flags register can be refused (UserState.refusal); pc comes first.
        final long pc = memory.getLong(registersAt + (long) FrameField.LENGTH * PC[a]);
        refuse(UserState.programCounterRefusal(arch, pc), arch.programCounterName(), pc);
        final long flags = memory.getLong(registersAt + (long) FrameField.LENGTH * FLAGS[a]);
        refuse(UserState.flagsRefusal(arch, flags), UserState.flagsName(arch), flags);
        memory.getLongs(registersAt, registers, 0, registers.length);
        if (arch == Arch.X86_64) {
            registers[FLAGS[a]] = UserState.restoredRflags(registers[FLAGS[a]]);
        }
        return memory.getLong(framePointer + SAVED_MASK[a]) & ~Variant.FIXED.unblockableBits();
    }

    private static void refuse(final String rule, final String register, final long saved) {
        if (rule != null) {
            throw new FrameRefusedException(rule, register, saved);
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
