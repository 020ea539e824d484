package dev.sigpage.impl;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;

/**
 * Claims the lowest pending signal for one thread: thread-directed standard signals, then process-directed standard
 * signals, then realtime signals (thread-directed before process-directed for one number).
 *
 * <p>A thread-directed standard signal is cleared with an atomic and-not on the thread word; a process-directed
 * one is claimed competitively on the process word (the previous value decides the single winner). The sender info
 * is read after the clear or claim. A realtime instance is dequeued under its queue's lock, or from the lock-free
 * ring followed, when the ring looks drained, by the clear of the bit and a re-check that raises it again if an
 * entry arrived meanwhile; the pending bit is cleared when the ring drains, and a bit whose ring is already empty (stale: a raw page write, an imported page)
 * is cleared and the search goes on. For a delivery, an instance whose action has meanwhile become ignored is
 * discarded and the search goes on, so a send racing {@code sigaction(SIG_IGN)} is never delivered after the ignore
 * took effect. For {@code sigtimedwait}, which names the signals it takes, no instance is discarded.
 *
 * <p><b>Bounded retries.</b> No loop here or in the word operations spins on its own: a compare-and-set of a
 * claim or clear is retried only when it fails, that is when another thread's read-modify-write of the same word
 * succeeded between the read and the compare-and-set, and the retry stops as soon as the bit is clear. This loop
 * goes round again only after such a lost race (another claimer took the signal, or its action became ignored) or
 * after draining a stale realtime bit, and each round ends with one signal fewer pending or a return. So every
 * retry is paid for by another thread's completed send, claim or discard on the word (lock-free): a claim retries
 * at most once per such operation that overtakes it, and never while no other thread progresses. The largest
 * retry count of one process-directed claim is kept by {@link ProcessControl#maxClaimRetries()}, and
 * {@code ManyClaimersBench} reports it.
 */
final class SignalClaim {
    private SignalClaim() {}

    /**
     * @param t        the claiming thread (its owner's Java thread)
     * @param out      receives the info, or is cleared
     * @param eligible the signals that may be claimed
     * @param forWait  true for {@code sigtimedwait}: blocked signals are eligible and ignored ones are kept
     * @return the signal, or 0
     */
    static int claim(final ModelThread t, final MutableSigInfo out, final long eligible, final boolean forWait) {
        final ProcessControl pc = t.process.control;
        final ThreadControl control = t.control;
        while (true) {
            final long w0 = control.word0();
            final long allow0 = (forWait ? 0xFFFF_FFFFL : w0 >>> 32) & eligible;
            final long threadStd = w0 & allow0 & 0xFFFF_FFFFL;
            if (threadStd != 0) {
                final int sig = Long.numberOfTrailingZeros(threadStd) + 1;
                // CAS (SC) expecting w0, no second read: the and-not; acquires the sender's info (ThreadControl).
                if (control.clearPendingUnchecked(sig, w0)) {
                    final boolean taken = forWait || !pc.isIgnoredUnchecked(sig);
                    if (taken) {
                        final long info = control.senderInfoUnchecked(sig);
                        out.set(
                                sig,
                                t.queue.standardCode(sig),
                                (int) info,
                                (int) (info >>> 32),
                                t.queue.standardValue(sig));
                    }
                    // release: the info is read; the next sender of sig may take the slot (StandardInstance).
                    t.queue.releaseStandardSlot(sig);
                    if (taken) {
                        return sig;
                    }
                }
                continue;
            }
            final long p = pc.pendingWord();
            final long procStd = p & allow0 & 0xFFFF_FFFFL;
            if (procStd != 0) {
                final int sig = claimProcessStandard(t, out, forWait, p, Long.numberOfTrailingZeros(procStd) + 1);
                if (sig != 0) {
                    return sig;
                }
                continue;
            }
            final int sig = claimRealtime(t, out, eligible, forWait, p);
            if (sig >= 0) {
                return sig;
            }
        }
    }

