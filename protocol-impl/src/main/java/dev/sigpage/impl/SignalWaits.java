package dev.sigpage.impl;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.Objects;
import org.agrona.concurrent.IdleStrategy;

/**
 * The POSIX waits of one model thread, {@code sigtimedwait} and {@code sigsuspend}, over its claim, its mask and
 * its {@link ParkingWaiter}. Run by the thread's owner only.
 */
final class SignalWaits {
    private SignalWaits() {}

    /** See {@link ModelThread#sigtimedwait(SignalSet, MutableSigInfo, long, IdleStrategy)}. */
    static int sigtimedwait(
            final ModelThread t,
            final SignalSet set,
            final MutableSigInfo out,
            final long timeoutNanos,
            final IdleStrategy idle) {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(out, "out");
        t.checkAlive();
        final long wanted = set.bits() & ~Signals.UNBLOCKABLE_BITS;
        if (t.kernel.rules().sigtimedwaitReplacesMask()) {
            return sigtimedwaitReplacingMask(t, wanted, out, timeoutNanos, idle);
        }
        int sig = SignalClaim.claim(t, out, wanted, true);
        if (sig != 0) {
            return sig;
        }
        // a zero timeout is a poll: nothing of the set is pending, whatever else is deliverable.
        if (timeoutNanos <= 0) {
            throw timedOut(timeoutNanos);
        }
        checkNotInterrupted(t.deliverableBits() & ~wanted);
        final long oldMask = t.maskBits();
        final long start = System.nanoTime();
        // Unblock the set while waiting so that its senders wake this thread (Linux's real_blocked).
        t.sigprocmask(MaskHow.UNBLOCK, wanted);
        try {
            while (true) {
                final long remaining = timeoutNanos - (System.nanoTime() - start);
                final long ready = t.waiter.await("sigtimedwait", idle, remaining, null);
                sig = SignalClaim.claim(t, out, wanted, true);
                if (sig != 0) {
                    return sig;
                }
                checkNotInterrupted(ready & ~wanted);
                t.checkAlive();
                if (ready == 0 && System.nanoTime() - start >= timeoutNanos) {
                    throw timedOut(timeoutNanos);
                }
            }
        } finally {
            if (t.isAlive()) {
                t.sigprocmask(MaskHow.SETMASK, oldMask);
            }
        }
    }

    /**
     * Redox's {@code await_signal_sync}: allow exactly the wait set, claim, else sleep once (for the timeout), restore
     * the mask and claim again, else EAGAIN. Other signals stay blocked meanwhile, so it is never interrupted.
     */
    private static int sigtimedwaitReplacingMask(
            final ModelThread t,
            final long wanted,
            final MutableSigInfo out,
            final long timeoutNanos,
            final IdleStrategy idle) {
        final long oldMask = t.maskBits();
        t.sigprocmask(MaskHow.SETMASK, ~wanted);
        try {
            int sig = SignalClaim.claim(t, out, wanted, true);
            if (sig == 0 && timeoutNanos > 0) {
                t.waiter.await("sigtimedwait", idle, timeoutNanos, null);
                t.checkAlive();
                sig = SignalClaim.claim(t, out, wanted, true);
            }
            if (sig == 0) {
                throw new SignalException(
                        Errno.EAGAIN,
                        "no signal of the set was claimable after one sleep",
                        "timeoutNanos",
                        timeoutNanos);
            }
            return sig;
        } finally {
            if (t.isAlive()) {
                t.sigprocmask(MaskHow.SETMASK, oldMask);
            }
        }
    }

    private static void checkNotInterrupted(final long others) {
        if (others != 0) {
            throw new SignalException(
                    Errno.EINTR,
                    "a signal outside the set became deliverable",
                    "signal",
                    Long.numberOfTrailingZeros(others) + 1);
        }
    }

    private static SignalException timedOut(final long timeoutNanos) {
        return new SignalException(Errno.EAGAIN, "no signal of the set arrived in time", "timeoutNanos", timeoutNanos);
    }

    /** See {@link ModelThread#sigsuspend(SignalSet, Delivery, long, IdleStrategy)}. */
    static int sigsuspend(
            final ModelThread t,
            final SignalSet mask,
            final Delivery delivery,
            final long timeoutNanos,
            final IdleStrategy idle) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(delivery, "delivery");
        t.checkAlive();
        if (t.inhibitDepth() > 0) {
            throw new IllegalStateException("sigsuspend needs delivery allowed: depth=" + t.inhibitDepth());
        }
        final long oldMask = t.maskBits();
        final long start = System.nanoTime();
        t.sigprocmask(MaskHow.SETMASK, mask.bits());
        while (true) {
            final long remaining = timeoutNanos - (System.nanoTime() - start);
            final long ready;
            try {
                ready = t.waiter.await("sigsuspend", idle, remaining, null);
            } catch (final WaitInterruptedException e) {
                // not a signal: nothing is delivered, and the mask is the caller's again.
                t.sigprocmask(MaskHow.SETMASK, oldMask);
                throw e;
            }
            if (ready != 0) {
                final int sig = t.deliverClaimed(delivery, oldMask);
                if (sig != 0) {
                    if (delivery.isDefault()) {
                        // no handler runs, so no sigreturn follows: the original mask comes back now.
                        t.sigprocmask(MaskHow.SETMASK, oldMask);
                    }
                    return sig;
                }
            }
            if (!t.isAlive() || System.nanoTime() - start >= timeoutNanos) {
                if (t.isAlive()) {
                    t.sigprocmask(MaskHow.SETMASK, oldMask);
                }
                delivery.info().clear();
                delivery.set(SigAction.SIG_DFL, 0, oldMask, false, 0);
                return 0;
            }
        }
    }
}
