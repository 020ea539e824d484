package dev.sigpage.api;

/**
 * The kernel side of the protocol: it creates processes and sends signals.
 *
 * <p>Every send records the sender (pid and real uid of the sending thread's process) before the pending bit
 * becomes visible. Permission: a sender whose real uid is 0 is privileged; otherwise its real uid must equal the
 * target's real or saved uid, else {@link Errno#EPERM}. An unknown or exited target gives {@link Errno#ESRCH}. A
 * {@code null} sender stands for the kernel itself: pid 0, uid 0, privileged, code {@link SigInfo#SI_KERNEL}.
 *
 * <p>A signal whose action is {@code SIG_IGN}, or {@code SIG_DFL} with a default action of ignore, is discarded
 * when it is generated (Linux's rule, without Linux's exception for blocked signals); the claim re-checks the
 * action, so a send racing {@code sigaction(SIG_IGN)} is never delivered after the ignore took effect.
 */
public interface SignalKernel {
    /**
     * Creates a process with one attached main thread.
     *
     * @param ruid real user id, 0 or more
     * @param suid saved user id, 0 or more
     * @return the process, pids counting 1, 2, ...
     */
    SignalProcess spawn(int ruid, int suid);

    /**
     * Looks up a live process.
     *
     * @param pid process id
     * @return the process
     * @throws SignalException ESRCH for an unknown or exited process
     */
    SignalProcess process(int pid);

    /**
     * Sends a process-directed signal ({@code kill}), code SI_USER.
     *
     * @param sender the sending thread, or null for the kernel
     * @param pid    target process
     * @param sig    signal 1..31 or 33..64
     * @throws SignalException EINVAL, EPERM, ESRCH, or EAGAIN (realtime queue full)
     */
    void kill(SignalThread sender, int pid, int sig);

    /**
     * Sends a thread-directed signal ({@code tgkill}), code SI_TKILL.
     *
     * @param sender the sending thread, or null for the kernel
     * @param pid    target process
     * @param tid    target thread of that process
     * @param sig    signal 1..31 or 33..64
     * @throws SignalException EINVAL, EPERM, ESRCH, or EAGAIN (realtime queue full)
     */
    void tgkill(SignalThread sender, int pid, int tid, int sig);

    /**
     * Queues a process-directed signal with a value ({@code sigqueue}), code SI_QUEUE. A realtime signal is
     * queued: each instance is delivered once, in order, with its value. A standard signal behaves like
     * {@link #kill} (instances merge) but records the value and code of the latest send.
     *
     * @param sender the sending thread, or null for the kernel
     * @param pid    target process
     * @param sig    signal 1..31 or 33..64
     * @param value  the value
     * @throws SignalException EINVAL, EPERM, ESRCH, or EAGAIN when the queue of that signal is full
     */
    void sigqueue(SignalThread sender, int pid, int sig, long value);

    /**
     * Queues a thread-directed signal with a value ({@code pthread_sigqueue}), code SI_QUEUE.
     *
     * @param sender the sending thread, or null for the kernel
     * @param pid    target process
     * @param tid    target thread
     * @param sig    signal 1..31 or 33..64
     * @param value  the value
     * @throws SignalException EINVAL, EPERM, ESRCH, or EAGAIN when the queue of that signal is full
     */
    void sigqueueThread(SignalThread sender, int pid, int tid, int sig, long value);
}
