package dev.sigpage.impl;

import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wait of a model thread ends on a Java interrupt of its thread, even without a deadline: a
 * {@link WaitInterruptedException} naming the call and the tid, the interrupt flag still set, every page byte and
 * the sleeper index as before the wait, nothing claimed, nothing delivered, no EINTR. A wait that ignored the
 * interrupt would hang here until the JUnit timeout.
 */
class WaitInterruptTest {
    private static final long FOREVER = Long.MAX_VALUE;
    /** The handler address of SIGUSR1 in the processes of this test. */
    private static final long HANDLER = 0x1000;

    /** A wait with no deadline, as one call of a model thread, and whether it parks (registers as a sleeper). */
    private record Wait(String call, boolean parks, Consumer<ModelThread> body) {
        @Override
        public String toString() {
            return call + (parks ? " parked" : " polling");
        }
    }

    static Stream<Arguments> waits() {
        return Stream.of(
                        new Wait("awaitDeliverable", true, t -> t.awaitDeliverable(FOREVER)),
                        new Wait(
                                "awaitDeliverable", false, t -> t.awaitDeliverable(new BackoffIdleStrategy(), FOREVER)),
                        new Wait(
                                "awaitDeliverable",
                                false,
                                t -> t.awaitDeliverable(new BusySpinIdleStrategy(), FOREVER, () -> false)),
                        new Wait("sigtimedwait", true, t -> t.sigwaitinfo(SignalSet.of(SIGUSR2), new MutableSigInfo())),
                        new Wait(
                                "sigtimedwait",
                                false,
                                t -> t.sigtimedwait(
                                        SignalSet.of(SIGUSR2),
                                        new MutableSigInfo(),
                                        FOREVER,
                                        new BackoffIdleStrategy())),
                        new Wait("sigsuspend", true, t -> t.sigsuspend(SignalSet.of(SIGUSR1), new Delivery(), FOREVER)),
                        new Wait(
                                "sigsuspend",
                                false,
                                t -> t.sigsuspend(
                                        SignalSet.of(SIGUSR1), new Delivery(), FOREVER, new BackoffIdleStrategy())))
                .flatMap(w -> Stream.of(Arguments.of(Profile.POSIX, w), Arguments.of(Profile.REDOX, w)));
    }

    /**
     * A waiter whose mask blocks SIGUSR2 and allows SIGUSR1 (caught), with SIGUSR1 pending for no one: it is blocked
     * by the waiter's main thread, and the waiter's sleeper bits are what a wait changes.
     */
    private static ModelThread waiter(final Profile profile) {
        final Kernel kernel = new Kernel(KernelConfig.defaults().withProfile(profile));
        final ModelProcess p = kernel.spawn(1000, 1000);
        p.sigaction(SIGUSR1, SigAction.handler(HANDLER, SignalSet.empty(), 0));
        final ModelThread t = p.createThread(p.mainThread());
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
        // a pending signal the waiter does not allow: the pages hold more than zeros.
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
        kernel.tgkill(null, p.pid(), t.tid(), SIGUSR1);
        return t;
    }

    /** The sleeper index, signal by signal: the lowest parked slot, or -1. */
    private static int[] sleepers(final ModelProcess p) {
        final int[] out = new int[64];
        for (int sig = 1; sig <= 64; sig++) {
            out[sig - 1] = p.sleepers.findSleeper(sig);
        }
        return out;
    }

    /**
     * Runs a wait on its own daemon thread, so that a wait that ignored interrupts would leave the test's thread free
     * to fail at the JUnit timeout; records how it ended and whether the flag was still set.
     */
    private static final class Waiting {
        final AtomicReference<Throwable> ended = new AtomicReference<>();
        final AtomicBoolean flagAfter = new AtomicBoolean();
        final Thread java;

        Waiting(final ModelThread t, final Wait wait, final boolean interruptFirst) {
            java = new Thread(() -> {
                if (interruptFirst) {
                    Thread.currentThread().interrupt();
                }
                try {
                    wait.body.accept(t);
                } catch (final Throwable e) {
                    ended.set(e);
                }
                flagAfter.set(Thread.currentThread().isInterrupted());
            });
            java.setDaemon(true);
            java.start();
        }

        WaitInterruptedException end() throws InterruptedException {
            java.join();
            assertTrue(flagAfter.get(), "the interrupt flag must stay set");
            return assertInstanceOf(WaitInterruptedException.class, ended.get());
        }
    }

