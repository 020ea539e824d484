package dev.sigpage.impl.engine;

import dev.sigpage.frames.Arch;
import dev.sigpage.frames.FrameRefusedException;
import dev.sigpage.frames.InPlaceFrames;
import dev.sigpage.frames.RegisterFile;
import dev.sigpage.frames.SignalFrames;
import dev.sigpage.frames.Variant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A thread's modelled CPU: an architecture, a register file, and its mapped user memory (the stack and any
 * alternate signal stack, off-heap). Delivery pushes an {@code arch-frames} frame (fixed variant, trampoline on
 * the stack) at the address {@link SignalFrames#deliver} predicts and enters the handler with the registers it
 * names; sigreturn restores through the same validated restore. Both run in place ({@link InPlaceFrames}): the
 * registers are one array, the frame is serialised straight into the stack's memory, and the {@link FrameView}s
 * are reused by nesting depth, so a delivery allocates nothing once each depth has been reached. Used by its
 * thread only.
 */
public final class Machine {
    private final Arch arch;
    private final MappedMemory memory;
    private final int stackPointer;
    private final int spOffset;
    // the current registers in frame order; registers() builds an immutable view of them on demand.
    private final long[] cpu;
    private RegisterFile view;
    // one view per nesting depth, reused: frames[depth] is the frame pushed at that depth.
    private FrameView[] frames = new FrameView[2];
    private int depth;

    /**
     * A machine with a stack; the stack pointer starts at the stack's top.
     *
     * @param initial the registers (their stack pointer is replaced)
     * @param stack   the stack mapping
     */
    public Machine(final RegisterFile initial, final UserStack stack) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(stack, "stack");
        this.arch = initial.arch();
        this.memory = new MappedMemory(stack);
        this.stackPointer = arch.registerNames().indexOf(arch.stackPointerName());
        this.spOffset = arch.frameFields().stream()
                .filter(f -> f.name().equals(arch.stackPointerName()))
                .findFirst()
                .orElseThrow()
                .offset();
        this.cpu = new long[arch.registerNames().size()];
        initial.copyTo(cpu);
        cpu[stackPointer] = stack.top();
    }

    /** @return the architecture */
    public Arch arch() {
        return arch;
    }

    /** @return the current registers */
    public RegisterFile registers() {
        RegisterFile v = view;
        if (v == null) {
            v = RegisterFile.of(arch, cpu);
            view = v;
        }
        return v;
    }

    /**
     * Replaces the registers (as user code running would).
     *
     * @param next the registers of the same architecture
     */
    public void setRegisters(final RegisterFile next) {
        if (next.arch() != arch) {
            throw new IllegalArgumentException("registers must be of " + arch.cliName() + ": arch="
                    + next.arch().cliName());
        }
        next.copyTo(cpu);
        view = next;
    }

    /** @return the stack pointer */
    public long stackPointer() {
        return cpu[stackPointer];
    }

    /**
     * Maps more memory (for instance an alternate signal stack).
     *
     * @param mapping the mapping
     */
    public void map(final UserStack mapping) {
        memory.map(Objects.requireNonNull(mapping, "mapping"));
    }

    /** @return the mappings, the stack first */
    public List<UserStack> mappings() {
        return memory.mappings();
    }

    /**
     * Pushes a frame for a handler; null if the frame does not fit in mapped memory (the caller forces SIGSEGV),
     * and then nothing changed.
     *
     * @param sig         the signal
     * @param handler     the handler's address
     * @param savedMask   the mask to save in the frame (restored by sigreturn)
     * @param altStackTop the top of the alternate stack when this delivery switches to it, else 0
     * @param onAltStack  whether the thread is on the alternate stack after this delivery
     */
    FrameView push(
            final int sig, final long handler, final long savedMask, final long altStackTop, final boolean onAltStack) {
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, 2 * depth);
        }
        FrameView frame = frames[depth];
        if (frame == null) {
            frame = new FrameView(arch, cpu.length);
            frames[depth] = frame;
        }
        final long[] interrupted = frame.interrupted();
        System.arraycopy(cpu, 0, interrupted, 0, cpu.length);
        if (altStackTop != 0) {
            cpu[stackPointer] = altStackTop;
        }
        final long address;
        try {
            address = InPlaceFrames.push(arch, cpu, sig, handler, savedMask, Variant.DEFAULT_SIGRETURN_NR, memory);
        } catch (final IllegalArgumentException | FrameRefusedException noRoom) {
            System.arraycopy(interrupted, 0, cpu, 0, cpu.length);
            return null;
        }
        if (altStackTop != 0) {
            // arch-frames places the frame below the stack pointer it is given; the saved context must still hold
            // the interrupted one, so that sigreturn leaves the alternate stack.
            memory.putLong(address + spOffset, interrupted[stackPointer]);
        }
        frame.set(
                address,
                memory.mappingOf(address, arch.frameLength()),
                onAltStack,
                sig,
                handler,
                savedMask,
                altStackTop);
        view = null;
        depth++;
        return frame;
    }

    /**
     * sigreturn: validates the frame at the address the trampoline passes and restores its registers.
     *
     * @return the mask to restore
     * @throws FrameRefusedException if the frame is unmapped or would return with privileges
     */
    long sigreturn(final FrameView frame) {
        depth--;
        final long mask = InPlaceFrames.pop(arch, memory, frame.address(), cpu);
        view = null;
        return mask;
    }

    /** An escape from the handler (a longjmp): the registers go back to the interrupted ones, the frame is left. */
    void abandon(final FrameView frame) {
        depth--;
        System.arraycopy(frame.interrupted(), 0, cpu, 0, cpu.length);
        view = null;
    }
}
