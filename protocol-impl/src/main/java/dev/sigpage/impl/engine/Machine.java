package dev.sigpage.impl.engine;

import dev.sigpage.frames.Arch;
import dev.sigpage.frames.Delivery;
import dev.sigpage.frames.DeliveryRequest;
import dev.sigpage.frames.FrameRefusedException;
import dev.sigpage.frames.MemoryWrite;
import dev.sigpage.frames.RegisterFile;
import dev.sigpage.frames.RestoredContext;
import dev.sigpage.frames.SignalFrames;
import dev.sigpage.frames.UserMemory;
import dev.sigpage.frames.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A thread's modelled CPU: an architecture, a register file, and its mapped user memory (the stack and any
 * alternate signal stack, off-heap). Delivery pushes an {@code arch-frames} frame (fixed variant, trampoline on
 * the stack) at the address {@link SignalFrames#deliver} predicts and enters the handler with the registers it
 * names; sigreturn restores through {@link SignalFrames#restore}. Used by its thread only.
 */
public final class Machine {
    private final Arch arch;
    private final List<UserStack> mappings = new ArrayList<>();
    private RegisterFile registers;

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
        this.registers = initial.with(arch.stackPointerName(), stack.top());
        this.mappings.add(stack);
    }

    /** @return the architecture */
    public Arch arch() {
        return arch;
    }

    /** @return the current registers */
    public RegisterFile registers() {
        return registers;
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
        this.registers = next;
    }

    /** @return the stack pointer */
    public long stackPointer() {
        return registers.get(arch.stackPointerName());
    }

    /**
     * Maps more memory (for instance an alternate signal stack).
     *
     * @param mapping the mapping
     */
    public void map(final UserStack mapping) {
        mappings.add(Objects.requireNonNull(mapping, "mapping"));
    }

    /** @return the mappings, the stack first */
    public List<UserStack> mappings() {
        return List.copyOf(mappings);
    }

    UserStack mappingOf(final long address, final long length) {
        for (final UserStack m : mappings) {
            if (m.contains(address, length)) {
                return m;
            }
        }
        return null;
    }

    /**
     * Pushes a frame for a handler; null if the frame does not fit in mapped memory (the caller forces SIGSEGV).
     *
     * @param sig         the signal
     * @param handler     the handler's address
     * @param savedMask   the mask to save in the frame (restored by sigreturn)
     * @param altStackTop the top of the alternate stack when this delivery switches to it, else 0
     * @param onAltStack  whether the thread is on the alternate stack after this delivery
     */
    FrameView push(
            final int sig, final long handler, final long savedMask, final long altStackTop, final boolean onAltStack) {
        final String sp = arch.stackPointerName();
        final boolean switchToAlt = altStackTop != 0;
        final RegisterFile base = switchToAlt ? registers.with(sp, altStackTop) : registers;
        final Delivery d;
        try {
            d = SignalFrames.deliver(DeliveryRequest.builder(base)
                    .variant(Variant.FIXED)
                    .signal(sig)
                    .handler(handler)
                    .mask(savedMask)
                    .build());
        } catch (final IllegalArgumentException noRoom) {
            return null;
        }
        UserStack holder = null;
        for (final MemoryWrite w : d.writes()) {
            final UserStack m = mappingOf(w.address(), w.length());
            if (m == null) {
                return null;
            }
            holder = holder == null ? m : holder;
        }
        for (final MemoryWrite w : d.writes()) {
            mappingOf(w.address(), w.length()).write(w.address(), w.bytes());
        }
        RegisterFile entry = registers;
        for (final Map.Entry<String, Long> e : d.entry().entrySet()) {
            entry = entry.with(e.getKey(), e.getValue());
        }
        final FrameView frame = new FrameView(d, holder, onAltStack);
        if (switchToAlt) {
            // arch-frames places the frame below the stack pointer it is given; the saved context must still hold
            // the interrupted one, so that sigreturn leaves the alternate stack.
            frame.setSaved(sp, registers.get(sp));
        }
        registers = entry;
        return frame;
    }

    /**
     * sigreturn: reads the frame at the address the trampoline passes, restores through arch-frames.
     *
     * @return the mask to restore
     * @throws FrameRefusedException if the frame is unmapped or would return with privileges
     */
    long sigreturn(final FrameView frame) {
        final long fp = frame.delivery().sigreturnArgument();
        final int length = arch.frameLength();
        final UserStack m = mappingOf(fp, length);
        // unmapped: empty memory, so that arch-frames refuses the frame and names the address.
        final UserMemory view = m == null ? new UserMemory() : new UserMemory().write(fp, m.read(fp, length));
        final RestoredContext rc = SignalFrames.restore(arch, Variant.FIXED, view, fp);
        registers = rc.registers();
        return rc.mask();
    }
}
