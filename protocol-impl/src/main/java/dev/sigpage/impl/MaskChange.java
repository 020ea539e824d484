package dev.sigpage.impl;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.Signals;

/**
 * A change of one thread's mask ({@code sigprocmask}), lock-free under the ownership invariant: only the owning
 * thread writes the allow halves of its words.
 *
 * <p>It reads its own allow halves (plain: owner-only bits), computes the new mask (SIGKILL and SIGSTOP always
 * allowed), and issues one {@code getAndAdd} per word whose allow half changes. If the change blocks a signal that
 * is pending for the process, another thread parked with it allowed is woken (Linux's
 * {@code retarget_shared_pending}), so blocking never strands a process-directed signal. Allocation-free.
 */
final class MaskChange {
    private MaskChange() {}

    /** @return the old mask */
    static long apply(final ModelThread t, final MaskHow how, final long setBits) {
        final ThreadControl control = t.control;
        final long allow0 = control.ownAllow(0);
        final long allow1 = control.ownAllow(1);
        final long oldMask = ~(allow0 | (allow1 << 32));
        final long newMask = switch (how) {
                    case BLOCK -> oldMask | setBits;
                    case UNBLOCK -> oldMask & ~setBits;
                    case SETMASK -> setBits;
                }
                & ~Signals.UNBLOCKABLE_BITS;
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
            final long stranded = t.process.control.pendingWord() & newlyBlocked;
            if (stranded != 0) {
                t.process.retarget(stranded);
            }
        }
        return oldMask;
    }
}
