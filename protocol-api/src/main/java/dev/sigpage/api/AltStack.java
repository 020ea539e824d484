package dev.sigpage.api;

/**
 * An alternate signal stack ({@code stack_t} of {@code sigaltstack}), with Linux's flag values.
 *
 * @param base  lowest address of the stack ({@code ss_sp})
 * @param size  size in bytes ({@code ss_size}); at least {@link #MINSIGSTKSZ} unless disabled
 * @param flags 0, {@link #SS_DISABLE}; when read back also {@link #SS_ONSTACK} while a handler runs on it
 */
public record AltStack(long base, long size, int flags) {
    /** Read back only: the thread is running on the alternate stack. */
    public static final int SS_ONSTACK = 1;
    /** The alternate stack is disabled. */
    public static final int SS_DISABLE = 2;
    /** The minimum size of an alternate stack (Linux's generic value). */
    public static final long MINSIGSTKSZ = 2048;
    /** No alternate stack: the initial state of every thread. */
    public static final AltStack DISABLED = new AltStack(0, 0, SS_DISABLE);

    /**
     * Whether the stack is disabled.
     *
     * @return true if {@link #SS_DISABLE} is set
     */
    public boolean isDisabled() {
        return (flags & SS_DISABLE) != 0;
    }

    /**
     * Whether the thread is running on it (read back only).
     *
     * @return true if {@link #SS_ONSTACK} is set
     */
    public boolean isOnStack() {
        return (flags & SS_ONSTACK) != 0;
    }
}
