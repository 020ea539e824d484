package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.Signals;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A realtime pending bit whose queue is empty (a raw page write, an imported page) is stale: a claim clears it and
 * goes on, it never spins. Each claim runs under a bound, so a claim that spins fails in seconds.
 */
class ClaimTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void aStaleThreadDirectedRealtimeBitIsClearedNotSpunOn() {
        final Kernel kernel = new Kernel();
        final ModelThread t = kernel.spawn(0, 0).mainThread();
        final int sig = Signals.SIGRTMIN + 2;
        t.control().raisePending(sig);
        final MutableSigInfo out = new MutableSigInfo();
        assertEquals(0, assertTimeoutPreemptively(BOUND, () -> t.claim(out)));
        assertFalse(t.pendingSet().contains(sig), "the stale bit must be cleared");
    }

    @Test
    void aStaleProcessDirectedRealtimeBitIsClearedNotSpunOn() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(0, 0);
        final ModelThread t = p.mainThread();
        final int sig = Signals.SIGRTMAX;
        p.control().raisePending(sig);
        final MutableSigInfo out = new MutableSigInfo();
        assertEquals(0, assertTimeoutPreemptively(BOUND, () -> t.claim(out)));
        assertFalse(p.pendingSet().contains(sig), "the stale bit must be cleared");
    }

    @Test
    void aQueuedInstanceBehindAStaleBitIsStillClaimed() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(0, 0);
        final ModelThread t = p.mainThread();
        t.control().raisePending(Signals.SIGRTMIN);
        kernel.sigqueue(null, p.pid(), Signals.SIGRTMIN + 1, 7L);
        final MutableSigInfo out = new MutableSigInfo();
        assertEquals(Signals.SIGRTMIN + 1, assertTimeoutPreemptively(BOUND, () -> t.claim(out)));
        assertEquals(7L, out.value());
    }
}
