package dev.sigpage.api;

import java.util.Optional;

/**
 * The thread side of the protocol: the operations a C library runs in user space on its thread control region.
 *
 * <p>Ownership: only the owning thread changes its allow bits. A model thread object stands for one thread of
 * execution; calls that change its mask, claim for it, or toggle its inhibit flag must not run concurrently on
 * two Java threads (as a real thread runs on one CPU at a time). Senders may run on any Java thread.
 *
 * <p>Every operation on a thread that has exited throws {@link IllegalStateException} naming its tid.
 */
public interface SignalThread {
    /**
     * The thread id, unique within the kernel.
     *
     * @return tid
     */
    int tid();

    /**
     * The process.
     *
     * @return the owning process
     */
    SignalProcess process();

    /**
     * Whether the thread has not exited.
     *
     * @return true while alive
     */
    boolean isAlive();

    /**
     * Exits the thread; its thread-directed pending signals are lost.
     */
    void exit();

    /**
     * Changes the mask. SIGKILL and SIGSTOP may be named and stay unblocked.
     *
     * @param how BLOCK, UNBLOCK or SETMASK
     * @param set the signals
     * @return the previous mask
     */
    SignalSet sigprocmask(MaskHow how, SignalSet set);

    /**
     * Changes the mask without allocating: one atomic {@code getAndAdd} per changed word.
     *
     * @param how     BLOCK, UNBLOCK or SETMASK
     * @param setBits the signals, signal n at bit n-1
     * @return the previous mask bits
     */
    long sigprocmask(MaskHow how, long setBits);

    /**
     * The mask (the complement of the allow bits).
     *
     * @return blocked signals
     */
    SignalSet mask();

    /**
     * POSIX {@code sigpending}: pending (thread or process) and blocked.
     *
     * @return (thread pending | process pending) &amp; mask
     */
    SignalSet sigpending();

    /**
     * Every pending signal, blocked or not.
     *
     * @return thread pending | process pending
     */
    SignalSet pendingSet();

    /**
     * The signals the kernel may deliver now.
     *
     * @return (thread pending | process pending) &amp; allow
     */
    SignalSet deliverableSet();

    /**
     * Claims the next deliverable signal, as the signal trampoline does: standard before realtime; in the standard
     * group the lowest thread-directed signal, else the lowest process-directed one; in the realtime group the
     * lowest of both together (thread first for the same number). A process-directed instance goes to exactly one
     * claimer. Allocation-free.
     *
     * @param out receives the signal number, code, sender and value
     * @return the signal number, 0 if nothing is deliverable
     */
    int claim(MutableSigInfo out);

    /**
     * Claims the next deliverable signal.
     *
     * @return its info, empty if nothing is deliverable
     */
    Optional<SigInfo> claimNext();

    /**
     * Enters a no-delivery section (control flags bit 0); sections nest.
     */
    void inhibitDelivery();

    /**
     * Leaves a no-delivery section.
     *
     * @return true if this left the outermost section and a signal is deliverable, so the caller delivers it now
     * @throws IllegalStateException if no section is open
     */
    boolean allowDelivery();

    /**
     * Whether a no-delivery section is open.
     *
     * @return control flags bit 0
     */
    boolean deliveryInhibited();

    /**
     * The kernel's decision at a return to user mode: something deliverable and delivery not inhibited.
     *
     * @return true if the kernel diverts the thread to the trampoline
     */
    boolean deliveryDue();

    /**
     * Waits (parks) until a signal is deliverable or the timeout passes.
     *
     * @param timeoutNanos the longest wait
     * @return the deliverable set, empty on timeout
     */
    SignalSet awaitDeliverable(long timeoutNanos);
}
