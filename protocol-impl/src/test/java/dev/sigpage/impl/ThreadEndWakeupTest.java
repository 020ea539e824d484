package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The end of a thread wakes whoever must not sleep through it. A thread parked in {@code awaitDeliverable} whose
 * process ends (or which another thread's {@code exec} removes) is woken at once and returns nothing; one parked in
 * {@code sigsuspend} returns at once having delivered nothing; one parked in {@code sigtimedwait} (either profile's)
 * ends at once with {@link ThreadExitedException}, not with a timeout; a thread that
 * exits after a process-directed send chose it wakes the next parked thread registered for exactly that signal.
 *
 * <p>Every wait here has a deadline that only a lost wake-up reaches (in seconds, not a hang): the test asserts that
 * the wait ended before it. A correct wake-up returns as soon as the waker unparks the waiter, far inside the
 * deadline however loaded the machine. Each step that must find the waiter parked first sees its Java thread in a
 * timed park, so the wake-up can only come from the waker's unpark, not from the waiter's own check before it parks.
 */
class ThreadEndWakeupTest {
    /** The waiters' deadline: only a lost wake-up reaches it. */
    private static final long DEADLINE = TimeUnit.SECONDS.toNanos(20);

    /** What a waiter's {@code awaitDeliverable} returned and how long it waited. */
    private static final class Wait {
        final AtomicLong woke = new AtomicLong(-1);
        final AtomicLong waited = new AtomicLong(-1);
        final Thread carrier;

        Wait(final ModelThread t, final String name, final Runnable after) {
            carrier = new Thread(
                    () -> {
                        final long start = System.nanoTime();
                        woke.set(t.awaitDeliverable(DEADLINE).bits());
                        waited.set(System.nanoTime() - start);
                        after.run();
                    },
                    name);
            carrier.setDaemon(true);
            carrier.start();
        }

        void awaitParked() {
            while (carrier.getState() != Thread.State.TIMED_WAITING && carrier.isAlive()) {
                Thread.onSpinWait();
            }
        }

        void assertWokenWith(final long bits, final String what) throws InterruptedException {
            carrier.join();
            assertTrue(waited.get() >= 0 && waited.get() < DEADLINE, what + ": the waiter slept to its deadline");
            assertEquals(SignalSet.ofBits(bits), SignalSet.ofBits(woke.get()), what);
        }
    }

    @Test
    void theEndOfItsProcessWakesAParkedThread() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final Wait w = new Wait(p.mainThread(), "parked main thread", () -> {});
        w.awaitParked();
        p.exit(0);
        w.assertWokenWith(0L, "process exit");
    }

    @Test
    void anExecByAnotherThreadWakesTheParkedThreadItRemoves() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread execer = p.mainThread();
        final ModelThread removed = p.createThread(execer);
        final Wait w = new Wait(removed, "parked thread", () -> {});
        w.awaitParked();
        p.exec(execer);
        w.assertWokenWith(0L, "exec by another thread");
    }

    /**
     * Two threads park; a process-directed SIGUSR2 wakes the first registered sleeper (the lowest slot, the main
     * thread), which exits without claiming it. The other thread blocks every signal but SIGUSR2 (SIGKILL and
     * SIGSTOP cannot be blocked), so it is registered for SIGUSR2 and for neither neighbour, SIGUSR1 (10) nor
     * SIGSEGV (11): only a hand-over of signal 12 itself can wake it.
     */
    @Test
    void anExitingThreadHandsAProcessSignalToTheThreadRegisteredForExactlyIt() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread first = p.mainThread();
        final ModelThread other = p.createThread(first);
        other.sigprocmask(MaskHow.SETMASK, SignalSet.full().without(Signals.SIGUSR2));
        final Wait firstWait = new Wait(first, "first sleeper", first::exit);
        final Wait otherWait = new Wait(other, "other sleeper", () -> {});
        firstWait.awaitParked();
        otherWait.awaitParked();
        kernel.kill(null, p.pid(), Signals.SIGUSR2);
        firstWait.assertWokenWith(Signals.bit(Signals.SIGUSR2), "the send's wake-up");
        otherWait.assertWokenWith(Signals.bit(Signals.SIGUSR2), "the exit's hand-over");
        assertEquals(other, p.mainThread(), "the main thread's end hands the role to the other thread");
        assertEquals(SignalSet.of(Signals.SIGUSR2), p.pendingSet(), "nothing claimed the signal");
    }

    /** A blocking call on a carrier thread of its own: what it returned or threw, and how long it took. */
    private static final class Call {
        final AtomicReference<Object> outcome = new AtomicReference<>();
        final AtomicLong took = new AtomicLong(-1);
        final Thread carrier;

        Call(final String name, final Supplier<Object> body) {
            carrier = new Thread(
                    () -> {
                        final long start = System.nanoTime();
                        try {
                            outcome.set(body.get());
                        } catch (final RuntimeException e) {
                            outcome.set(e);
                        }
                        took.set(System.nanoTime() - start);
                    },
                    name);
            carrier.setDaemon(true);
            carrier.start();
        }

        void awaitParked() {
            while (carrier.getState() != Thread.State.TIMED_WAITING && carrier.isAlive()) {
                Thread.onSpinWait();
            }
        }

        Object outcome(final String what) throws InterruptedException {
            carrier.join();
            assertTrue(took.get() >= 0 && took.get() < DEADLINE, what + ": the call ran to its deadline");
            return outcome.get();
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theEndOfItsProcessEndsASigtimedwaitWithThreadExited(final Profile profile) throws Exception {
        final Kernel kernel = new Kernel(KernelConfig.defaults().withProfile(profile));
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread t = p.mainThread();
        final Call call = new Call(
                "sigtimedwait", () -> t.sigtimedwait(SignalSet.of(Signals.SIGUSR1), new MutableSigInfo(), DEADLINE));
        call.awaitParked();
        p.exit(0);
        final ThreadExitedException e = assertInstanceOf(ThreadExitedException.class, call.outcome("process exit"));
        assertEquals("thread has exited: tid=" + t.tid(), e.getMessage());
    }

    @Test
    void theEndOfItsProcessEndsASigsuspendHavingDeliveredNothing() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread t = p.mainThread();
        final Call call = new Call("sigsuspend", () -> t.sigsuspend(SignalSet.empty(), new Delivery(), DEADLINE));
        call.awaitParked();
        p.exit(0);
        assertEquals(0, call.outcome("process exit"));
    }
}
