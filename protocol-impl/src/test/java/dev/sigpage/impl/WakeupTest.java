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
 * Waiting threads are woken. The waits have no timeout: a lost wake-up hangs the wait and the JUnit timeout fails
 * the test. No test depends on the order in which the threads happen to run.
 */
class WakeupTest {
    /** No timeout: a lost wake-up hangs the wait, and the JUnit timeout fails the test. */
    private static final long FOREVER = Long.MAX_VALUE;

    @Test
    void timeoutWithNothingPendingReturnsEmpty() {
        final ModelThread t = new Kernel().spawn(1000, 1000).mainThread();
        assertTrue(t.awaitDeliverable(TimeUnit.MILLISECONDS.toNanos(1)).isEmpty());
        assertTrue(t.awaitDeliverable(new BusySpinIdleStrategy(), TimeUnit.MILLISECONDS.toNanos(1))
                .isEmpty());
        assertTrue(t.awaitDeliverable(0).isEmpty());
    }

    @Test
    void alreadyDeliverableReturnsAtOnce() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        kernel.kill(null, p.pid(), Signals.SIGINT);
        assertEquals(SignalSet.of(Signals.SIGINT), p.mainThread().awaitDeliverable(0));
    }

    /**
     * A signal already deliverable when a wait starts ends it at once, however long the wait may last: the send is
     * over, so no sender will unpark the waiter, which must look before it parks. The wait runs on a fresh thread,
     * which holds no permit from an earlier unpark.
     */
    @Test
    void alreadyDeliverableEndsAWaitWithoutATimeout() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread waiter = p.createThread(p.mainThread());
        kernel.tgkill(null, p.pid(), waiter.tid(), Signals.SIGUSR1);
        kernel.kill(null, p.pid(), Signals.SIGINT);
        final CompletableFuture<SignalSet> woke = new CompletableFuture<>();
        final Thread carrier = new Thread(() -> woke.complete(waiter.awaitDeliverable(FOREVER)));
        carrier.setDaemon(true);
        carrier.start();
        try {
            assertEquals(SignalSet.of(Signals.SIGINT, Signals.SIGUSR1), woke.get(10, TimeUnit.SECONDS));
        } finally {
            carrier.interrupt();
        }
    }

    @Test
    @Timeout(60)
    void threadDirectedSendUnparksTheTarget() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread waiter = p.createThread(p.mainThread());
        for (int round = 0; round < 200; round++) {
            final CompletableFuture<SignalSet> woke =
                    CompletableFuture.supplyAsync(() -> waiter.awaitDeliverable(FOREVER));
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
            final CompletableFuture<SignalSet> woke =
                    CompletableFuture.supplyAsync(() -> waiter.awaitDeliverable(FOREVER));
            kernel.kill(main, p.pid(), Signals.SIGUSR2);
            assertEquals(SignalSet.of(Signals.SIGUSR2), woke.get());
            assertEquals(Signals.SIGUSR2, waiter.claim(new dev.sigpage.api.MutableSigInfo()));
        }
    }

    /**
     * Blocking a pending process-directed signal hands it to a parked thread (Linux's retarget_shared_pending).
     * The pending bit is raised on the raw page, without the kernel's wake-up, as if the sender had chosen the
     * running thread; only the mask change can then wake the sleeper. The sleeper is first seen parked.
     */
    @Test
    @Timeout(60)
    void blockingAPendingSignalWakesAParkedThreadThatAllowsIt() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread runner = p.mainThread();
        final ModelThread sleeper = p.createThread(runner);
        final CompletableFuture<SignalSet> woke = new CompletableFuture<>();
        // No timeout: without the retarget the sleeper would never wake (the JUnit timeout then fails the test).
        final Thread t = new Thread(() -> woke.complete(sleeper.awaitDeliverable(Long.MAX_VALUE)));
        t.setDaemon(true);
        t.start();
        while (p.sleepers.findSleeper(Signals.SIGUSR1) != sleeper.slot || t.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        p.control().raisePending(Signals.SIGUSR1);
        runner.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
        assertEquals(SignalSet.of(Signals.SIGUSR1), woke.get());
        t.join();
    }

    @Test
    @Timeout(60)
    void pollingStrategiesSeeTheBit() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread waiter = p.createThread(p.mainThread());
        final IdleStrategy[] strategies = {
            new BusySpinIdleStrategy(), new YieldingIdleStrategy(), new BackoffIdleStrategy(1, 1, 1000, 100_000)
        };
        for (final IdleStrategy idle : strategies) {
            final CompletableFuture<SignalSet> woke =
                    CompletableFuture.supplyAsync(() -> waiter.awaitDeliverable(idle, FOREVER));
            kernel.sigqueue(null, p.pid(), 40, 1);
            assertEquals(SignalSet.of(40), woke.get());
            waiter.claim(new dev.sigpage.api.MutableSigInfo());
        }
    }
}
