package dev.sigpage.impl;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.Signals;

/**
 * Discards the pending instances of signals from a process and from every one of its threads, queued realtime
 * entries included: when an action becomes ignoring, and for the stop/continue side effects of a send. Bits are
 * cleared with atomic and-not; realtime rings are emptied under their locks, with their bits, or, lock-free, drained
 * and their bits cleared and re-checked.
 */
final class PendingDiscard {
    private PendingDiscard() {}

    static void discard(final ModelProcess p, final long bits) {
        long rest = bits;
        while (rest != 0) {
            final int sig = Long.numberOfTrailingZeros(rest) + 1;
            rest &= rest - 1;
            if (Signals.isRealtime(sig) && p.lockFreeQueue != null) {
                drain(p.lockFreeQueue, sig);
                // atomic and-not after the drain; the re-check restores the bit of an entry published meanwhile.
                p.control.claimPendingUnchecked(sig);
                if (p.lockFreeQueue.hasEntries(sig)) {
                    // CAS (SC): the entry a concurrent sender published stays pending, as under the lock.
                    p.control.raisePendingUnchecked(sig);
                }
            } else if (Signals.isRealtime(sig)) {
                p.queue.lock();
                try {
                    p.queue.clearLocked(sig);
                    // atomic and-not under the queue lock: senders raise the bit under the same lock.
                    p.control.claimPendingUnchecked(sig);
                } finally {
                    p.queue.unlock();
                }
            } else {
                // atomic and-not: a concurrent claim of the same instance loses or wins, never both.
                StandardInstance.discardFromProcess(p.control, p.queue, sig);
            }
            for (int i = 0; i < p.slots.length(); i++) {
                // volatile: the published thread of a slot.
                final ModelThread t = p.slots.get(i);
                if (t != null) {
                    discard(t, sig);
                }
            }
        }
    }

    private static void discard(final ModelThread t, final int sig) {
        if (Signals.isRealtime(sig) && t.lockFreeQueue != null) {
            drain(t.lockFreeQueue, sig);
            // atomic and-not after the drain; the re-check restores the bit of an entry published meanwhile.
            t.control.clearPendingUnchecked(sig);
            if (t.lockFreeQueue.hasEntries(sig)) {
                // CAS (SC): the entry a concurrent sender published stays pending, as under the lock.
                t.control.raisePendingUnchecked(sig);
            }
        } else if (Signals.isRealtime(sig)) {
            t.queue.lock();
            try {
                t.queue.clearLocked(sig);
                // atomic and-not under the queue lock: senders raise the bit under the same lock.
                t.control.clearPendingUnchecked(sig);
            } finally {
                t.queue.unlock();
            }
        } else {
            // atomic and-not on the thread word, then the info slot freed; the owner's allow half is untouched.
            StandardInstance.discardFromThread(t.control, t.queue, sig);
        }
    }

    /** Polls a lock-free ring until nothing is ready (not a hot path: the scratch siginfo is allocated here). */
    private static void drain(final LockFreeRealtimeQueue ring, final int sig) {
        final MutableSigInfo scratch = new MutableSigInfo();
        while (ring.poll(sig, scratch) >= 0) {
            scratch.clear();
        }
    }
}
