package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGCONT;
import static dev.sigpage.api.Signals.SIGSTOP;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Blocked calls return EINTR, a partial count, or restart; sigsuspend, sigwait, sigtimedwait. Each test
 * runs with park/unpark and with an Agrona idle strategy. Hand-offs: the test waits (bounded) until the user
 * thread is blocked, then acts.
 */
class BlockingCallTest {
    private static final long T = 10;

    private static Engine engine(final String mode) {
        return mode.equals("park") ? new Engine() : new Engine(new dev.sigpage.impl.Kernel(), WaitStrategy.backoff());
    }

    /** Runs a program in a new process; the outcome is its result or the exception it threw. */
    private static final class Run {
        final EngineProcess process;
        final UserThread thread;
        final AtomicReference<Object> outcome = new AtomicReference<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        Run(final Engine engine, final Function<Sys, Object> body, final int handlerFlags) {
            process = engine.spawn(1000, 1000);
            thread = process.start(sys -> {
                sys.sigaction(SIGUSR1, (sig, info, ctx) -> log.add("usr1"), SignalSet.empty(), handlerFlags);
                try {
                    outcome.set(body.apply(sys));
                } catch (final SignalException e) {
                    outcome.set(e.errno());
                }
            });
        }

        void blocked(final int count) throws InterruptedException {
            assertTrue(thread.awaitBlocked(count, T, TimeUnit.SECONDS), "thread must block: " + thread);
        }

        Object end() throws InterruptedException {
            assertTrue(thread.join(T, TimeUnit.SECONDS), "thread must end: " + thread);
            assertNull(thread.failure());
            return outcome.get();
        }

