package dev.sigpage.impl;

import static dev.sigpage.api.ThreadControlDescriptor.ALLOW_SHIFT;
import static dev.sigpage.api.ThreadControlDescriptor.WORD_0_OFFSET;
import static dev.sigpage.api.ThreadControlDescriptor.WORD_1_OFFSET;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.Signals;
import org.agrona.concurrent.AtomicBuffer;

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
        // The thread's region and the process page (both at offset 0 of their buffers) are taken directly, not
        // through their flyweights, and the page is loaded before the getAndAdd: on x86-64 a locked instruction holds
        // back every later load until it completes, so each pointer left to follow after it (process, flyweight,
        // buffer) adds a serial load to the mask path instead of overlapping the loads that lead to the atomic.
        final AtomicBuffer region = t.region;
        final AtomicBuffer processPage = t.process.page;
        final long allow0 = ThreadControl.ownWord(region, WORD_0_OFFSET) >>> ALLOW_SHIFT;
        final long allow1 = ThreadControl.ownWord(region, WORD_1_OFFSET) >>> ALLOW_SHIFT;
        final long oldMask = ~(allow0 | (allow1 << 32));
        final long changed;
        if (how == MaskHow.BLOCK) {
            changed = oldMask | setBits;
        } else if (how == MaskHow.UNBLOCK) {
            changed = oldMask & ~setBits;
        } else {
            changed = setBits;
        }
        final long newMask = changed & ~Signals.UNBLOCKABLE_BITS;
        final long newAllow = ~newMask;
        final long newAllow0 = newAllow & 0xFFFF_FFFFL;
        final long newAllow1 = newAllow >>> 32;
        if (newAllow0 != allow0) {
            ThreadControl.swapAllow(region, WORD_0_OFFSET, allow0, newAllow0);
        }
        if (newAllow1 != allow1) {
            ThreadControl.swapAllow(region, WORD_1_OFFSET, allow1, newAllow1);
        }
        final long newlyBlocked = newMask & ~oldMask;
        if (newlyBlocked != 0) {
            // volatile read after the SC getAndAdd above: the store-buffering pairing with process-directed senders.
            final long stranded = ProcessControl.pendingWord(processPage) & newlyBlocked;
            if (stranded != 0) {
                t.process.retarget(stranded);
            }
        }
        return oldMask;
    }
}
