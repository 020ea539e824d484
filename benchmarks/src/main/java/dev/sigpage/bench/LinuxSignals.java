package dev.sigpage.bench;

/**
 * JNI binding to the real Linux signal calls the model is measured against (see {@code src/main/c/sigbench.c}).
 */
final class LinuxSignals {

    /** {@code SIG_BLOCK} of Linux's rt_sigprocmask. */
    static final int SIG_BLOCK = 0;
    /** {@code SIG_UNBLOCK} of Linux's rt_sigprocmask. */
    static final int SIG_UNBLOCK = 1;
    /** {@code SIG_SETMASK} of Linux's rt_sigprocmask. */
    static final int SIG_SETMASK = 2;

    /** Linux's SIGUSR1; the JVM on Linux neither blocks nor handles it. */
    static final int SIGUSR1 = 10;

    /** Delivery probe: the waiter sleeps in sigwaitinfo and the probe stamps its return. */
    static final int MODE_SIGWAITINFO = 0;
    /** Delivery probe: the waiter sleeps in sigsuspend and the probe stamps the handler's entry. */
    static final int MODE_HANDLER = 1;

    static {
        NativeLibrary.load();
    }

    private LinuxSignals() {}

    /**
     * The raw {@code rt_sigprocmask} system call on the calling thread.
     *
     * @param how {@link #SIG_BLOCK}, {@link #SIG_UNBLOCK} or {@link #SIG_SETMASK}
     * @param set the signal set, signal n at bit n-1
     * @return the blocked set before the call, as the kernel returned it
     */
    static native long rtSigprocmask(int how, long set);

    /**
     * A JNI call with the signature of {@link #rtSigprocmask} that does not enter the kernel: the JNI baseline.
     *
     * @param how any value
     * @param set any value
     * @return {@code set ^ how}
     */
    static native long noop(int how, long set);

    /**
     * The kernel thread id of the calling thread.
     *
     * @return the tid
     */
    static native int gettid();

    /**
     * Measures Linux signal delivery to a thread blocked in the kernel.
     *
     * @param mode      {@link #MODE_SIGWAITINFO} or {@link #MODE_HANDLER}
     * @param signo     the signal sent with tgkill
     * @param warmup    deliveries done before recording
     * @param oneWay    filled with the nanoseconds from just before tgkill to the waiter observing the signal
     * @param roundTrip filled with the nanoseconds from just before tgkill to the sender seeing the waiter's
     *                  acknowledgement; same length as {@code oneWay}
     * @return the number of samples recorded
     */
    static native int deliveryLatency(int mode, int signo, int warmup, long[] oneWay, long[] roundTrip);
}
