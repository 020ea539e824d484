package dev.sigpage.impl;

/**
 * A blocking wait of a model thread ended because its Java thread was interrupted ({@link Thread#interrupt()}), as a
 * test's timeout or an executor's shutdown does. A Java interrupt is not a POSIX signal: it is never turned into
 * EINTR or a delivery, and it ends even a wait without a deadline. The interrupt flag stays set, and the wait leaves
 * what it changed as it was before (its mask, its sleeper registration, its place in waiter lists and queues); a
 * signal that arrived meanwhile stays pending.
 */
public final class WaitInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int tid;

    /**
     * @param call the call that was waiting (e.g. {@code sigsuspend}, {@code read})
     * @param tid  the waiting thread
     */
    public WaitInterruptedException(final String call, final int tid) {
        this(call, tid, null);
    }

    /**
     * @param call  the call that was waiting
     * @param tid   the waiting thread
     * @param inner the same interrupt as the inner wait that saw it reported it, or null
     */
    public WaitInterruptedException(final String call, final int tid, final WaitInterruptedException inner) {
        super("a Java interrupt ended the wait: call=" + call + ", tid=" + tid, inner);
        this.call = call;
        this.tid = tid;
    }

    /** @return the call that was waiting */
    public String call() {
        return call;
    }

    /** @return the waiting thread's id */
    public int tid() {
        return tid;
    }

    /**
     * The same interrupt reported as the wait of an outer call.
     *
     * @param outer the call that the inner wait was part of
     * @return this if it already names that call, else a new exception naming it, with this as its cause
     */
    public WaitInterruptedException in(final String outer) {
        return outer.equals(call) ? this : new WaitInterruptedException(outer, tid, this);
    }
}
