package dev.sigpage.api;

/**
 * The POSIX error numbers the signal protocol reports, with their Linux values.
 */
public enum Errno {
    /** Operation not permitted: the sender may not signal the target. */
    EPERM(1),
    /** No such process or thread, or it has exited. */
    ESRCH(3),
    /** Interrupted system call. */
    EINTR(4),
    /** Resource temporarily unavailable: a realtime queue is full, or a timed wait timed out. */
    EAGAIN(11),
    /** Not enough memory: an alternate signal stack below the minimum size. */
    ENOMEM(12),
    /** Invalid argument: a signal number, a {@code how}, an action. */
    EINVAL(22);

    private final int number;

    Errno(final int number) {
        this.number = number;
    }

    /**
     * The Linux errno value.
     *
     * @return the number, e.g. 22 for {@link #EINVAL}
     */
    public int number() {
        return number;
    }
}
