package dev.sigpage.impl;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Delivery;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.RealtimeQueueDescriptor;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.SignalThread;
import dev.sigpage.api.ThreadControlDescriptor;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * A thread of the kernel model: its thread control region (296 bytes, 16-aligned, off-heap) and its queue region
 * for thread-directed realtime signals.
 *
 * <p><b>Ownership invariant.</b> Only the owning thread writes the allow half of its words. A {@code ModelThread}
 * object stands for one thread of execution: the calls that change its mask ({@link #sigprocmask}), claim for it
 * ({@link #claim}), toggle its inhibit flag, or wait ({@link #awaitDeliverable}) must not run concurrently on two
 * Java threads, exactly as a real thread runs on one CPU at a time. Senders ({@link Kernel}) may run on any Java
 * thread. Under this invariant a mask change is one {@code getAndAdd} per changed word: no CAS loop, no lock.
 *
 * <p><b>When does a running thread notice a signal?</b> The model has no timer interrupt: a running thread
 * observes a newly pending signal at its next return-to-user check, {@link #deliveryDue()} (as a kernel's thread
 * does at the next tick or system call return). Only threads parked in {@link #awaitDeliverable} are woken.
 *
 * <p><b>Java interrupts.</b> Every wait ({@link #awaitDeliverable}, {@link #sigtimedwait}, {@link #sigwaitinfo},
 * {@link #sigsuspend}) ends on a Java interrupt of the waiting thread with {@link WaitInterruptedException}, the
 * interrupt flag still set and the thread's mask and sleeper registration as before the wait. A Java interrupt is
 * not a signal: it is never EINTR and never delivers anything.
 */
public final class ModelThread implements SignalThread {
    final Kernel kernel;
    final ModelProcess process;
    final int tid;
    final int slot;
    final AtomicBuffer region;
    final ThreadControl control;
    final RealtimeQueue queue;
    /** The lock-free ring of this thread's realtime signals under {@link RealtimeQueueKind#LOCK_FREE}, else null. */
    final LockFreeRealtimeQueue lockFreeQueue;

    final ParkingWaiter waiter = new ParkingWaiter(this);
    final AltStackState altStack = new AltStackState();
    private final InhibitSections inhibit;
    private volatile boolean alive = true;

    ModelThread(
            final Kernel kernel, final ModelProcess process, final int tid, final int slot, final long initialAllow) {
        this.kernel = kernel;
        this.process = process;
        this.tid = tid;
        this.slot = slot;
        this.region = Regions.allocate(ThreadControlDescriptor.LENGTH, ThreadControlDescriptor.ALIGNMENT);
        this.control = ThreadControl.wrap(region, 0);
        this.inhibit = new InhibitSections(control);
        final int depth = kernel.config().realtimeQueueDepth();
        this.queue = RealtimeQueue.wrap(
                Regions.allocate(RealtimeQueueDescriptor.length(depth), RealtimeQueueDescriptor.ALIGNMENT), 0, depth);
        this.lockFreeQueue = kernel.config().realtimeQueueKind() == RealtimeQueueKind.LOCK_FREE
                ? LockFreeRealtimeQueue.allocate(depth)
                : null;
        // plain: the thread is not yet published; publication (a volatile array store) orders these writes.
        region.putLong(ThreadControlDescriptor.WORD_0_OFFSET, initialAllow << ThreadControlDescriptor.ALLOW_SHIFT);
        region.putLong(ThreadControlDescriptor.WORD_1_OFFSET, initialAllow & ThreadControlDescriptor.ALLOW_MASK);
    }

    @Override
    public int tid() {
        return tid;
    }

    @Override
    public ModelProcess process() {
        return process;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    void checkAlive() {
        if (!alive) {
            throw ThreadExitedException.thread(tid);
        }
    }

    @Override
    public void exit() {
        checkAlive();
        process.exitThread(this);
    }

    /** Marks the thread dead; called by the process with its lock held. */
    void markExited() {
        // volatile: later operations on this thread see it dead; a parked waiter re-reads it after the unpark.
        alive = false;
        waiter.wake();
    }

    @Override
    public SignalSet sigprocmask(final MaskHow how, final SignalSet set) {
        Objects.requireNonNull(set, "set");
        return SignalSet.ofBits(sigprocmask(how, set.bits()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code getAndAdd} per changed word, no lock (see {@code MaskChange}); a newly blocked signal pending for
     * the process wakes another thread that allows it. Allocation-free.
     *
     * @throws NullPointerException  if {@code how} is null
     * @throws IllegalStateException ({@link ThreadExitedException}) if the thread has exited
     */
    @Override
    public long sigprocmask(final MaskHow how, final long setBits) {
        Objects.requireNonNull(how, "how");
        checkAlive();
        return MaskChange.apply(this, how, setBits);
    }

    @Override
    public SignalSet mask() {
        checkAlive();
        return SignalSet.ofBits(maskBits());
    }

    /** @return the mask without allocating: blocked signals, signal n at bit n-1 */
    public long maskBits() {
        return ~allowBits();
    }

    /** @return the allow halves of both words without allocating (volatile reads), signal n at bit n-1 */
    public long allowBits() {
        // volatile: another thread (a printer, a test) may read the owner's words.
        return (control.word0() >>> 32) | (control.word1() & ThreadControlDescriptor.ALLOW_MASK);
    }

    /** @return thread pending | process pending without allocating (volatile reads), signal n at bit n-1 */
    public long pendingBits() {
        return threadPendingBits() | process.control.pendingWord();
    }

    /** @return the thread-directed pending set without allocating (volatile reads), signal n at bit n-1 */
    public long threadPendingBits() {
        return (control.word0() & 0xFFFF_FFFFL) | (control.word1() << 32);
    }

    /**
     * (thread pending | process pending) &amp; allow, without allocating: what a polling waiter or the kernel's
     * return-to-user check reads. Mode: volatile reads of both words and the process pending word.
     *
     * @return signal n at bit n-1
     */
    public long deliverableBits() {
        final long w0 = control.word0();
        final long w1 = control.word1();
        final long p = process.control.pendingWord();
        final long d0 = (w0 | p) & (w0 >>> 32) & 0xFFFF_FFFFL;
        final long d1 = (w1 | (p >>> 32)) & (w1 >>> 32) & 0xFFFF_FFFFL;
        return d0 | (d1 << 32);
    }

    @Override
    public SignalSet sigpending() {
        checkAlive();
        return SignalSet.ofBits(pendingBits() & maskBits());
    }

    @Override
    public SignalSet pendingSet() {
        checkAlive();
        return SignalSet.ofBits(pendingBits());
    }

    /** @return the thread-directed pending set alone: the pending halves of the thread's words */
    public SignalSet threadPendingSet() {
        checkAlive();
        return SignalSet.ofBits(threadPendingBits());
    }

    @Override
    public SignalSet deliverableSet() {
        checkAlive();
        return SignalSet.ofBits(deliverableBits());
    }

    /**
     * {@inheritDoc}
     *
     * <p>See {@code SignalClaim}: atomic clears and competitive claims on the words, realtime instances under their
     * queue's lock, a stale realtime bit (an empty ring) cleared, an instance whose action became ignored discarded.
     *
     * @throws NullPointerException  if {@code out} is null
     * @throws IllegalStateException ({@link ThreadExitedException}) if the thread has exited
     */
    @Override
    public int claim(final MutableSigInfo out) {
        Objects.requireNonNull(out, "out");
        checkAlive();
        return SignalClaim.claim(this, out, -1L, false);
    }

    @Override
    public Optional<SigInfo> claimNext() {
        final MutableSigInfo info = new MutableSigInfo();
        return claim(info) == 0 ? Optional.empty() : Optional.of(info.toSigInfo());
    }

    @Override
    public void inhibitDelivery() {
        checkAlive();
        inhibit.open();
    }

    @Override
    public boolean allowDelivery() {
        checkAlive();
        return inhibit.close() && deliverableBits() != 0;
    }

    @Override
    public boolean deliveryInhibited() {
        checkAlive();
        return inhibit.inhibited();
    }

    /** @return the nesting depth of no-delivery sections, 0 when delivery is allowed */
    public int inhibitDepth() {
        return inhibit.depth();
    }

    @Override
    public boolean deliveryDue() {
        checkAlive();
        return !inhibit.inhibited() && deliverableBits() != 0;
    }

    @Override
    public SignalSet awaitDeliverable(final long timeoutNanos) {
        return awaitDeliverable(null, timeoutNanos);
    }

    /**
     * Waits until a signal is deliverable or the timeout passes: parked (registered in the process's sleeper index,
     * unparked by senders; no wake-up is lost, see {@code ParkingWaiter}), or polling with an {@link IdleStrategy}.
     *
     * @param idle         null to park, else the strategy between polls
     * @param timeoutNanos the longest wait; 0 or less checks once
     * @return the deliverable set, empty on timeout
     * @throws IllegalStateException ({@link ThreadExitedException}) if the thread has exited
     * @throws WaitInterruptedException if the Java thread is interrupted while it waits
     */
    public SignalSet awaitDeliverable(final IdleStrategy idle, final long timeoutNanos) {
        return awaitDeliverable(idle, timeoutNanos, null);
    }

    /**
     * As {@link #awaitDeliverable(IdleStrategy, long)}, also ended by a condition that another party completes (a
     * pipe, a futex, a server's response), checked after every check of the deliverable set. That party must unpark
     * the waiting Java thread after making {@code done} true (an earlier unpark is kept as a permit), and
     * {@code done} must read what it wrote with a volatile read or under a lock.
     *
     * @param idle         null to park, else the strategy between polls
     * @param timeoutNanos the longest wait; 0 or less checks once
     * @param done         the condition that ends the wait, or null for none
     * @return the deliverable set, empty if the condition or the timeout ended the wait
     * @throws IllegalStateException ({@link ThreadExitedException}) if the thread has exited
     * @throws WaitInterruptedException if the Java thread is interrupted while it waits
     */
    public SignalSet awaitDeliverable(final IdleStrategy idle, final long timeoutNanos, final BooleanSupplier done) {
        checkAlive();
        return SignalSet.ofBits(waiter.await("awaitDeliverable", idle, timeoutNanos, done));
    }

    @Override
    public int deliver(final Delivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        checkAlive();
        if (inhibit.inhibited()) {
            delivery.info().clear();
            delivery.set(SigAction.SIG_DFL, 0, maskBits(), false, 0);
            return 0;
        }
        return deliverClaimed(delivery, maskBits());
    }

    /** Claims the next deliverable signal and applies its action to the page; {@code savedMask} goes in the record. */
    int deliverClaimed(final Delivery delivery, final long savedMask) {
        return PageDelivery.deliver(this, delivery, savedMask);
    }

    @Override
    public void sigreturn(final Delivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        checkAlive();
        sigprocmask(MaskHow.SETMASK, delivery.savedMask());
        if (delivery.onAltStack()) {
            altStack.leave();
        }
    }

    /**
     * Whether a handler runs on the alternate signal stack now: {@code sigaltstack}'s {@code SS_ONSTACK}, read
     * without allocating (for the engine's frame push).
     *
     * @return true while a handler that switched to the alternate stack runs
     */
    public boolean onAltStack() {
        checkAlive();
        return altStack.onStack();
    }

    /**
     * {@inheritDoc}
     *
     * @throws SignalException EPERM while a handler runs on it, EINVAL for flags other than SS_DISABLE or a stack
     *                         ending at or past 2^64, ENOMEM below {@link AltStack#MINSIGSTKSZ}; the stack is then
     *                         unchanged
     */
    @Override
    public AltStack sigaltstack(final AltStack stack) {
        checkAlive();
        final AltStack old = altStack.current();
        if (stack != null) {
            altStack.replace(stack, kernel.rules().altStackExtraFlags());
        }
        return old;
    }

    @Override
    public int sigtimedwait(final SignalSet set, final MutableSigInfo out, final long timeoutNanos) {
        return sigtimedwait(set, out, timeoutNanos, null);
    }

    /**
     * As {@link #sigtimedwait(SignalSet, MutableSigInfo, long)}, waiting with an idle strategy.
     *
     * @param set          the signals to wait for
     * @param out          receives the claimed signal's info
     * @param timeoutNanos how long to wait
     * @param idle         null to park (senders unpark this thread), else the Agrona idle strategy that polls
     * @return the claimed signal
     * @throws WaitInterruptedException if the Java thread is interrupted while it waits; the mask is restored and
     *                                  nothing is claimed
     */
    public int sigtimedwait(
            final SignalSet set, final MutableSigInfo out, final long timeoutNanos, final IdleStrategy idle) {
        return SignalWaits.sigtimedwait(this, set, out, timeoutNanos, idle);
    }

    @Override
    public int sigwaitinfo(final SignalSet set, final MutableSigInfo out) {
        return sigtimedwait(set, out, Long.MAX_VALUE);
    }

    @Override
    public int sigsuspend(final SignalSet mask, final Delivery delivery, final long timeoutNanos) {
        return sigsuspend(mask, delivery, timeoutNanos, null);
    }

    /**
     * As {@link #sigsuspend(SignalSet, Delivery, long)}, waiting with an idle strategy.
     *
     * @param mask         the mask while waiting
     * @param delivery     receives the delivered signal's action and info
     * @param timeoutNanos how long to wait
     * @param idle         null to park (senders unpark this thread), else the Agrona idle strategy that polls
     * @return the delivered signal, 0 on timeout
     * @throws WaitInterruptedException if the Java thread is interrupted while it waits; the mask is restored and
     *                                  nothing is delivered
     */
    public int sigsuspend(
            final SignalSet mask, final Delivery delivery, final long timeoutNanos, final IdleStrategy idle) {
        return SignalWaits.sigsuspend(this, mask, delivery, timeoutNanos, idle);
    }

    /** Unparks the thread if it is parked in {@link #awaitDeliverable}. */
    void wake() {
        waiter.wake();
    }

    /** @return the flyweight over the thread control region */
    public ThreadControl control() {
        return control;
    }

    /** @return the 296-byte, 16-aligned thread control region (its capacity is exactly 296) */
    public AtomicBuffer region() {
        return region;
    }

    /**
     * The locked queue region of thread-directed signals: the realtime rings under {@link RealtimeQueueKind#LOCKED},
     * and the standard signals' code and value slots under either kind.
     *
     * @return the queue flyweight
     */
    public RealtimeQueue realtimeQueue() {
        return queue;
    }

    /**
     * The number of queued thread-directed instances of a realtime signal, in the ring of the kernel's queue kind.
     * A snapshot: exact when no send or claim runs concurrently.
     *
     * @param sig 33..64
     * @return entries queued
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     * @throws IllegalArgumentException        for a standard signal
     */
    public int queuedRealtime(final int sig) {
        return lockFreeQueue != null ? lockFreeQueue.count(sig) : queue.count(sig);
    }

    @Override
    public String toString() {
        return "ModelThread[tid=" + tid + ", pid=" + process.pid() + (alive ? "" : ", exited") + "]";
    }
}
