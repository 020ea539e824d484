package dev.sigpage.impl;

import static dev.sigpage.api.ThreadControlDescriptor.INHIBIT_DELIVERY_FLAG;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Delivery;
import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.RealtimeQueueDescriptor;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.SignalThread;
import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
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
 */
public final class ModelThread implements SignalThread {
    final Kernel kernel;
    final ModelProcess process;
    final int tid;
    final int slot;
    final AtomicBuffer region;
    final ThreadControl control;
    final RealtimeQueue queue;
    private volatile boolean alive = true;
    private volatile Thread carrier;
    private int inhibitDepth;
    private long altStackBase;
    private long altStackSize;
    private boolean altStackEnabled;
    private boolean onAltStack;

    ModelThread(final Kernel kernel, final ModelProcess process, final int tid, final int slot,
        final long initialAllow) {
        this.kernel = kernel;
        this.process = process;
        this.tid = tid;
        this.slot = slot;
        this.region = Regions.allocate(ThreadControlDescriptor.LENGTH, ThreadControlDescriptor.ALIGNMENT);
        this.control = ThreadControl.wrap(region, 0);
        final int depth = kernel.config().realtimeQueueDepth();
        this.queue = RealtimeQueue.wrap(
            Regions.allocate(RealtimeQueueDescriptor.length(depth), RealtimeQueueDescriptor.ALIGNMENT), 0, depth);
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
            throw new IllegalStateException("thread has exited: tid=" + tid);
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
        // volatile: pairs with the waiter's carrier store.
        final Thread c = carrier;
        if (c != null) {
            LockSupport.unpark(c);
        }
    }

    // ---------------------------------------------------------------- mask

