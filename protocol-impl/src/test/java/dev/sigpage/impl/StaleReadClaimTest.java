package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Signals;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Claims that start from a stale read of the word (the word the claim's search read, before another thread's send,
 * claim or discard landed): the interleaving of a lost compare-and-set made deterministic. A thread word's clear
 * ({@link ThreadControl#clearPendingUnchecked(int, long)}) retries from the word it found and clears exactly its own
 * bit, or reports that another thread cleared it first. A process word's competitive claim does the same, and
 * {@link ProcessControl#maxClaimRetries()} keeps the largest number of retries of one claim: one per read-modify-write
 * that overtook it. Real concurrent claims are proven in jcstress and Lincheck.
 */
class StaleReadClaimTest {
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

    private static ThreadControl region() {
        final UnsafeBuffer b = new UnsafeBuffer(BufferUtil.allocateDirectAligned(4096, 4096));
        return ThreadControl.wrap(b, 0);
    }

    @Test
    void aThreadWordClearOvertakenByASendRetriesAndClearsOnlyItsBit() {
        final ThreadControl tc = region();
        tc.raisePending(SIGUSR1);
        final long seen = tc.word0();
        // a sender raises SIGUSR2 after the claim's read: the clear's first compare-and-set fails.
        tc.raisePending(SIGUSR2);
        assertTrue(tc.clearPendingUnchecked(SIGUSR1, seen));
        assertEquals(1L << 11, tc.word0(), "SIGUSR2 (bit 11) stays, SIGUSR1 (bit 9) cleared");
    }

    @Test
    void aThreadWordClearOvertakenByADiscardReportsItDidNotClear() {
        final ThreadControl tc = region();
        tc.raisePending(SIGUSR1);
        tc.raisePending(SIGUSR2);
        final long seen = tc.word0();
        // another thread's sigaction(SIG_IGN) discards SIGUSR1 after the claim's read.
        assertTrue(tc.clearPending(SIGUSR1));
        assertFalse(tc.clearPendingUnchecked(SIGUSR1, seen), "the discard cleared it");
        assertEquals(1L << 11, tc.word0());
    }
}
