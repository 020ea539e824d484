package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@link Kernel#sendToProcess} and {@link Kernel#sendToThread} return (their javadoc): the target's word as the
 * send's atomic OR found it. Expected words are written from DESIGN.md's layouts: the process word holds signal n at
 * bit n-1; thread word 0 holds signal n's pending bit at n-1 and its allow bit at 32 + n-1.
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
}