    @Override
    public SignalSet sigprocmask(final MaskHow how, final SignalSet set) {
        Objects.requireNonNull(set, "set");
        return SignalSet.ofBits(sigprocmask(how, set.bits()));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads its own allow halves (plain: owner-only bits), computes the new mask (SIGKILL and SIGSTOP always
     * allowed), and issues one {@code getAndAdd} per word whose allow half changes. If the change blocks a signal
     * that is pending for the process, another thread parked with it allowed is woken (Linux's
     * {@code retarget_shared_pending}), so blocking never strands a process-directed signal. Allocation-free.
     *
     * @throws NullPointerException  if {@code how} is null
     * @throws IllegalStateException if the thread has exited
     */
    @Override
    public long sigprocmask(final MaskHow how, final long setBits) {
        Objects.requireNonNull(how, "how");
        checkAlive();
        final long allow0 = control.ownAllow(0);
        final long allow1 = control.ownAllow(1);
        final long oldMask = ~(allow0 | (allow1 << 32));
        long newMask;
        switch (how) {
            case BLOCK:
                newMask = oldMask | setBits;
                break;
            case UNBLOCK:
                newMask = oldMask & ~setBits;
                break;
            default:
                newMask = setBits;
                break;
        }
        newMask &= ~Signals.UNBLOCKABLE_BITS;
        final long newAllow = ~newMask;
        final long newAllow0 = newAllow & 0xFFFF_FFFFL;
        final long newAllow1 = newAllow >>> 32;
        if (newAllow0 != allow0) {
            control.swapAllow(control.wordIndexOf(0), allow0, newAllow0);
        }
        if (newAllow1 != allow1) {
            control.swapAllow(control.wordIndexOf(1), allow1, newAllow1);
        }
        final long newlyBlocked = newMask & ~oldMask;
        if (newlyBlocked != 0) {
            // volatile read after the SC getAndAdd above: the store-buffering pairing with process-directed senders.
            final long stranded = process.control.pendingWord() & newlyBlocked;
            if (stranded != 0) {
                process.retarget(stranded);
            }
        }
        return oldMask;
    }

    @Override
    public SignalSet mask() {
        checkAlive();
        return SignalSet.ofBits(maskBits());
    }

    /**
     * The mask without allocating.
     *
     * @return blocked signals, signal n at bit n-1
     */
    public long maskBits() {
        return ~allowBits();
    }

    /**
     * The allow halves of both words without allocating. Mode: volatile reads.
     *
     * @return allowed signals, signal n at bit n-1
     */
    public long allowBits() {
        // volatile: another thread (a printer, a test) may read the owner's words.
        return (control.word0() >>> 32) | (control.word1() & ThreadControlDescriptor.ALLOW_MASK);
    }

    // ---------------------------------------------------------------- pending and deliverable

    /**
     * Thread pending | process pending without allocating. Mode: volatile reads.
     *
     * @return signal n at bit n-1
     */
    public long pendingBits() {
        return threadPendingBits() | process.control.pendingWord();
    }

    /**
     * The thread-directed pending set without allocating. Mode: volatile reads.
     *
     * @return signal n at bit n-1
     */
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

    /**
     * The thread-directed pending set alone.
     *
     * @return the pending halves of the thread's words
     */
    public SignalSet threadPendingSet() {
        checkAlive();
        return SignalSet.ofBits(threadPendingBits());
    }

    @Override
    public SignalSet deliverableSet() {
        checkAlive();
        return SignalSet.ofBits(deliverableBits());
    }

    // ---------------------------------------------------------------- claim

    /**
     * {@inheritDoc}
     *
     * <p>A thread-directed standard signal is cleared with an atomic and-not on the thread word; a process-directed
     * one is claimed competitively on the process word (the previous value decides the single winner). The sender
     * info is read after the clear or claim. A realtime instance is dequeued under its queue's lock, and the
     * pending bit is cleared when the ring drains. An instance whose action has meanwhile become ignored is
     * discarded and the search goes on, so a send racing {@code sigaction(SIG_IGN)} is never delivered after the
     * ignore took effect.
     *
     * @throws NullPointerException  if {@code out} is null
     * @throws IllegalStateException if the thread has exited
     */
    @Override
    public int claim(final MutableSigInfo out) {
        Objects.requireNonNull(out, "out");
        checkAlive();
        return claimInternal(out, -1L, true);
    }

    /**
     * Claims among {@code eligible} signals, further restricted to the allow halves when {@code useAllow}
     * (a claim) or not (sigtimedwait takes blocked signals).
     */
    private int claimInternal(final MutableSigInfo out, final long eligible, final boolean useAllow) {
        final ProcessControl pc = process.control;
        while (true) {
            final long w0 = control.word0();
            final long allow0 = (useAllow ? w0 >>> 32 : 0xFFFF_FFFFL) & eligible;
            final long threadStd = w0 & allow0 & 0xFFFF_FFFFL;
            if (threadStd != 0) {
                final int sig = Long.numberOfTrailingZeros(threadStd) + 1;
                if (control.clearPendingUnchecked(sig) && !pc.isIgnoredUnchecked(sig)) {
                    final long info = control.senderInfoUnchecked(sig);
                    final long value = queue.standardValue(sig);
                    out.set(sig, queue.standardCode(sig), (int) info, (int) (info >>> 32), value);
                    return sig;
                }
                continue;
            }
            final long p = pc.pendingWord();
            final long procStd = p & allow0 & 0xFFFF_FFFFL;
            if (procStd != 0) {
                final int sig = Long.numberOfTrailingZeros(procStd) + 1;
                if (pc.claimPendingUnchecked(sig) && !pc.isIgnoredUnchecked(sig)) {
                    final long info = pc.senderInfoUnchecked(sig);
                    final long value = process.queue.standardValue(sig);
                    out.set(sig, process.queue.standardCode(sig), (int) info, (int) (info >>> 32), value);
                    return sig;
                }
                continue;
            }
            final long w1 = control.word1();
            final long allow1 = (useAllow ? w1 >>> 32 : 0xFFFF_FFFFL) & (eligible >>> 32);
            final long rt = (w1 | (p >>> 32)) & allow1 & 0xFFFF_FFFFL;
            if (rt == 0) {
                out.clear();
                return 0;
            }
            final int sig = Long.numberOfTrailingZeros(rt) + Signals.SIGRTMIN;
            final boolean fromThread = (w1 & ThreadControlDescriptor.pendingBit(sig)) != 0;
            if (fromThread ? pollThreadQueue(sig, out) : process.pollQueue(sig, out)) {
                if (!pc.isIgnoredUnchecked(sig)) {
                    return sig;
                }
            }
        }
    }

    private boolean pollThreadQueue(final int sig, final MutableSigInfo out) {
        queue.lock();
        try {
            final int left = queue.pollLocked(sig, out);
            if (left == 0) {
                control.clearPendingUnchecked(sig);
            }
            return left >= 0;
        } finally {
            queue.unlock();
        }
    }

    @Override
    public Optional<SigInfo> claimNext() {
        final MutableSigInfo info = new MutableSigInfo();
        return claim(info) == 0 ? Optional.empty() : Optional.of(info.toSigInfo());
    }

    // ---------------------------------------------------------------- inhibit delivery

    @Override
    public void inhibitDelivery() {
        checkAlive();
        if (inhibitDepth == Integer.MAX_VALUE) {
            throw new IllegalStateException("inhibit-delivery sections nest too deep: depth=" + inhibitDepth);
        }
        if (inhibitDepth++ == 0) {
            control.putControlFlags(control.controlFlags() | INHIBIT_DELIVERY_FLAG);
        }
    }

    @Override
    public boolean allowDelivery() {
        checkAlive();
        if (inhibitDepth == 0) {
            throw new IllegalStateException("delivery is not inhibited: depth=0");
        }
        if (--inhibitDepth > 0) {
            return false;
        }
        control.putControlFlags(control.controlFlags() & ~INHIBIT_DELIVERY_FLAG);
        return deliverableBits() != 0;
    }

    @Override
    public boolean deliveryInhibited() {
        checkAlive();
        return (control.controlFlags() & INHIBIT_DELIVERY_FLAG) != 0;
    }

    /**
     * The nesting depth of no-delivery sections.
     *
     * @return 0 when delivery is allowed
     */
    public int inhibitDepth() {
        return inhibitDepth;
    }

    @Override
    public boolean deliveryDue() {
        checkAlive();
        return (control.controlFlags() & INHIBIT_DELIVERY_FLAG) == 0 && deliverableBits() != 0;
    }

    // ---------------------------------------------------------------- waiting

    @Override
    public SignalSet awaitDeliverable(final long timeoutNanos) {
        return awaitDeliverable(null, timeoutNanos);
    }

    /**
     * Waits until a signal is deliverable or the timeout passes.
     *
     * <p>With {@code idle == null} the thread parks: it publishes itself as the carrier to unpark (volatile), then
     * registers in its process's per-signal sleeper index for every signal it allows (SC), then re-checks its
     * deliverable set and parks. A thread-directed sender raises the pending bit (SC) and unparks the carrier if the
     * previous word allowed the signal; a process-directed sender raises the process bit (SC) and unparks the first
     * registered sleeper of that signal. Both sides write then read with sequentially consistent operations (the
     * store-buffering shape), so no wake-up is lost. On the way out the thread deregisters and re-checks once more.
     *
     * <p>With an {@link IdleStrategy} the thread polls its words (busy-spin, yield, backoff) and is never indexed.
     *
     * @param idle         null to park, else the strategy between polls
     * @param timeoutNanos the longest wait; 0 or less checks once
     * @return the deliverable set, empty on timeout
     * @throws IllegalStateException if the thread has exited
     */
    public SignalSet awaitDeliverable(final IdleStrategy idle, final long timeoutNanos) {
        return awaitDeliverable(idle, timeoutNanos, null);
    }

    /**
     * Waits until a signal is deliverable, a condition holds, or the timeout passes: the wait of a blocking call
     * that another party completes (a pipe, a futex, a server's response).
     *
     * <p>As {@link #awaitDeliverable(IdleStrategy, long)}, with {@code done} checked after every check of the
     * deliverable set (after registration, before each park). The party that makes {@code done} true must then
     * unpark the Java thread that waits (an unpark before the park is kept as a permit, so it is never lost), and
     * {@code done} must read what that party wrote with a volatile read or under a lock.
     *
     * @param idle         null to park, else the strategy between polls
     * @param timeoutNanos the longest wait; 0 or less checks once
     * @param done         the condition that ends the wait, or null for none
     * @return the deliverable set, empty if the condition or the timeout ended the wait
     * @throws IllegalStateException if the thread has exited
     */
    public SignalSet awaitDeliverable(final IdleStrategy idle, final long timeoutNanos, final BooleanSupplier done) {
        checkAlive();
        return SignalSet.ofBits(awaitBits(idle, timeoutNanos, done));
    }

    private long awaitBits(final IdleStrategy idle, final long timeoutNanos) {
        return awaitBits(idle, timeoutNanos, null);
    }

    private long awaitBits(final IdleStrategy idle, final long timeoutNanos, final BooleanSupplier done) {
        long deliverable = deliverableBits();
        if (deliverable != 0 || timeoutNanos <= 0 || done != null && done.getAsBoolean()) {
            return deliverable;
        }
        final long start = System.nanoTime();
        if (idle != null) {
            idle.reset();
            while ((deliverable = deliverableBits()) == 0 && alive && (done == null || !done.getAsBoolean())
                && System.nanoTime() - start < timeoutNanos) {
                idle.idle();
            }
            return deliverable;
        }
        final long allowed = allowBits();
        // volatile: published before registering, so a sender that finds this thread can unpark it.
        carrier = Thread.currentThread();
        process.sleepers.register(slot, allowed);
        try {
            while (alive) {
                // volatile reads after the SC registration: pairs with the senders' SC raise then index read.
                deliverable = deliverableBits();
                if (deliverable != 0 || done != null && done.getAsBoolean()) {
                    break;
                }
                final long remaining = timeoutNanos - (System.nanoTime() - start);
                if (remaining <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, remaining);
            }
        } finally {
            process.sleepers.deregister(slot, allowed);
            // volatile: no sender needs to unpark this thread any more.
            carrier = null;
        }
        // re-check after deregistering: a sender that chose this thread woke no one else.
        return alive ? deliverableBits() : deliverable;
    }

    // ---------------------------------------------------------------- delivery

    @Override
    public int deliver(final Delivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        checkAlive();
        if ((control.controlFlags() & INHIBIT_DELIVERY_FLAG) != 0) {
            delivery.info().clear();
            delivery.set(SigAction.SIG_DFL, 0, maskBits(), false, 0);
            return 0;
        }
        return deliverInternal(delivery, maskBits());
    }

    private int deliverInternal(final Delivery delivery, final long savedMask) {
        final ProcessControl pc = process.control;
        while (true) {
            final int sig = claimInternal(delivery.info(), -1L, true);
            if (sig == 0) {
                delivery.set(SigAction.SIG_DFL, 0, savedMask, false, 0);
                return 0;
            }
            final long first = pc.actionFirstUnchecked(sig);
            final long handler = kernel.rules().handlerOf(first);
            final int flags = ProcessControl.decodeFlags(sig, first);
            if (handler == SigAction.SIG_IGN) {
                continue;
            }
            if (handler == SigAction.SIG_DFL) {
                delivery.set(SigAction.SIG_DFL, flags, savedMask, false, 0);
                return sig;
            }
            final long saMask = pc.actionMaskUnchecked(sig);
            final long blockSelf = (flags & SaFlags.SA_NODEFER) != 0 ? 0L : Signals.bit(sig);
            sigprocmask(MaskHow.BLOCK, saMask | blockSelf);
            if ((flags & SaFlags.SA_RESETHAND) != 0) {
                process.resetHandler(sig, first);
            }
            final boolean switchStack = (flags & SaFlags.SA_ONSTACK) != 0 && altStackEnabled && !onAltStack;
            if (switchStack) {
                onAltStack = true;
            }
            delivery.set(handler, flags, savedMask, switchStack, switchStack ? altStackBase + altStackSize : 0);
            return sig;
        }
    }

    @Override
    public void sigreturn(final Delivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        checkAlive();
        sigprocmask(MaskHow.SETMASK, delivery.savedMask());
        if (delivery.onAltStack()) {
            onAltStack = false;
        }
    }

    @Override
    public AltStack sigaltstack(final AltStack stack) {
        checkAlive();
        final AltStack old = new AltStack(altStackBase, altStackSize,
            (altStackEnabled ? 0 : AltStack.SS_DISABLE) | (onAltStack ? AltStack.SS_ONSTACK : 0));
        if (stack == null) {
            return old;
        }
        if (onAltStack) {
            throw new SignalException(Errno.EPERM, "the alternate stack cannot change while a handler runs on it",
                "ss_sp", stack.base());
        }
        if ((stack.flags() & ~(AltStack.SS_DISABLE | kernel.rules().altStackExtraFlags())) != 0) {
            throw new SignalException(Errno.EINVAL, "flags must be 0 or SS_DISABLE", "ss_flags", stack.flags());
        }
        if (stack.isDisabled()) {
            altStackEnabled = false;
            altStackBase = 0;
            altStackSize = 0;
            return old;
        }
        if (stack.size() < AltStack.MINSIGSTKSZ) {
            throw new SignalException(Errno.ENOMEM, "stack size must be at least MINSIGSTKSZ=" + AltStack.MINSIGSTKSZ,
                "ss_size", stack.size());
        }
        altStackEnabled = true;
        altStackBase = stack.base();
        altStackSize = stack.size();
        return old;
    }

    // ---------------------------------------------------------------- waiting for a set

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
     */
    public int sigtimedwait(final SignalSet set, final MutableSigInfo out, final long timeoutNanos,
        final IdleStrategy idle) {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(out, "out");
        checkAlive();
        final long wanted = set.bits() & ~Signals.UNBLOCKABLE_BITS;
        if (kernel.rules().sigtimedwaitReplacesMask()) {
            return sigtimedwaitReplacingMask(wanted, out, timeoutNanos, idle);
        }
        int sig = claimInternal(out, wanted, false);
        if (sig != 0) {
            return sig;
        }
        checkNotInterrupted(deliverableBits() & ~wanted);
        if (timeoutNanos <= 0) {
            throw timedOut(timeoutNanos);
        }
        final long oldMask = maskBits();
        final long start = System.nanoTime();
        // Unblock the set while waiting so that its senders wake this thread (Linux's real_blocked).
        sigprocmask(MaskHow.UNBLOCK, wanted);
        try {
            while (true) {
                final long remaining = timeoutNanos - (System.nanoTime() - start);
                final long ready = awaitBits(idle, remaining);
                sig = claimInternal(out, wanted, false);
                if (sig != 0) {
                    return sig;
                }
                checkNotInterrupted(ready & ~wanted);
                checkAlive();
                if (ready == 0 && System.nanoTime() - start >= timeoutNanos) {
                    throw timedOut(timeoutNanos);
                }
            }
        } finally {
            if (alive) {
                sigprocmask(MaskHow.SETMASK, oldMask);
            }
        }
    }

    /**
     * Redox's {@code await_signal_sync}: allow exactly the wait set, claim, else sleep once (for the timeout), restore
     * the mask and claim again, else EAGAIN. Other signals stay blocked meanwhile, so it is never interrupted.
     */
    private int sigtimedwaitReplacingMask(final long wanted, final MutableSigInfo out, final long timeoutNanos,
        final IdleStrategy idle) {
        final long oldMask = maskBits();
        sigprocmask(MaskHow.SETMASK, ~wanted);
        try {
            int sig = claimInternal(out, wanted, false);
            if (sig == 0 && timeoutNanos > 0) {
                awaitBits(idle, timeoutNanos);
                checkAlive();
                sig = claimInternal(out, wanted, false);
            }
            if (sig == 0) {
                throw new SignalException(Errno.EAGAIN, "no signal of the set was claimable after one sleep",
                    "timeoutNanos", timeoutNanos);
            }
            return sig;
        } finally {
            if (alive) {
                sigprocmask(MaskHow.SETMASK, oldMask);
            }
        }
    }

    private static void checkNotInterrupted(final long others) {
        if (others != 0) {
            throw new SignalException(Errno.EINTR, "a signal outside the set became deliverable", "signal",
                Long.numberOfTrailingZeros(others) + 1);
        }
    }

    private static SignalException timedOut(final long timeoutNanos) {
        return new SignalException(Errno.EAGAIN, "no signal of the set arrived in time", "timeoutNanos",
            timeoutNanos);
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
     */
    public int sigsuspend(final SignalSet mask, final Delivery delivery, final long timeoutNanos,
        final IdleStrategy idle) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(delivery, "delivery");
        checkAlive();
        if (inhibitDepth > 0) {
            throw new IllegalStateException("sigsuspend needs delivery allowed: depth=" + inhibitDepth);
        }
        final long oldMask = maskBits();
        final long start = System.nanoTime();
        sigprocmask(MaskHow.SETMASK, mask.bits());
        while (true) {
            final long remaining = timeoutNanos - (System.nanoTime() - start);
            final long ready = awaitBits(idle, remaining);
            if (ready != 0) {
                final int sig = deliverInternal(delivery, oldMask);
                if (sig != 0) {
                    if (delivery.isDefault()) {
                        // no handler runs, so no sigreturn follows: the original mask comes back now.
                        sigprocmask(MaskHow.SETMASK, oldMask);
                    }
                    return sig;
                }
            }
            if (!alive || System.nanoTime() - start >= timeoutNanos) {
                if (alive) {
                    sigprocmask(MaskHow.SETMASK, oldMask);
                }
                delivery.info().clear();
                delivery.set(SigAction.SIG_DFL, 0, oldMask, false, 0);
                return 0;
            }
        }
    }

    /** Unparks the thread if it is parked in awaitDeliverable. */
    void wake() {
        // volatile: after the sender's SC raise; pairs with the carrier store before registration.
        final Thread c = carrier;
        if (c != null) {
            LockSupport.unpark(c);
        }
    }

    // ---------------------------------------------------------------- raw memory

    /**
     * The flyweight over the thread control region.
     *
     * @return the thread control
     */
    public ThreadControl control() {
        return control;
    }

    /**
     * The 296-byte, 16-aligned thread control region.
     *
     * @return the buffer (its capacity is exactly 296)
     */
    public AtomicBuffer region() {
        return region;
    }

    /**
     * The queue region of thread-directed realtime signals.
     *
     * @return the queue flyweight
     */
    public RealtimeQueue realtimeQueue() {
        return queue;
    }

    @Override
    public String toString() {
        return "ModelThread[tid=" + tid + ", pid=" + process.pid() + (alive ? "" : ", exited") + "]";
    }
}