    private static boolean registered(final ModelThread t) {
        return Arrays.stream(sleepers(t.process)).anyMatch(slot -> slot == t.slot);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("waits")
    void aJavaInterruptEndsTheWaitAndLeavesEverythingAsItWas(final Profile profile, final Wait wait) throws Exception {
        final ModelThread t = waiter(profile);
        final byte[][] pages = Pages.snapshot(t.process);
        final int[] sleepers = sleepers(t.process);
        final Waiting w = new Waiting(t, wait, false);
        final Thread java = w.java;
        // a parking wait is interrupted once parked (registered, then parked); a polling wait checks for the
        // interrupt at every poll, wherever it is.
        while (wait.parks && !(registered(t) && java.getState() == Thread.State.TIMED_WAITING)) {
            Thread.onSpinWait();
        }
        java.interrupt();

        final WaitInterruptedException e = w.end();
        assertEquals(wait.call, e.call());
        assertEquals(t.tid(), e.tid());
        assertEquals("a Java interrupt ended the wait: call=" + wait.call + ", tid=" + t.tid(), e.getMessage());
        assertArrayEquals(pages, Pages.snapshot(t.process), "an interrupted wait changed memory");
        assertArrayEquals(sleepers, sleepers(t.process), "an interrupted wait left a sleeper registered");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("waits")
    void anInterruptBeforeTheWaitEndsItAtOnce(final Profile profile, final Wait wait) throws Exception {
        final ModelThread t = waiter(profile);
        final byte[][] pages = Pages.snapshot(t.process);
        assertEquals(wait.call, new Waiting(t, wait, true).end().call());
        assertArrayEquals(pages, Pages.snapshot(t.process), "an interrupted wait changed memory");
        assertEquals(-1, Arrays.stream(sleepers(t.process)).max().getAsInt());
    }

    @Test
    void aSignalDeliverableAtTheWaitWinsOverTheInterrupt() {
        final ModelThread t = waiter(Profile.POSIX);
        t.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGUSR1));
        Thread.currentThread().interrupt();
        try {
            assertEquals(SignalSet.of(SIGUSR1), t.awaitDeliverable(FOREVER));
            final Delivery d = new Delivery();
            assertEquals(SIGUSR1, t.sigsuspend(SignalSet.empty(), d, FOREVER));
            assertEquals(HANDLER, d.handler());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag must stay set");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aSignalSentAfterAnInterruptedWaitIsClaimedAsUsual() throws Exception {
        final ModelThread t = waiter(Profile.POSIX);
        final Waiting w = new Waiting(
                t,
                new Wait("sigtimedwait", true, u -> u.sigwaitinfo(SignalSet.of(SIGUSR2), new MutableSigInfo())),
                false);
        while (!(registered(t) && w.java.getState() == Thread.State.TIMED_WAITING)) {
            Thread.onSpinWait();
        }
        w.java.interrupt();
        w.end();
        t.kernel.kill(null, t.process.pid(), SIGUSR2);
        final MutableSigInfo info = new MutableSigInfo();
        assertEquals(SIGUSR2, t.sigtimedwait(SignalSet.of(SIGUSR2), info, 0));
    }

    /**
     * A process-directed send that chose a sleeper just as an interrupt ends its wait: the wake-up passes to the next
     * sleeper that allows the signal, or it would be lost (B would sleep until the JUnit timeout).
     */
    @Test
    void anInterruptedSleeperChosenByASenderPassesTheWakeUpOn() throws Exception {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        p.mainThread().sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
        final ModelThread a = p.createThread(p.mainThread());
        final ModelThread b = p.createThread(p.mainThread());
        a.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGUSR1));
        b.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGUSR1));
        assertTrue(a.slot < b.slot, "the sender must choose A, the lowest slot");
        final AtomicReference<SignalSet> bWoke = new AtomicReference<>();
        final Thread bJava = new Thread(() -> bWoke.set(b.awaitDeliverable(FOREVER)));
        bJava.setDaemon(true);
        bJava.start();
        while (!(p.sleepers.findSleeper(SIGUSR1) == b.slot && bJava.getState() == Thread.State.TIMED_WAITING)) {
            Thread.onSpinWait();
        }
        // A's condition runs after its registration and its check of the deliverable set: there the send (which
        // finds A) and the interrupt come between A's check and its deregistration.
        final int[] checks = {0};
        final Waiting aWait = new Waiting(
                a,
                new Wait(
                        "awaitDeliverable",
                        true,
                        t -> t.awaitDeliverable(null, FOREVER, () -> {
                            if (++checks[0] == 2) {
                                assertEquals(a.slot, p.sleepers.findSleeper(SIGUSR1));
                                kernel.kill(null, p.pid(), SIGUSR1);
                                Thread.currentThread().interrupt();
                            }
                            return false;
                        })),
                false);
        aWait.end();
        bJava.join();
        assertEquals(SignalSet.of(SIGUSR1), bWoke.get());
    }
}
