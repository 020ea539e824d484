package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.Signals;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A process-directed signal is not lost when the thread its send woke exits without claiming it: the exiting thread
 * hands it to another parked thread that allows it. A kill wakes exactly one parked sleeper; that sleeper exits at
 * once, so only the exit's hand-over can wake the other. A lost hand-over fails the test when the other sleeper's
 * deadline passes (in seconds): the test asserts that its wait ended before its deadline.
 */
class ExitHandOverTest {
    /** The sleepers' deadline: only a lost hand-over reaches it. */
    private static final long DEADLINE = TimeUnit.SECONDS.toNanos(20);

    @Test
    void anExitingThreadHandsAProcessSignalToAnotherParkedThread() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread sender = p.mainThread();
        final ModelThread a = p.createThread(sender);
        final ModelThread b = p.createThread(sender);
        sender.sigprocmask(MaskHow.SETMASK, -1L);
        final AtomicBoolean first = new AtomicBoolean(true);
        final AtomicLong otherWoke = new AtomicLong(-1);
        final AtomicLong otherWaited = new AtomicLong(-1);
        final Thread ca = new Thread(() -> sleep(a, first, otherWoke, otherWaited), "sleeper a");
        final Thread cb = new Thread(() -> sleep(b, first, otherWoke, otherWaited), "sleeper b");
        ca.start();
        cb.start();
        while ((ca.getState() != Thread.State.TIMED_WAITING || cb.getState() != Thread.State.TIMED_WAITING)
                && ca.isAlive()
                && cb.isAlive()) {
            Thread.onSpinWait();
        }
        kernel.kill(sender, p.pid(), Signals.SIGUSR1);
        ca.join();
        cb.join();
        assertTrue(
                otherWaited.get() < DEADLINE, "the other sleeper slept to its deadline: the exit handed nothing over");
        assertEquals(Signals.bit(Signals.SIGUSR1), otherWoke.get());
    }

    /**
     * Two process signals pending, each allowed by a different parked sleeper, and both senders chose a third
     * thread that leaves without claiming: its exit wakes a sleeper for each signal, not only for the lowest.
     * The third thread stands in the sleeper index as a sleeper that was woken and has not yet deregistered (the
     * window in which a sender picks it), so both sends choose it whatever the scheduling.
     */
    @Test
    void anExitingThreadHandsEachPendingProcessSignalToItsOwnSleeper() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread sender = p.mainThread();
        final ModelThread leaving = p.createThread(sender);
        final ModelThread a = p.createThread(sender);
        final ModelThread b = p.createThread(sender);
        sender.sigprocmask(MaskHow.SETMASK, -1L);
        a.sigprocmask(MaskHow.SETMASK, ~Signals.bit(Signals.SIGUSR1));
        b.sigprocmask(MaskHow.SETMASK, ~Signals.bit(Signals.SIGUSR2));
        final long both = Signals.bit(Signals.SIGUSR1) | Signals.bit(Signals.SIGUSR2);
        // the leaving thread's slot is below a's and b's, so the index names it first for both signals.
        p.sleepers.register(leaving.slot, both);
        final AtomicLong aWoke = new AtomicLong(-1);
        final AtomicLong bWoke = new AtomicLong(-1);
        final AtomicLong aWaited = new AtomicLong(-1);
        final AtomicLong bWaited = new AtomicLong(-1);
        final Thread ca = new Thread(() -> record(a, aWoke, aWaited), "sleeper a");
        final Thread cb = new Thread(() -> record(b, bWoke, bWaited), "sleeper b");
        ca.start();
        cb.start();
        while ((ca.getState() != Thread.State.TIMED_WAITING || cb.getState() != Thread.State.TIMED_WAITING)
                && ca.isAlive()
                && cb.isAlive()) {
            Thread.onSpinWait();
        }
        kernel.kill(sender, p.pid(), Signals.SIGUSR1);
        kernel.kill(sender, p.pid(), Signals.SIGUSR2);
        assertEquals(both, p.pendingSet().bits(), "both signals wait in the process word");
        p.sleepers.deregister(leaving.slot, both);
        leaving.exit();
        ca.join();
        cb.join();
        // a sleeper that reaches its deadline still returns what is deliverable: the deadline tells the lost wake-up.
        assertTrue(aWaited.get() < DEADLINE, "the SIGUSR1 sleeper slept to its deadline: nothing handed over");
        assertTrue(bWaited.get() < DEADLINE, "the SIGUSR2 sleeper slept to its deadline: nothing handed over");
        assertEquals(Signals.bit(Signals.SIGUSR1), aWoke.get(), "the sleeper allowing SIGUSR1 woke for it");
        assertEquals(Signals.bit(Signals.SIGUSR2), bWoke.get(), "the sleeper allowing SIGUSR2 woke for it");
    }

    /** Parks until something is deliverable, recording what and for how long. */
    private static void record(final ModelThread t, final AtomicLong woke, final AtomicLong waited) {
        final long start = System.nanoTime();
        woke.set(t.awaitDeliverable(DEADLINE).bits());
        waited.set(System.nanoTime() - start);
    }

    /** The first sleeper to wake exits without claiming; the other records what it woke with and how long it slept. */
    private static void sleep(
            final ModelThread t, final AtomicBoolean first, final AtomicLong otherWoke, final AtomicLong otherWaited) {
        final long start = System.nanoTime();
        final long woke = t.awaitDeliverable(DEADLINE).bits();
        final long waited = System.nanoTime() - start;
        if (first.compareAndSet(true, false)) {
            t.exit();
        } else {
            otherWoke.set(woke);
            otherWaited.set(waited);
        }
    }
}
