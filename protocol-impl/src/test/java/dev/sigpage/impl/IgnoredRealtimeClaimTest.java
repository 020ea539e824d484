package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import org.junit.jupiter.api.Test;

/**
 * A queued realtime instance whose action has become ignoring while it waited. Under the REDOX profile SIG_IGN
 * discards pending instances only in the calling thread's word and the process word (DESIGN.md's profile table;
 * REDOX.md: redox-rt's sigaction does not touch other threads or the queues), so a thread-directed instance of
 * another thread stays queued. A delivery's claim must discard it (the action is ignored: POSIX delivers nothing;
 * redox-rt's trampoline would panic on an Ignore action), and {@code sigtimedwait}, which names the signals it takes,
 * still takes it with its value. A {@code sigsuspend} woken by it discards it, delivers nothing and waits on.
 */
class IgnoredRealtimeClaimTest {
    private static final int SIG = 40;

    private Kernel kernel;
    private ModelProcess app;
    private ModelThread main;
    private ModelThread other;

    private void queueThenIgnore() {
        kernel = new Kernel(KernelConfig.defaults().withProfile(Profile.REDOX));
        app = kernel.spawn(1000, 1000);
        main = app.mainThread();
        other = app.createThread(main);
        other.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIG));
        kernel.sigqueueThread(null, app.pid(), other.tid(), SIG, 7L);
        app.sigaction(main, SIG, SigAction.IGNORE);
        assertTrue(other.threadPendingSet().contains(SIG), "SIG_IGN by another thread left it pending (REDOX)");
    }

    @Test
    void aDeliveryClaimDiscardsIt() {
        queueThenIgnore();
        other.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIG));
        assertEquals(0, other.claim(new MutableSigInfo()));
        assertTrue(other.pendingSet().isEmpty(), "discarded");
        assertEquals(0, other.queuedRealtime(SIG));
    }

    @Test
    void sigtimedwaitStillTakesIt() {
        queueThenIgnore();
        final MutableSigInfo out = new MutableSigInfo();
        assertEquals(SIG, other.sigtimedwait(SignalSet.of(SIG), out, 0));
        assertEquals(7L, out.value());
        assertTrue(other.pendingSet().isEmpty());
    }

    /**
     * The discarded instance wakes {@code sigsuspend} but is no signal delivered: the call waits on and returns the
     * next signal. The carrier is seen parked (after the discard) before that signal is sent; the call's deadline
     * is reached only if it stops waiting or misses the wake-up.
     */
    @Test
    void sigsuspendWokenOnlyByItWaitsOnForTheNextSignal() throws Exception {
        queueThenIgnore();
        app.sigaction(dev.sigpage.api.Signals.SIGUSR1, SigAction.handler(0x40_1000L, SignalSet.empty(), 0));
        final java.util.concurrent.atomic.AtomicInteger got = new java.util.concurrent.atomic.AtomicInteger(-1);
        final Thread carrier = new Thread(() -> got.set(other.sigsuspend(
                SignalSet.empty(), new dev.sigpage.api.Delivery(), java.util.concurrent.TimeUnit.SECONDS.toNanos(20))));
        carrier.setDaemon(true);
        carrier.start();
        while (carrier.getState() != Thread.State.TIMED_WAITING && carrier.isAlive()) {
            Thread.onSpinWait();
        }
        kernel.tgkill(null, app.pid(), other.tid(), dev.sigpage.api.Signals.SIGUSR1);
        carrier.join();
        assertEquals(dev.sigpage.api.Signals.SIGUSR1, got.get());
        assertEquals(0, other.queuedRealtime(SIG), "the ignored instance was discarded");
    }

    /** The calling thread's own instance is discarded by its SIG_IGN (REDOX.md: the caller's word and the process word). */
    @Test
    void theCallersOwnInstanceIsDiscarded() {
        kernel = new Kernel(KernelConfig.defaults().withProfile(Profile.REDOX));
        app = kernel.spawn(1000, 1000);
        main = app.mainThread();
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIG));
        kernel.sigqueueThread(null, app.pid(), main.tid(), SIG, 7L);
        app.sigaction(main, SIG, SigAction.IGNORE);
        assertTrue(main.threadPendingSet().isEmpty());
    }
}
