package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Under REDOX a stop or continue acts at send time (REDOX.md, procmgr): the stop of a child raises SIGCHLD in its
 * parent (from pid 1, unless the parent ignores SIGCHLD or set SA_NOCLDSTOP), and SIGCONT to a stopped process sets
 * SIGCONT pending in its process word. Each is a new pending signal, so a thread parked for it must be woken, as by
 * any send ("lost signals are not allowed", DESIGN.md). The waiter is seen parked before the send; its deadline is
 * reached only by a lost wake-up.
 */
class SendTimeWakeupTest {
    private static final long DEADLINE = TimeUnit.SECONDS.toNanos(20);

    private static final class Wait {
        final AtomicLong woke = new AtomicLong(-1);
        final AtomicLong waited = new AtomicLong(-1);
        final Thread carrier;

        Wait(final ModelThread t) {
            carrier = new Thread(() -> {
                final long start = System.nanoTime();
                woke.set(t.awaitDeliverable(DEADLINE).bits());
                waited.set(System.nanoTime() - start);
            });
            carrier.setDaemon(true);
            carrier.start();
            while (carrier.getState() != Thread.State.TIMED_WAITING && carrier.isAlive()) {
                Thread.onSpinWait();
            }
        }

        void assertWokenWith(final int sig) throws InterruptedException {
            carrier.join();
            assertTrue(waited.get() >= 0 && waited.get() < DEADLINE, "the waiter slept to its deadline");
            assertEquals(SignalSet.of(sig), SignalSet.ofBits(woke.get()));
        }
    }

    private static Kernel redox() {
        return new Kernel(KernelConfig.defaults().withProfile(Profile.REDOX));
    }

    @Test
    void theStopOfAChildWakesItsParentParkedForSigchld() throws Exception {
        final Kernel kernel = redox();
        final ModelProcess parent = kernel.spawn(1000, 1000);
        parent.sigaction(Signals.SIGCHLD, SigAction.handler(0x40_1000L, SignalSet.empty(), 0));
        final ModelProcess child = parent.fork(parent.mainThread());
        final Wait w = new Wait(parent.mainThread());
        kernel.kill(null, child.pid(), Signals.SIGSTOP);
        assertTrue(child.isStopped());
        w.assertWokenWith(Signals.SIGCHLD);
    }

    @Test
    void aContinueWakesTheStoppedProcessParkedForSigcont() throws Exception {
        final Kernel kernel = redox();
        final ModelProcess p = kernel.spawn(1000, 1000);
        p.sigaction(Signals.SIGCONT, SigAction.handler(0x40_1000L, SignalSet.empty(), 0));
        kernel.kill(null, p.pid(), Signals.SIGSTOP);
        assertTrue(p.isStopped());
        final Wait w = new Wait(p.mainThread());
        kernel.kill(null, p.pid(), Signals.SIGCONT);
        w.assertWokenWith(Signals.SIGCONT);
    }
}