        void signal(final int sig) {
            process.engine().kernel().tgkill(null, process.pid(), thread.tid(), sig);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void pipeReadWithNoDataIsInterruptedWithEintr(final String mode) throws Exception {
        final Pipe pipe = new Pipe(8);
        final Run run = new Run(engine(mode), sys -> sys.read(pipe, new byte[4], 0, 4), 0);
        run.blocked(1);

        run.signal(SIGUSR1);

        assertEquals(Errno.EINTR, run.end());
        assertEquals(List.of("usr1"), run.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void pipeReadRestartsWithSaRestart(final String mode) throws Exception {
        final Pipe pipe = new Pipe(8);
        final byte[] got = new byte[4];
        final Run run = new Run(engine(mode), sys -> sys.read(pipe, got, 0, 4), SaFlags.SA_RESTART);
        run.blocked(1);
        run.signal(SIGUSR1);
        run.blocked(2);

        assertEquals(3, pipe.offer(new byte[] {1, 2, 3}));

        assertEquals(3, run.end());
        assertArrayEquals(new byte[] {1, 2, 3, 0}, got);
        assertEquals(List.of("usr1"), run.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void pipeWriteInterruptedAfterSomeBytesReturnsThePartialCount(final String mode) throws Exception {
        final Pipe pipe = new Pipe(4);
        final Run run = new Run(
                engine(mode),
                sys -> sys.write(pipe, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0, 10),
                SaFlags.SA_RESTART);
        run.blocked(1);
        run.signal(SIGUSR1);

        assertEquals(4, run.end());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, pipe.poll(10));
        assertEquals(List.of("usr1"), run.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void pipeWriteOnAFullPipeIsInterruptedWithEintr(final String mode) throws Exception {
        final Pipe pipe = new Pipe(2);
        assertEquals(2, pipe.offer(new byte[] {9, 9}));
        final Run run = new Run(engine(mode), sys -> sys.write(pipe, new byte[] {1}, 0, 1), 0);
        run.blocked(1);
        run.signal(SIGUSR1);

        assertEquals(Errno.EINTR, run.end());
        assertArrayEquals(new byte[] {9, 9}, pipe.poll(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void pipeWriteCompletesWhenAReaderDrains(final String mode) throws Exception {
        final Pipe pipe = new Pipe(2);
        final Run run = new Run(engine(mode), sys -> sys.write(pipe, new byte[] {1, 2, 3}, 0, 3), 0);
        run.blocked(1);
        assertArrayEquals(new byte[] {1, 2}, pipe.poll(2));

        assertEquals(3, run.end());
        assertArrayEquals(new byte[] {3}, pipe.poll(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sleepIsCutShortByAHandler(final String mode) throws Exception {
        final Run run = new Run(engine(mode), sys -> sys.sleep(TimeUnit.HOURS.toNanos(1)) > 0, SaFlags.SA_RESTART);
        run.blocked(1);
        run.signal(SIGUSR1);

        assertEquals(Boolean.TRUE, run.end());
        assertEquals(List.of("usr1"), run.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void futexWaitIsWokenInterruptedOrRestarted(final String mode) throws Exception {
        final Engine engine = engine(mode);
        final Futex futex = new Futex(0);
        final Run eagain = new Run(
                engine,
                sys -> {
                    sys.futexWait(futex, 1);
                    return "woken";
                },
                0);
        assertEquals(Errno.EAGAIN, eagain.end());

        final Run interrupted = new Run(
                engine,
                sys -> {
                    sys.futexWait(futex, 0);
                    return "woken";
                },
                0);
        interrupted.blocked(1);
        interrupted.signal(SIGUSR1);
        assertEquals(Errno.EINTR, interrupted.end());
        assertEquals(0, futex.waiters());

        final Run restarted = new Run(
                engine,
                sys -> {
                    sys.futexWait(futex, 0);
                    return "woken";
                },
                SaFlags.SA_RESTART);
        restarted.blocked(1);
        restarted.signal(SIGUSR1);
        restarted.blocked(2);
        assertEquals(1, futex.wake(1));
        assertEquals("woken", restarted.end());
        assertEquals(List.of("usr1"), restarted.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void stopAndContinueRestartsABlockedReadTransparently(final String mode) throws Exception {
        final Pipe pipe = new Pipe(8);
        final Run run = new Run(engine(mode), sys -> sys.read(pipe, new byte[4], 0, 4), 0);
        run.blocked(1);
        run.signal(SIGSTOP);
        assertEquals(
                ProcessEvent.Kind.STOPPED,
                run.process.awaitEvent(T, TimeUnit.SECONDS).kind());
        run.process.engine().kernel().kill(null, run.process.pid(), SIGCONT);
        run.blocked(2);

        pipe.offer(new byte[] {5});

        assertEquals(1, run.end());
        assertEquals(List.of(), run.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void aSignalPendingBeforeTheCallIsNeverLost(final String mode) throws Exception {
        final Run run = new Run(
                engine(mode),
                sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                    sys.raise(SIGUSR1);
                    try {
                        sys.sigsuspend(SignalSet.empty());
                        return "returned";
                    } catch (final SignalException e) {
                        return e.errno() + " mask=" + sys.mask();
                    }
                },
                0);

        assertEquals("EINTR mask={SIGUSR1}", run.end());
        assertEquals(List.of("usr1"), run.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sigsuspendWaitsWithItsMaskAndRestoresTheOldOne(final String mode) throws Exception {
        final Run run = new Run(
                engine(mode),
                sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1, SIGUSR2));
                    try {
                        sys.sigsuspend(SignalSet.of(SIGUSR2));
                        return "returned";
                    } catch (final SignalException e) {
                        return e.errno() + " mask=" + sys.mask();
                    }
                },
                0);
        run.blocked(1);
        run.signal(SIGUSR2);
        run.signal(SIGUSR1);

        assertEquals("EINTR mask={SIGUSR1,SIGUSR2}", run.end());
        assertEquals(List.of("usr1"), run.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sigwaitTakesTheSignalWithoutRunningItsHandler(final String mode) throws Exception {
        final Engine engine = engine(mode);
        final EngineProcess sender = engine.spawn(1000, 1000);
        final Run run = new Run(
                engine,
                sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                    final SigInfo info = sys.sigtimedwait(SignalSet.of(SIGUSR1), -1);
                    return info + " mask=" + sys.mask();
                },
                0);
        run.blocked(1);

        engine.kernel().sigqueue(sender.model().mainThread(), run.process.pid(), SIGUSR1, 77L);

        assertEquals(new SigInfo(SIGUSR1, SigInfo.SI_QUEUE, sender.pid(), 1000, 77L) + " mask={SIGUSR1}", run.end());
        assertEquals(List.of(), run.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sigwaitIsInterruptedByAHandledSignalOutsideItsSet(final String mode) throws Exception {
        final Run run = new Run(
                engine(mode),
                sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
                    return sys.sigwait(SignalSet.of(SIGUSR2));
                },
                0);
        run.blocked(1);
        run.signal(SIGUSR1);

        assertEquals(Errno.EINTR, run.end());
        assertEquals(List.of("usr1"), run.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sigtimedwaitTimesOutWithEagain(final String mode) throws Exception {
        final Run run = new Run(engine(mode), sys -> sys.sigtimedwait(SignalSet.of(SIGUSR2), 1_000_000L), 0);
        assertEquals(Errno.EAGAIN, run.end());
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sigwaitReturnsAtOnceForAPendingSignal(final String mode) throws Exception {
        final Run run = new Run(
                engine(mode),
                sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
                    sys.raise(SIGUSR2);
                    return sys.sigwait(SignalSet.of(SIGUSR2)) + " " + sys.sigpending();
                },
                0);
        assertEquals(SIGUSR2 + " {}", run.end());
        assertEquals(0, run.thread.blockCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sigkillEndsAThreadBlockedInsideAnInhibitSection(final String mode) throws Exception {
        final Pipe pipe = new Pipe(2);
        final Run run = new Run(
                engine(mode),
                sys -> {
                    sys.inhibitDelivery();
                    return sys.read(pipe, new byte[1], 0, 1);
                },
                0);
        run.blocked(1);
        run.signal(SIGUSR1);
        run.process.engine().kernel().kill(null, run.process.pid(), dev.sigpage.api.Signals.SIGKILL);

        assertEquals(
                ProcessEvent.Kind.KILLED,
                run.process.awaitEnd(T, TimeUnit.SECONDS).kind());
        run.end();
        assertEquals(List.of(), run.log);
        assertThrows(IllegalStateException.class, () -> run.thread.model().mask());
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sigwaitInsideAnInhibitSectionFailsWhenAnotherSignalIsDeferred(final String mode) throws Exception {
        final Run run = new Run(
                engine(mode),
                sys -> {
                    sys.inhibitDelivery();
                    sys.raise(SIGUSR1);
                    String result;
                    try {
                        result = "got " + sys.sigwait(SignalSet.of(SIGUSR2));
                    } catch (final SignalException e) {
                        result = e.errno().name();
                    }
                    sys.allowDelivery();
                    return result;
                },
                0);

        assertEquals("EINTR", run.end());
        assertEquals(List.of("usr1"), run.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void zeroLengthReadsAndWritesReturnAtOnceAndEndOfFileReadsZero(final String mode) throws Exception {
        final Pipe pipe = new Pipe(2);
        final Run run = new Run(
                engine(mode),
                sys -> {
                    final int r0 = sys.read(pipe, new byte[1], 0, 0);
                    final int w0 = sys.write(pipe, new byte[1], 0, 0);
                    pipe.closeWrite();
                    return r0 + " " + w0 + " " + sys.read(pipe, new byte[1], 0, 1);
                },
                0);

        assertEquals("0 0 0", run.end());
        assertEquals(0, run.thread.blockCount());
    }

    /** POSIX read: with the write end closed and nothing buffered, a reader waiting on the pipe gets 0 (end of file). */
    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void aReaderWaitingOnAnEmptyPipeGetsEndOfFileWhenTheWriteEndCloses(final String mode) throws Exception {
        final Pipe pipe = new Pipe(4);
        final Run run = new Run(engine(mode), sys -> sys.read(pipe, new byte[4], 0, 4), 0);
        run.blocked(1);

        pipe.closeWrite();

        assertEquals(0, run.end());
        assertEquals(List.of(), run.log);
    }

    /** A sleep that no signal cuts short returns 0 once its time has passed. */
    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void aSleepEndsWhenItsTimeHasPassed(final String mode) throws Exception {
        final Run run = new Run(engine(mode), sys -> sys.sleep(TimeUnit.MILLISECONDS.toNanos(1)), 0);

        assertEquals(0L, run.end());
        assertEquals(List.of(), run.log);
    }

    /** POSIX nanosleep: the time left when a handler cut the sleep short is at most the time asked for. */
    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sleepCutShortReturnsATimeLeftWithinTheRequest(final String mode) throws Exception {
        final long requested = TimeUnit.HOURS.toNanos(1);
        final Run run = new Run(engine(mode), sys -> sys.sleep(requested), 0);
        run.blocked(1);
        run.signal(SIGUSR1);

        final long left = (Long) run.end();
        assertTrue(left >= 1 && left <= requested, "time left: " + left);
        assertEquals(List.of("usr1"), run.log);
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void waitpidIsInterruptedWithEintr(final String mode) throws Exception {
        final AtomicReference<EngineProcess> child = new AtomicReference<>();
        final Run run = new Run(
                engine(mode),
                sys -> {
                    child.set(sys.fork(c -> c.sigsuspend(SignalSet.empty())));
                    return sys.waitpid(child.get());
                },
                0);
        run.blocked(1);
        run.signal(SIGUSR1);

        assertEquals(Errno.EINTR, run.end());
        assertEquals(List.of("usr1"), run.log);
        child.get().engine().kernel().kill(null, child.get().pid(), dev.sigpage.api.Signals.SIGKILL);
        assertEquals(
                ProcessEvent.Kind.KILLED,
                child.get().awaitEnd(T, TimeUnit.SECONDS).kind());
    }

    /** A stop and a continue run no handler: sigtimedwait goes on waiting and then takes its signal. */
    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sigtimedwaitGoesOnWaitingAfterAStopAndAContinue(final String mode) throws Exception {
        final Run run = new Run(
                engine(mode),
                sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
                    return sys.sigtimedwait(SignalSet.of(SIGUSR2), -1).signo();
                },
                0);
        run.blocked(1);
        run.signal(SIGSTOP);
        assertEquals(
                ProcessEvent.Kind.STOPPED,
                run.process.awaitEvent(T, TimeUnit.SECONDS).kind());
        run.process.engine().kernel().kill(null, run.process.pid(), SIGCONT);
        run.blocked(2);
        run.signal(SIGUSR2);

        assertEquals(SIGUSR2, run.end());
        assertEquals(List.of(), run.log);
    }
}
