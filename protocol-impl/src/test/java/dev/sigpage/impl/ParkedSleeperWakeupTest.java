package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A thread parked in {@code awaitDeliverable} is woken by a process-directed send of each kind. The send happens only
 * after the waiter is parked (its Java thread is seen in a timed park), so the wake-up must come from the sender's
 * unpark, not from the waiter's own check before parking. A lost wake-up fails the test when the wait's deadline
 * passes (in seconds) instead of hanging it: the wait then returns the signal from its last check, so the test
 * asserts that the wait ended before its deadline. A correct wake-up returns as soon as the sender unparks the
 * waiter, far inside the deadline however loaded the machine.
 */
class ParkedSleeperWakeupTest {
    /** The waiter's deadline: only a lost wake-up reaches it. */
    private static final long DEADLINE = TimeUnit.SECONDS.toNanos(20);

    @Test
    void processDirectedRealtimeSendWakesAParkedSleeper() throws Exception {
        assertWokenBy(Signals.SIGRTMIN, true);
    }

    @Test
    void processDirectedStandardSendWakesAParkedSleeper() throws Exception {
        assertWokenBy(Signals.SIGUSR1, true);
    }

    @Test
    void threadDirectedRealtimeSendWakesAParkedSleeper() throws Exception {
        assertWokenBy(Signals.SIGRTMIN + 1, false);
    }

    private static void assertWokenBy(final int sig, final boolean toProcess) throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread sender = p.mainThread();
        final ModelThread waiter = p.createThread(sender);
        sender.sigprocmask(MaskHow.SETMASK, -1L);
        final AtomicLong woke = new AtomicLong(-1);
        final AtomicLong waited = new AtomicLong(-1);
        final Thread carrier = new Thread(
                () -> {
                    final long start = System.nanoTime();
                    woke.set(waiter.awaitDeliverable(DEADLINE).bits());
                    waited.set(System.nanoTime() - start);
                },
                "waiter");
        carrier.start();
        while (carrier.getState() != Thread.State.TIMED_WAITING && carrier.isAlive()) {
            Thread.onSpinWait();
        }
        if (toProcess) {
            kernel.sigqueue(sender, p.pid(), sig, 7);
        } else {
            kernel.sigqueueThread(sender, p.pid(), waiter.tid(), sig, 7);
        }
        carrier.join();
        assertTrue(waited.get() < DEADLINE, "the parked waiter slept to its deadline (lost wake-up): signal=" + sig);
        assertEquals(SignalSet.of(sig), SignalSet.ofBits(woke.get()));
    }
}
