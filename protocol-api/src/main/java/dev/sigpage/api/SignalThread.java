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
     * Delivers the next deliverable signal as the kernel and the trampoline do: claims it, and if its action is a
     * handler, saves the mask and blocks {@code sa_mask} plus the signal itself (unless SA_NODEFER), resets the
     * action to SIG_DFL (SA_RESETHAND), and switches to the alternate stack (SA_ONSTACK, when one is enabled and not
     * already in use). Nothing happens while delivery is inhibited. Allocation-free.
     *
     * @param delivery receives the signal, its info, the handler, the flags and the saved mask
     * @return the signal number, 0 if nothing was delivered
     */
    int deliver(Delivery delivery);

    /**
     * Returns from a handler: restores the mask saved by {@link #deliver} and leaves the alternate stack if that
     * delivery entered it. A signal unblocked by the restore is deliverable at once ({@link #deliveryDue()}).
     *
     * @param delivery the delivery being returned from
     */
    void sigreturn(Delivery delivery);

    /**
     * Sets the alternate signal stack and returns the old one.
     *
     * @param stack the new stack, or null to only read
     * @return the previous stack, with {@link AltStack#SS_ONSTACK} while a handler runs on it
     * @throws SignalException EPERM while running on the alternate stack, ENOMEM below
     *                         {@link AltStack#MINSIGSTKSZ}, EINVAL for flags other than 0 and SS_DISABLE
     */
    AltStack sigaltstack(AltStack stack);

    /**
     * {@code sigtimedwait}: takes a pending signal of {@code set} (blocked or not) without running a handler,
     * waiting up to the timeout. While it waits, the signals of {@code set} are temporarily unblocked so that
     * senders wake this thread (Linux's {@code real_blocked} trick); the mask is restored before it returns.
     *
     * @param set          the signals to wait for (SIGKILL and SIGSTOP are ignored)
     * @param out          receives the signal's info
     * @param timeoutNanos the longest wait; 0 polls
     * @return the signal number
     * @throws SignalException EAGAIN on timeout; EINTR when a signal outside {@code set} became deliverable
     */
    int sigtimedwait(SignalSet set, MutableSigInfo out, long timeoutNanos);

    /**
     * {@code sigwaitinfo}: {@link #sigtimedwait} without a timeout.
     *
     * @param set the signals to wait for
     * @param out receives the signal's info
     * @return the signal number
     * @throws SignalException EINTR when a signal outside {@code set} became deliverable
     */
    int sigwaitinfo(SignalSet set, MutableSigInfo out);

    /**
     * {@code sigsuspend}: replaces the mask, waits until a signal is deliverable, delivers it with
     * {@link #deliver} (so its handler runs under the temporary mask), and restores the original mask when the
     * caller calls {@link #sigreturn}: {@code delivery.savedMask()} is the mask from before the suspend. POSIX
     * returns EINTR after the handler; the model returns the delivered signal. When the delivered signal's action
     * is the default one no handler runs, and the original mask is already restored on return.
     *
     * @param mask         the temporary mask
     * @param delivery     receives the delivery
     * @param timeoutNanos the longest wait (the model's extension; {@code Long.MAX_VALUE} for POSIX)
     * @return the delivered signal, 0 on timeout (the original mask is then already restored)
     */
    int sigsuspend(SignalSet mask, Delivery delivery, long timeoutNanos);

    /**
     * Waits (parks) until a signal is deliverable or the timeout passes.
     *
     * @param timeoutNanos the longest wait
     * @return the deliverable set, empty on timeout
     */
    SignalSet awaitDeliverable(long timeoutNanos);
}
