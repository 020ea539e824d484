package dev.sigpage.api;

/**
 * A reusable, allocation-free record of one signal delivery: what the trampoline learns when it picks a signal
 * ({@link SignalThread#deliver}) and what {@link SignalThread#sigreturn} restores.
 */
public final class Delivery {
    private final MutableSigInfo info = new MutableSigInfo();
    private long handler;
    private int flags;
    private long savedMask;
    private boolean onAltStack;
    private long altStackTop;

    /**
     * Creates an empty delivery.
     */
    public Delivery() {}

    /**
     * Fills the delivery; used by the delivering side.
     *
     * @param handler     the handler address, or {@link SigAction#SIG_DFL}
     * @param flags       the action's {@code sa_flags}
     * @param savedMask   the mask before delivery, restored by sigreturn
     * @param onAltStack  whether this delivery switched to the alternate stack
     * @param altStackTop the initial stack pointer on the alternate stack (base + size), 0 if not switched
     * @return this
     */
    public Delivery set(
            final long handler,
            final int flags,
            final long savedMask,
            final boolean onAltStack,
            final long altStackTop) {
        this.handler = handler;
        this.flags = flags;
        this.savedMask = savedMask;
        this.onAltStack = onAltStack;
        this.altStackTop = altStackTop;
        return this;
    }

    /**
     * The claimed signal's info.
     *
     * @return the info holder (signo 0 when nothing was delivered)
     */
    public MutableSigInfo info() {
        return info;
    }

    /**
     * The signal number.
     *
     * @return the delivered signal, 0 if none
     */
    public int signo() {
        return info.signo();
    }

    /**
     * The handler that runs, or {@link SigAction#SIG_DFL} when the default action applies.
     *
     * @return the handler address
     */
    public long handler() {
        return handler;
    }

    /**
     * Whether the default action applies (see {@link Signals#defaultAction(int)}).
     *
     * @return true if no handler runs
     */
    public boolean isDefault() {
        return handler == SigAction.SIG_DFL;
    }

    /**
     * The action's flags at delivery time.
     *
     * @return {@link SaFlags} bits
     */
    public int flags() {
        return flags;
    }

    /**
     * The mask sigreturn restores.
     *
     * @return mask bits before the delivery
     */
    public long savedMask() {
        return savedMask;
    }

    /**
     * Whether the handler runs on the alternate stack.
     *
     * @return true if this delivery switched stacks
     */
    public boolean onAltStack() {
        return onAltStack;
    }

    /**
     * The stack pointer the handler starts from on the alternate stack.
     *
     * @return base + size of the alternate stack, 0 if not switched
     */
    public long altStackTop() {
        return altStackTop;
    }

    /**
     * Whether an interrupted system call restarts (SA_RESTART) instead of failing with EINTR.
     *
     * @return true if the handler was installed with SA_RESTART
     */
    public boolean restartsSyscall() {
        return (flags & SaFlags.SA_RESTART) != 0;
    }
}
