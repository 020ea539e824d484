package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waiting threads are woken. The waits have long timeouts: a lost wake-up shows as an empty result after the
 * timeout, never as a pass. No test depends on the order in which the threads happen to run.
 */
class WakeupTest {
    private static final long LONG = TimeUnit.SECONDS.toNanos(30);

    @Test
    void timeoutWithNothingPendingReturnsEmpty() {
        final ModelThread t = new Kernel().spawn(1000, 1000).mainThread();
        assertTrue(t.awaitDeliverable(TimeUnit.MILLISECONDS.toNanos(1)).isEmpty());
        assertTrue(t.awaitDeliverable(new BusySpinIdleStrategy(), TimeUnit.MILLISECONDS.toNanos(1)).isEmpty());
        assertTrue(t.awaitDeliverable(0).isEmpty());
    }

    @Test
    void alreadyDeliverableReturnsAtOnce() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        kernel.kill(null, p.pid(), Signals.SIGINT);
        assertEquals(SignalSet.of(Signals.SIGINT), p.mainThread().awaitDeliverable(0));
    }

    @Test
    @Timeout(60)
    void threadDirectedSendUnparksTheTarget() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread waiter = p.createThread(p.mainThread());
        for (int round = 0; round < 200; round++) {
            final CompletableFuture<SignalSet> woke = CompletableFuture.supplyAsync(() -> waiter.awaitDeliverable(LONG));
            kernel.tgkill(p.mainThread(), p.pid(), waiter.tid(), Signals.SIGUSR1);
            assertEquals(SignalSet.of(Signals.SIGUSR1), woke.get());
            assertEquals(Signals.SIGUSR1, waiter.claim(new dev.sigpage.api.MutableSigInfo()));
        }
    }

    @Test
    @Timeout(60)
    void processDirectedSendWakesTheOnlyThreadAllowingIt() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread main = p.mainThread();
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR2));
        final ModelThread[] blocked = new ModelThread[100];
        for (int i = 0; i < blocked.length; i++) {
            blocked[i] = p.createThread(main);
        }
        final ModelThread waiter = p.createThread(main);
        waiter.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(Signals.SIGUSR2));
        for (int round = 0; round < 200; round++) {
            final CompletableFuture<SignalSet> woke = CompletableFuture.supplyAsync(() -> waiter.awaitDeliverable(LONG));
            kernel.kill(main, p.pid(), Signals.SIGUSR2);
            assertEquals(SignalSet.of(Signals.SIGUSR2), woke.get());
            assertEquals(Signals.SIGUSR2, waiter.claim(new dev.sigpage.api.MutableSigInfo()));
        }
    }

    @Test
    @Timeout(60)
    void pollingStrategiesSeeTheBit() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread waiter = p.createThread(p.mainThread());
        final IdleStrategy[] strategies = {new BusySpinIdleStrategy(), new YieldingIdleStrategy(),
            new BackoffIdleStrategy(1, 1, 1000, 100_000)};
        for (final IdleStrategy idle : strategies) {
            final CompletableFuture<SignalSet> woke = CompletableFuture.supplyAsync(
                () -> waiter.awaitDeliverable(idle, LONG));
            kernel.sigqueue(null, p.pid(), 40, 1);
            assertEquals(SignalSet.of(40), woke.get());
            waiter.claim(new dev.sigpage.api.MutableSigInfo());
        }
    }
}
