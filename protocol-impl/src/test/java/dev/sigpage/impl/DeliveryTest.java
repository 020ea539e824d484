package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Delivery;
import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Delivery effects of sigaction flags (sa_mask, SA_NODEFER, SA_RESETHAND, SA_ONSTACK, SA_RESTART), sigreturn,
 * sigaltstack, sigtimedwait and sigsuspend.
 */
class DeliveryTest {
    /** No timeout: a lost wake-up hangs the wait, and the JUnit timeout fails the test. */
    private static final long FOREVER = Long.MAX_VALUE;

    private Kernel kernel;
    private ModelProcess app;
    private ModelThread main;
    private final Delivery delivery = new Delivery();
    private final MutableSigInfo info = new MutableSigInfo();

    @BeforeEach
    void setUp() {
        kernel = new Kernel();
        app = kernel.spawn(1000, 1000);
        main = app.mainThread();
    }

    @Test
    void handlerRunsWithSaMaskAndItselfBlockedAndSigreturnRestores() {
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGHUP));
        app.sigaction(
                Signals.SIGUSR1,
                SigAction.handler(
                        0x4000L,
                        SignalSet.of(Signals.SIGUSR2, Signals.SIGKILL),
                        SaFlags.SA_RESTART | SaFlags.SA_SIGINFO));
        kernel.kill(null, app.pid(), Signals.SIGUSR1);
        assertEquals(Signals.SIGUSR1, main.deliver(delivery));
        assertEquals(0x4000L, delivery.handler());
        assertTrue(delivery.restartsSyscall());
        assertEquals(SaFlags.SA_RESTART | SaFlags.SA_SIGINFO, delivery.flags());
        assertEquals(SignalSet.of(Signals.SIGHUP).bits(), delivery.savedMask());
        assertEquals(SignalSet.of(Signals.SIGHUP, Signals.SIGUSR1, Signals.SIGUSR2), main.mask());
        main.sigreturn(delivery);
        assertEquals(SignalSet.of(Signals.SIGHUP), main.mask());
    }

    @Test
    void nodeferLeavesTheSignalUnblocked() {
        app.sigaction(Signals.SIGUSR1, SigAction.handler(0x4000L, SignalSet.empty(), SaFlags.SA_NODEFER));
        kernel.kill(null, app.pid(), Signals.SIGUSR1);
        main.deliver(delivery);
        assertEquals(SignalSet.empty(), main.mask());
    }

    @Test
    void resethandResetsTheActionAtDelivery() {
        app.sigaction(Signals.SIGUSR1, SigAction.handler(0x4000L, SignalSet.empty(), SaFlags.SA_RESETHAND));
        kernel.kill(null, app.pid(), Signals.SIGUSR1);
        main.deliver(delivery);
        assertEquals(SigAction.DEFAULT, app.sigaction(Signals.SIGUSR1));
        assertEquals(0x4000L, delivery.handler());
    }

    @Test
    void defaultActionIsReportedWithoutChangingTheMask() {
        kernel.kill(null, app.pid(), Signals.SIGTERM);
        assertEquals(Signals.SIGTERM, main.deliver(delivery));
        assertTrue(delivery.isDefault());
        assertEquals(SignalSet.empty(), main.mask());
    }

    @Test
    void nothingIsDeliveredWhileInhibited() {
        kernel.kill(null, app.pid(), Signals.SIGTERM);
        main.inhibitDelivery();
        assertEquals(0, main.deliver(delivery));
        assertEquals(SignalSet.of(Signals.SIGTERM), main.pendingSet());
        assertTrue(main.allowDelivery());
        assertEquals(Signals.SIGTERM, main.deliver(delivery));
    }

    @Test
    void onstackSwitchesToTheAlternateStackOnce() {
        assertEquals(AltStack.DISABLED, main.sigaltstack(null));
        main.sigaltstack(new AltStack(0x7000_0000L, 8192, 0));
        app.sigaction(
                Signals.SIGSEGV,
                SigAction.handler(0x4000L, SignalSet.empty(), SaFlags.SA_ONSTACK | SaFlags.SA_NODEFER));
        kernel.tgkill(null, app.pid(), main.tid(), Signals.SIGSEGV);
        main.deliver(delivery);
        assertTrue(delivery.onAltStack());
        assertEquals(0x7000_2000L, delivery.altStackTop());
        assertTrue(main.sigaltstack(null).isOnStack());
        final SignalException e =
                assertThrows(SignalException.class, () -> main.sigaltstack(new AltStack(0x6000_0000L, 8192, 0)));
        assertEquals(Errno.EPERM, e.errno());
        final Delivery nested = new Delivery();
        kernel.tgkill(null, app.pid(), main.tid(), Signals.SIGSEGV);
        main.deliver(nested);
        assertFalse(nested.onAltStack(), "already on the alternate stack");
        main.sigreturn(nested);
        assertTrue(main.sigaltstack(null).isOnStack());
        main.sigreturn(delivery);
        assertEquals(new AltStack(0x7000_0000L, 8192, 0), main.sigaltstack(null));
    }

    @Test
    void sigaltstackRefusesSmallStacksAndUnknownFlags() {
        final SignalException small =
                assertThrows(SignalException.class, () -> main.sigaltstack(new AltStack(0x1000, 2047, 0)));
        assertEquals(Errno.ENOMEM, small.errno());
        assertEquals("ss_size", small.valueName());
        assertEquals(2047, small.value());
        final SignalException flags =
                assertThrows(SignalException.class, () -> main.sigaltstack(new AltStack(0x1000, 4096, 4)));
        assertEquals(Errno.EINVAL, flags.errno());
        main.sigaltstack(new AltStack(0x1000, 2048, 0));
        assertEquals(new AltStack(0x1000, 2048, 0), main.sigaltstack(AltStack.DISABLED));
        assertTrue(main.sigaltstack(null).isDisabled());
    }

    @Test
    void sigtimedwaitTakesABlockedSignalAndKeepsTheMask() {
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1, 40));
        kernel.sigqueue(null, app.pid(), 40, 11);
        kernel.kill(null, app.pid(), Signals.SIGUSR1);
        assertEquals(Signals.SIGUSR1, main.sigtimedwait(SignalSet.of(Signals.SIGUSR1, 40), info, 0));
        assertEquals(40, main.sigtimedwait(SignalSet.of(Signals.SIGUSR1, 40), info, 0));
        assertEquals(11, info.value());
        final SignalException timeout = assertThrows(
                SignalException.class,
                () -> main.sigtimedwait(SignalSet.of(Signals.SIGUSR1), info, TimeUnit.MILLISECONDS.toNanos(1)));
        assertEquals(Errno.EAGAIN, timeout.errno());
        assertEquals(SignalSet.of(Signals.SIGUSR1, 40), main.mask());
    }

    @Test
    void sigtimedwaitIsInterruptedByAnotherDeliverableSignal() {
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
        kernel.kill(null, app.pid(), Signals.SIGTERM);
        final SignalException e = assertThrows(
                SignalException.class, () -> main.sigtimedwait(SignalSet.of(Signals.SIGUSR1), info, FOREVER));
        assertEquals(Errno.EINTR, e.errno());
        assertEquals(Signals.SIGTERM, e.value());
    }

    @Test
    @Timeout(60)
    void sigwaitinfoIsWokenByAProcessDirectedSend() throws Exception {
        final ModelThread other = app.createThread(main);
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR2));
        other.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR2));
        for (int round = 0; round < 100; round++) {
            final CompletableFuture<Integer> got = CompletableFuture.supplyAsync(
                    () -> main.sigwaitinfo(SignalSet.of(Signals.SIGUSR2), new MutableSigInfo()));
            kernel.kill(other, app.pid(), Signals.SIGUSR2);
            assertEquals(Signals.SIGUSR2, got.get());
        }
        assertEquals(SignalSet.of(Signals.SIGUSR2), main.mask());
    }

    @Test
    @Timeout(60)
    void sigsuspendDeliversUnderTheTemporaryMaskAndSigreturnRestoresTheOriginal() throws Exception {
        app.sigaction(Signals.SIGUSR1, SigAction.handler(0x4000L, SignalSet.of(Signals.SIGHUP), 0));
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
        final CompletableFuture<Integer> got =
                CompletableFuture.supplyAsync(() -> main.sigsuspend(SignalSet.of(Signals.SIGINT), delivery, FOREVER));
        kernel.tgkill(null, app.pid(), main.tid(), Signals.SIGUSR1);
        assertEquals(Signals.SIGUSR1, got.get());
        assertEquals(SignalSet.of(Signals.SIGINT, Signals.SIGHUP, Signals.SIGUSR1), main.mask());
        main.sigreturn(delivery);
        assertEquals(SignalSet.of(Signals.SIGUSR1), main.mask());
        assertEquals(0, main.sigsuspend(SignalSet.of(Signals.SIGUSR1), delivery, TimeUnit.MILLISECONDS.toNanos(1)));
        assertEquals(SignalSet.of(Signals.SIGUSR1), main.mask());
    }

    /**
     * SignalThread#sigsuspend: when the delivered signal's action is the default one no handler runs and no
     * sigreturn follows, so the original mask is back when sigsuspend returns.
     */
    @Test
    @Timeout(60)
    void sigsuspendTakingADefaultActionRestoresTheOriginalMaskOnReturn() {
        main.sigprocmask(MaskHow.SETMASK, SignalSet.of(Signals.SIGTERM, Signals.SIGHUP));
        kernel.tgkill(null, app.pid(), main.tid(), Signals.SIGTERM);
        assertEquals(Signals.SIGTERM, main.sigsuspend(SignalSet.of(Signals.SIGINT), delivery, FOREVER));
        assertTrue(delivery.isDefault());
        assertEquals(SignalSet.of(Signals.SIGTERM, Signals.SIGHUP), main.mask(), "the original mask, on return");
    }

    /** SignalThread#sigsuspend: 0 on timeout, and the original mask is then already restored. */
    @Test
    void sigsuspendTimingOutReturnsZeroWithTheOriginalMaskRestored() {
        main.sigprocmask(MaskHow.SETMASK, SignalSet.of(Signals.SIGUSR2));
        // bounded: a sigsuspend that never sees its timeout spins without a park, which no interrupt ends.
        assertEquals(
                0,
                assertTimeoutPreemptively(
                        Duration.ofSeconds(10),
                        () -> main.sigsuspend(
                                SignalSet.of(Signals.SIGUSR1), delivery, TimeUnit.MILLISECONDS.toNanos(1))));
        assertEquals(SignalSet.of(Signals.SIGUSR2), main.mask());
    }
}
