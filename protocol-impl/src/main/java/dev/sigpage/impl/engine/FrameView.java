package dev.sigpage.impl.engine;

import dev.sigpage.frames.Arch;
import dev.sigpage.frames.Delivery;
import dev.sigpage.frames.FrameField;

/**
 * The saved context of one delivery, read and written in place on the modelled stack (what a handler reaches
 * through {@code ucontext_t}): the frame {@code arch-frames} pushed, at the address it predicts. Changes take
 * effect at sigreturn, which restores through {@code arch-frames}' validated restore.
 */
public final class FrameView {
    private final Delivery delivery;
    private final UserStack memory;
    private final boolean onAltStack;

    FrameView(final Delivery delivery, final UserStack memory, final boolean onAltStack) {
        this.delivery = delivery;
        this.memory = memory;
        this.onAltStack = onAltStack;
    }

    /**
     * The delivery as arch-frames computed it (writes, entry registers, handler mask). On a switch to the
     * alternate stack the saved stack pointer on the stack is the interrupted one, not the one in these writes.
     *
     * @return the delivery
     */
    public Delivery delivery() {
        return delivery;
    }

    /** @return the architecture */
    public Arch arch() {
        return delivery.arch();
    }

    /** @return the address of the frame's first field */
    public long address() {
        return delivery.frameAddress();
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
        return memory.getLong(address() + offset(field));
    }

    /**
     * Changes a saved field: sigreturn restores the changed value (validated).
     *
     * @param field the field
     * @param value the value
     */
    public void setSaved(final String field, final long value) {
        memory.putLong(address() + offset(field), value);
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
        for (final FrameField f : delivery.arch().frameFields()) {
            if (f.name().equals(field)) {
                return f.offset();
            }
        }
        throw new IllegalArgumentException(
                "field must be a frame field of " + delivery.arch().cliName() + ": field=" + field);
    }
}
