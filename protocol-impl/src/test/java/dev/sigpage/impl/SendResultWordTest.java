package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@link Kernel#sendToProcess} and {@link Kernel#sendToThread} return (their javadoc): the target's word as the
 * send's atomic OR found it, with the signal's bit set when the send was discarded because the signal is ignored, so
 * that a caller can tell a newly pending instance from a merged or discarded one. Expected words are written from
 * DESIGN.md's layouts: the process word holds signal n at bit n-1; thread word 0 (signals 1-32) and word 1 (33-64)
 * hold signal n's pending bit at (n-1) % 32 and its allow bit at 32 + (n-1) % 32.
 */
class SendResultWordTest {
    private static final int SIGUSR1 = Signals.SIGUSR1; // 10: bit 9
    private static final int SIGUSR2 = Signals.SIGUSR2; // 12: bit 11

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aProcessDirectedSendReturnsThePendingWordBeforeIt(final Profile profile) {
        final Kernel kernel = new Kernel(KernelConfig.defaults().withProfile(profile));
        final ModelProcess app = kernel.spawn(1000, 1000);
        app.mainThread().sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1, SIGUSR2));
        assertEquals(0L, kernel.sendToProcess(null, app.pid(), SIGUSR2, SigInfo.SI_USER, 0L));
        assertEquals(1L << 11, kernel.sendToProcess(null, app.pid(), SIGUSR1, SigInfo.SI_USER, 0L));
        assertEquals(1L << 11 | 1L << 9, kernel.sendToProcess(null, app.pid(), SIGUSR1, SigInfo.SI_USER, 0L));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aThreadDirectedSendReturnsTheThreadWordBeforeIt(final Profile profile) {
        final Kernel kernel = new Kernel(KernelConfig.defaults().withProfile(profile));
        final ModelProcess app = kernel.spawn(1000, 1000);
        final ModelThread t = app.mainThread();
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1, SIGUSR2));
        final long allow = (0xFFFF_FFFFL & ~(1L << 9 | 1L << 11)) << 32;
        assertEquals(allow, kernel.sendToThread(null, app.pid(), t.tid(), SIGUSR2, SigInfo.SI_TKILL, 0L));
        assertEquals(allow | 1L << 11, kernel.sendToThread(null, app.pid(), t.tid(), SIGUSR1, SigInfo.SI_TKILL, 0L));
        assertEquals(
                allow | 1L << 11 | 1L << 9,
                kernel.sendToThread(null, app.pid(), t.tid(), SIGUSR1, SigInfo.SI_TKILL, 0L));
    }

    private static final int RT = 40; // process bit 39; word 1, bit 7

    private static Kernel kernel(final Profile profile) {
        return new Kernel(KernelConfig.defaults().withProfile(profile));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aQueuedProcessDirectedSendReturnsThePendingWordBeforeIt(final Profile profile) {
        final Kernel kernel = kernel(profile);
        final ModelProcess app = kernel.spawn(1000, 1000);
        app.mainThread().sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2, RT));
        kernel.kill(null, app.pid(), SIGUSR2);
        assertEquals(1L << 11, kernel.sendToProcess(null, app.pid(), RT, SigInfo.SI_QUEUE, 1L));
        assertEquals(1L << 11 | 1L << 39, kernel.sendToProcess(null, app.pid(), RT, SigInfo.SI_QUEUE, 2L));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aQueuedThreadDirectedSendReturnsWordOneBeforeIt(final Profile profile) {
        final Kernel kernel = kernel(profile);
        final ModelProcess app = kernel.spawn(1000, 1000);
        final ModelThread t = app.mainThread();
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(RT));
        final long allow1 = (0xFFFF_FFFFL & ~(1L << 7)) << 32;
        assertEquals(allow1, kernel.sendToThread(null, app.pid(), t.tid(), RT, SigInfo.SI_QUEUE, 1L));
        assertEquals(allow1 | 1L << 7, kernel.sendToThread(null, app.pid(), t.tid(), RT, SigInfo.SI_QUEUE, 2L));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aSendDiscardedAsIgnoredReturnsTheSignalsBitSet(final Profile profile) {
        final Kernel kernel = kernel(profile);
        final ModelProcess app = kernel.spawn(1000, 1000);
        final ModelThread t = app.mainThread();
        app.sigaction(SIGUSR1, SigAction.IGNORE);
        assertNotEquals(0L, kernel.sendToProcess(null, app.pid(), SIGUSR1, SigInfo.SI_USER, 0L) & 1L << 9);
        assertNotEquals(0L, kernel.sendToThread(null, app.pid(), t.tid(), SIGUSR1, SigInfo.SI_TKILL, 0L) & 1L << 9);
        assertEquals(0L, app.control().pendingWord(), "nothing pending");
        assertEquals(0L, t.threadPendingBits(), "nothing pending");
    }

    /** Under REDOX SIGSTOP acts at send time and is never pending: the word is the one before the send. */
    @org.junit.jupiter.api.Test
    void aSendThatActsAtSendTimeReturnsTheWordBeforeIt() {
        final Kernel kernel = kernel(Profile.REDOX);
        final ModelProcess app = kernel.spawn(1000, 1000);
        final ModelThread t = app.mainThread();
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1, SIGUSR2));
        final long allow = (0xFFFF_FFFFL & ~(1L << 9 | 1L << 11)) << 32;
        kernel.kill(null, app.pid(), SIGUSR2);
        kernel.tgkill(null, app.pid(), t.tid(), SIGUSR2);
        assertEquals(1L << 11, kernel.sendToProcess(null, app.pid(), Signals.SIGSTOP, SigInfo.SI_USER, 0L));
        assertTrue(app.isStopped());
        assertEquals(
                allow | 1L << 11, kernel.sendToThread(null, app.pid(), t.tid(), Signals.SIGSTOP, SigInfo.SI_TKILL, 0L));
    }

    /** A zombie's pid stands until its parent reaps it; a send to it delivers nothing and reports the bit set. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void aSendToAZombieReturnsTheSignalsBitSet(final Profile profile) {
        final Kernel kernel = kernel(profile);
        final ModelProcess parent = kernel.spawn(1000, 1000);
        final ModelProcess child = parent.fork(parent.mainThread());
        child.exit(0);
        assertNotEquals(0L, kernel.sendToProcess(null, child.pid(), SIGUSR1, SigInfo.SI_USER, 0L) & 1L << 9);
    }
}
