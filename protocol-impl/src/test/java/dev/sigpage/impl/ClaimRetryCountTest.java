package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Signals;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcessControl#maxClaimRetries()}: a competitive claim retries once for every other read-modify-write of the
 * pending word that succeeded between the claim's read and its compare-and-set, and the flyweight keeps the largest
 * count of one claim. A claim that starts from a stale read of the word (the word its search read, before another
 * thread's send or claim landed) is that interleaving made deterministic: its first compare-and-set fails exactly
 * once. Real concurrent claims are proven in jcstress and Lincheck; this is the statistic's bookkeeping.
 */
class ClaimRetryCountTest {
    private static final int SIGUSR1 = Signals.SIGUSR1;
    private static final int SIGUSR2 = Signals.SIGUSR2;

    private static ProcessControl page() {
        final UnsafeBuffer b = new UnsafeBuffer(BufferUtil.allocateDirectAligned(4096, 4096));
        return ProcessControl.wrap(b, 0);
    }

    @Test
    void aClaimOvertakenByASendRetriesOnceAndWins() {
        final ProcessControl pc = page();
        pc.raisePending(SIGUSR1);
        final long seen = pc.pendingWord();
        // another sender raises SIGUSR2 after the claim's read: the claim's first compare-and-set fails.
        pc.raisePending(SIGUSR2);
        assertTrue(pc.claimPendingUnchecked(SIGUSR1, seen), "the bit was still set: the claim wins");
        assertEquals(Signals.bit(SIGUSR2), pc.pendingWord(), "only SIGUSR1 cleared");
        assertEquals(1, pc.maxClaimRetries());
    }

    @Test
    void aClaimOvertakenByTheWinningClaimRetriesOnceAndLoses() {
        final ProcessControl pc = page();
        pc.raisePending(SIGUSR1);
        pc.raisePending(SIGUSR2);
        final long seen = pc.pendingWord();
        // another thread claims SIGUSR1 after this claim's read: the compare-and-set fails, the bit is then clear.
        assertTrue(pc.claimPending(SIGUSR1));
        assertEquals(0, pc.maxClaimRetries(), "the other claim did not retry");
        assertFalse(pc.claimPendingUnchecked(SIGUSR1, seen), "the other thread won");
        assertEquals(Signals.bit(SIGUSR2), pc.pendingWord());
        assertEquals(1, pc.maxClaimRetries());
    }

    @Test
    void theLargestCountStaysAfterClaimsThatDidNotRetry() {
        final ProcessControl pc = page();
        pc.raisePending(SIGUSR1);
        final long seen = pc.pendingWord();
        pc.raisePending(SIGUSR2);
        assertTrue(pc.claimPendingUnchecked(SIGUSR1, seen));
        assertTrue(pc.claimPending(SIGUSR2));
        assertFalse(pc.claimPending(SIGUSR2));
        assertEquals(1, pc.maxClaimRetries());
    }
}
