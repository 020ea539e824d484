package dev.sigpage.impl.engine;

import dev.sigpage.frames.Arch;
import dev.sigpage.frames.Delivery;
import dev.sigpage.frames.DeliveryRequest;
import dev.sigpage.frames.FrameField;
import dev.sigpage.frames.RegisterFile;
import dev.sigpage.frames.SignalFrames;
import dev.sigpage.frames.Variant;

/**
 * The saved context of one delivery, read and written in place on the modelled stack (what a handler reaches
 * through {@code ucontext_t}): the frame {@code arch-frames} pushed, at the address it predicts. Changes take
 * effect at sigreturn, which restores through {@code arch-frames}' validated restore.
 *
 * <p>A view is valid while its handler runs: the machine reuses it for the next frame pushed at the same nesting
 * depth.
 */
public final class FrameView {
    private final Arch arch;
    private final long[] interrupted;
    private long address;
    private UserStack memory;
    private boolean onAltStack;
    private int signal;
    private long handler;
    private long savedMask;
    private long altStackTop;

    FrameView(final Arch arch, final int registerCount) {
        this.arch = arch;
        this.interrupted = new long[registerCount];
    }

    /** The registers the delivery interrupted, in frame order: filled by the machine before the push. */
    long[] interrupted() {
        return interrupted;
    }

    void set(
            final long frameAddress,
            final UserStack holder,
            final boolean altStack,
            final int sig,
            final long handlerAddress,
            final long mask,
            final long alternateTop) {
        this.address = frameAddress;
        this.memory = holder;
        this.onAltStack = altStack;
        this.signal = sig;
        this.handler = handlerAddress;
        this.savedMask = mask;
        this.altStackTop = alternateTop;
    }

    /**
     * The delivery as arch-frames computes it (writes, entry registers, handler mask), recomputed from the
     * interrupted registers on each call. On a switch to the alternate stack the saved stack pointer on the stack
     * is the interrupted one, not the one in these writes.
     *
     * @return the delivery
     */
    public Delivery delivery() {
        RegisterFile base = RegisterFile.of(arch, interrupted);
        if (altStackTop != 0) {
            base = base.with(arch.stackPointerName(), altStackTop);
        }
        return SignalFrames.deliver(DeliveryRequest.builder(base)
                .variant(Variant.FIXED)
                .signal(signal)
                .handler(handler)
                .mask(savedMask)
                .build());
    }

    /** @return the architecture */
    public Arch arch() {
        return arch;
    }

    /** @return the address of the frame's first field */
    public long address() {
        return address;
    }

    /** @return true if the frame was pushed on the alternate signal stack */
    public boolean onAltStack() {
        return onAltStack;
    }

    /** @return the mapping that holds the frame */
    public UserStack memory() {
        return memory;
    }

    /**
     * Reads a saved field of the frame.
     *
     * @param field a register name of the architecture, or {@code return_address}, {@code signum},
     *              {@code saved_mask}
     * @return its value as it is on the stack now
     */
    public long saved(final String field) {
        return memory.getLong(address + offset(field));
    }

    /**
     * Changes a saved field: sigreturn restores the changed value (validated).
     *
     * @param field the field
     * @param value the value
     */
    public void setSaved(final String field, final long value) {
        memory.putLong(address + offset(field), value);
    }

    /** @return the saved signal mask (signal n at bit n-1) */
    public long savedMask() {
        return saved("saved_mask");
    }

    /**
     * Changes the mask sigreturn restores.
     *
     * @param mask signal n at bit n-1
     */
    public void setSavedMask(final long mask) {
        setSaved("saved_mask", mask);
    }

    private int offset(final String field) {
        for (final FrameField f : arch.frameFields()) {
            if (f.name().equals(field)) {
                return f.offset();
            }
        }
        throw new IllegalArgumentException("field must be a frame field of " + arch.cliName() + ": field=" + field);
    }
}
