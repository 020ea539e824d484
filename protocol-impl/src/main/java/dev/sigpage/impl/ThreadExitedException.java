package dev.sigpage.impl;

/**
 * An operation on a model thread that has exited, or whose process has exited. It is an
 * {@link IllegalStateException} (a dead thread is a state error), and its own type so that a caller that expects
 * the end of a thread (the delivery engine) catches exactly this and never a misuse.
 */
public final class ThreadExitedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private ThreadExitedException(final String message) {
        super(message);
    }

    static ThreadExitedException thread(final int tid) {
        return new ThreadExitedException("thread has exited: tid=" + tid);
    }

    static ThreadExitedException process(final int pid) {
        return new ThreadExitedException("process has exited: pid=" + pid);
    }
}