    /**
     * The process-directed standard step of {@link #claim}: the competitive claim of {@code sig} on the pending word
     * {@code p} the search read, its info read by the winner and its slot released.
     *
     * @return the signal, or 0 to search again (another claimer won, or the action became ignored)
     */
    private static int claimProcessStandard(
            final ModelThread t, final MutableSigInfo out, final boolean forWait, final long p, final int sig) {
        final ProcessControl pc = t.process.control;
        // CAS (SC) expecting p, no second read: the competitive and-not; one winner (ProcessControl).
        if (pc.claimPendingUnchecked(sig, p)) {
            final boolean taken = forWait || !pc.isIgnoredUnchecked(sig);
            final RealtimeQueue q = t.process.queue;
            if (taken) {
                final long info = pc.senderInfoUnchecked(sig);
                out.set(sig, q.standardCode(sig), (int) info, (int) (info >>> 32), q.standardValue(sig));
            }
            // release: the winner has read the info; the next sender of sig may take the slot.
            q.releaseStandardSlot(sig);
            if (taken) {
                return sig;
            }
        }
        return 0;
    }

    /**
     * The realtime step of {@link #claim}, out of line so that the standard steps inline into the caller.
     *
     * @param p the process pending word the standard step read
     * @return the signal, 0 if none is pending (and {@code out} cleared), or -1 to search again
     */
    private static int claimRealtime(
            final ModelThread t, final MutableSigInfo out, final long eligible, final boolean forWait, final long p) {
        final long w1 = t.control.word1();
        final long allow1 = (forWait ? 0xFFFF_FFFFL : w1 >>> 32) & (eligible >>> 32);
        final long rt = (w1 | (p >>> 32)) & allow1 & 0xFFFF_FFFFL;
        if (rt == 0) {
            out.clear();
            return 0;
        }
        final int sig = Long.numberOfTrailingZeros(rt) + Signals.SIGRTMIN;
        final boolean fromThread = (w1 & ThreadControlDescriptor.pendingBit(sig)) != 0;
        if ((fromThread ? pollThreadQueue(t, sig, out) : pollProcessQueue(t.process, sig, out))
                && (forWait || !t.process.control.isIgnoredUnchecked(sig))) {
            return sig;
        }
        return -1;
    }

    /** Dequeues a thread-directed realtime instance; clears the pending bit when the ring drains or was empty. */
    private static boolean pollThreadQueue(final ModelThread t, final int sig, final MutableSigInfo out) {
        final LockFreeRealtimeQueue ring = t.lockFreeQueue;
        if (ring != null) {
            final int left = ring.poll(sig, out);
            if (left <= 0) {
                // atomic and-not: the ring looked drained; a sender raises the bit only after publishing.
                t.control.clearPendingUnchecked(sig);
                // volatile re-check after the clear: an entry published before it may have had its raise erased.
                if (ring.hasEntries(sig)) {
                    // CAS (SC): restores the bit for the entry found; a bit over an empty ring is cleared later.
                    t.control.raisePendingUnchecked(sig);
                }
            }
            return left >= 0;
        }
        t.queue.lock();
        try {
            final int left = t.queue.pollLocked(sig, out);
            if (left <= 0) {
                // atomic and-not under the queue lock: senders raise the bit under the same lock, after the entry.
                t.control.clearPendingUnchecked(sig);
            }
            return left >= 0;
        } finally {
            t.queue.unlock();
        }
    }

    /** Dequeues a process-directed realtime instance; clears the pending bit when the ring drains or was empty. */
    private static boolean pollProcessQueue(final ModelProcess p, final int sig, final MutableSigInfo out) {
        final LockFreeRealtimeQueue ring = p.lockFreeQueue;
        if (ring != null) {
            final int left = ring.poll(sig, out);
            if (left <= 0) {
                // atomic and-not: the ring looked drained; a sender raises the bit only after publishing.
                p.control.claimPendingUnchecked(sig);
                // volatile re-check after the clear: an entry published before it may have had its raise erased.
                if (ring.hasEntries(sig)) {
                    // CAS (SC): restores the bit for the entry found; a bit over an empty ring is cleared later.
                    p.control.raisePendingUnchecked(sig);
                }
            }
            return left >= 0;
        }
        p.queue.lock();
        try {
            final int left = p.queue.pollLocked(sig, out);
            if (left <= 0) {
                // atomic and-not under the queue lock: senders raise the bit under the same lock, after the entry.
                p.control.claimPendingUnchecked(sig);
            }
            return left >= 0;
        } finally {
            p.queue.unlock();
        }
    }
}
