package dev.sigpage.impl.engine;

/**
 * A {@code stack_t}: an alternate signal stack as {@link Sys#sigaltstack} sets and reports it.
 *
 * @param sp    the lowest address
 * @param size  the size in bytes
 * @param flags {@link #SS_ONSTACK} (reported only), {@link #SS_DISABLE}
 */
public record AltStack(long sp, long size, int flags) {
    /** Reported when the thread is running on the alternate stack (Linux value). */
    public static final int SS_ONSTACK = 1;
    /** The alternate stack is disabled (Linux value). */
    public static final int SS_DISABLE = 2;
    /** The smallest size accepted (Linux {@code MINSIGSTKSZ} on x86-64). */
    public static final long MINSIGSTKSZ = 2048;
    /** The state of a thread that never set one. */
    public static final AltStack DISABLED = new AltStack(0, 0, SS_DISABLE);

    /**
     * An enabled alternate stack.
     *
     * @param sp   the lowest address
     * @param size the size
     * @return the stack_t
     */
    public static AltStack of(final long sp, final long size) {
        return new AltStack(sp, size, 0);
    }

    /** @return true if disabled */
    public boolean disabled() {
        return (flags & SS_DISABLE) != 0;
    }

    /**
     * Whether a stack pointer is on this stack: inside (sp, sp + size].
     *
     * @param stackPointer the stack pointer
     * @return true if enabled and on it
     */
    public boolean contains(final long stackPointer) {
        return !disabled() && Long.compareUnsigned(stackPointer, sp) > 0
            && Long.compareUnsigned(stackPointer - sp, size) <= 0;
    }
}
