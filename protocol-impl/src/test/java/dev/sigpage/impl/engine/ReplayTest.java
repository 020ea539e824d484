package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Races and cancellation sequences scripted step by step with the {@link StepScheduler}, replayed with the
 * same trace and the same outcome.
 */
class ReplayTest {
    private static final long T = 10;

    /** What a scripted run produced. */
    private record Result(List<String> trace, Object outcome, List<String> handlerLog) {}

    private static UserProgram reader(
            final Pipe pipe, final int flags, final AtomicReference<Object> outcome, final List<String> log) {
        return sys -> {
            sys.sigaction(SIGUSR1, (sig, info, ctx) -> log.add("usr1"), SignalSet.empty(), flags);
            try {
                outcome.set(sys.read(pipe, new byte[4], 0, 4));
            } catch (final SignalException e) {
                outcome.set(e.errno());
            }
        };
    }

    /** The signal arrives after the reader registered as a waiter and before it parked. */
    private static Result signalBetweenRegistrationAndPark() {
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final Pipe pipe = new Pipe(4);
        final AtomicReference<Object> outcome = new AtomicReference<>();
        final List<String> log = new CopyOnWriteArrayList<>();
        final StepScheduler s = new StepScheduler(engine, T, TimeUnit.SECONDS);
        final UserThread reader = s.start(p, "reader", reader(pipe, 0, outcome, log));
        s.stepUntil("reader", "wait");
        s.act("tgkill SIGUSR1", () -> engine.kernel().tgkill(null, p.pid(), reader.tid(), SIGUSR1));
        s.finish();
        return new Result(s.trace(), outcome.get(), log);
    }

    @Test
    void aSignalBetweenRegistrationAndParkIsSeenAndReplaysIdentically() {
        final Result first = signalBetweenRegistrationAndPark();

        assertEquals(
                List.of(
                        "reader: entry:start -> entry:sigaction",
                        "reader: entry:sigaction -> entry:read",
                        "reader: entry:read -> wait",
                        "script: tgkill SIGUSR1",
                        "reader: wait -> sleeps",
                        "reader: woken -> deliver:SIGUSR1",
                        "reader: deliver:SIGUSR1 -> sigreturn:SIGUSR1",
                        "reader: sigreturn:SIGUSR1 -> end",
                        "all ended"),
                first.trace());
        assertEquals(Errno.EINTR, first.outcome());
        assertEquals(List.of("usr1"), first.handlerLog());
        for (int i = 0; i < 5; i++) {
            assertEquals(first, signalBetweenRegistrationAndPark());
        }
    }

    /** With SA_RESTART: the read restarts, blocks again, and the data written then completes it. */
    private static Result restartThenData() {
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final Pipe pipe = new Pipe(4);
        final AtomicReference<Object> outcome = new AtomicReference<>();
        final List<String> log = new CopyOnWriteArrayList<>();
        final StepScheduler s = new StepScheduler(engine, T, TimeUnit.SECONDS);
        final UserThread reader = s.start(p, "reader", reader(pipe, SaFlags.SA_RESTART, outcome, log));
        s.stepUntil("reader", "wait");
        s.step("reader");
        s.act("tgkill SIGUSR1", () -> engine.kernel().tgkill(null, p.pid(), reader.tid(), SIGUSR1));
        s.stepUntil("reader", "wait");
        s.step("reader");
        s.act("write 2 bytes", () -> pipe.offer(new byte[] {7, 8}));
        s.finish();
        return new Result(s.trace(), outcome.get(), log);
    }

    @Test
    void aRestartedReadReplaysIdentically() {
        final Result first = restartThenData();

        assertEquals(
                List.of(
                        "reader: entry:start -> entry:sigaction",
                        "reader: entry:sigaction -> entry:read",
                        "reader: entry:read -> wait",
                        "reader: wait -> sleeps",
                        "script: tgkill SIGUSR1",
                        "reader: woken -> deliver:SIGUSR1",
                        "reader: deliver:SIGUSR1 -> sigreturn:SIGUSR1",
                        "reader: sigreturn:SIGUSR1 -> wait",
                        "reader: wait -> sleeps",
                        "script: write 2 bytes",
                        "reader: woken -> end",
                        "all ended"),
                first.trace());
        assertEquals(2, first.outcome());
        for (int i = 0; i < 5; i++) {
            assertEquals(first, restartThenData());
        }
    }

    /**
     * A cancellation race: the server answers and the caller is signalled before the caller wakes. The answer
     * wins (no cancellation is sent) and the handler runs on the way out.
     */
    private static Result answerAndSignalTogether(final CancelMode mode) {
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final BlockingQueue<SchemeRequest> requests = new LinkedBlockingQueue<>();
        final List<String> log = new CopyOnWriteArrayList<>();
        final AtomicReference<Object> outcome = new AtomicReference<>();
        try (SchemeServer server = new SchemeServer("scheme", mode, 8, new SchemeHandler() {
            @Override
            public void request(final SchemeRequest r) {
                requests.add(r);
            }

            @Override
            public void cancel(final SchemeRequest r, final boolean forced) {
                log.add("server cancel " + r.id());
            }
        })) {
            final StepScheduler s = new StepScheduler(engine, T, TimeUnit.SECONDS);
            final UserThread caller = s.start(p, "caller", sys -> {
                sys.sigaction(SIGUSR1, (sig, info, ctx) -> log.add("usr1"), SignalSet.empty(), 0);
                try {
                    outcome.set(sys.call(server.open(sys.user()), 5));
                } catch (final SignalException e) {
                    outcome.set(e.errno());
                }
            });
            s.stepUntil("caller", "wait");
            s.act("server answers 10", () -> take(requests).complete(10));
            s.act("tgkill SIGUSR1", () -> engine.kernel().tgkill(null, p.pid(), caller.tid(), SIGUSR1));
            s.finish();
            final List<String> trace = new ArrayList<>(s.trace());
            trace.add("cancel messages=" + server.cancelMessages());
            return new Result(trace, outcome.get(), log);
        }
    }

    /** The signal comes first: a cancellation reaches the server, which returns early with a partial count. */
    private static Result signalThenPartialAnswer(final CancelMode mode) {
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final BlockingQueue<SchemeRequest> requests = new LinkedBlockingQueue<>();
        final BlockingQueue<SchemeRequest> cancelled = new LinkedBlockingQueue<>();
        final List<String> log = new CopyOnWriteArrayList<>();
        final AtomicReference<Object> outcome = new AtomicReference<>();
        try (SchemeServer server = new SchemeServer("scheme", mode, 8, new SchemeHandler() {
            @Override
            public void request(final SchemeRequest r) {
                requests.add(r);
            }

            @Override
            public void cancel(final SchemeRequest r, final boolean forced) {
                cancelled.add(r);
            }
        })) {
            final StepScheduler s = new StepScheduler(engine, T, TimeUnit.SECONDS);
            final UserThread caller = s.start(p, "caller", sys -> {
                sys.sigaction(SIGUSR1, (sig, info, ctx) -> log.add("usr1"), SignalSet.empty(), 0);
                try {
                    outcome.set(sys.call(server.open(sys.user()), 5));
                } catch (final SignalException e) {
                    outcome.set(e.errno());
                }
            });
            s.stepUntil("caller", "wait");
            s.step("caller");
            final SchemeRequest r = take(requests);
            s.act("tgkill SIGUSR1", () -> engine.kernel().tgkill(null, p.pid(), caller.tid(), SIGUSR1));
            s.stepUntil("caller", "wait");
            s.step("caller");
            s.act("server sees the cancellation", () -> assertTrue(take(cancelled) == r));
            s.act("server answers 3 (partial)", () -> r.complete(3));
            s.finish();
            final List<String> trace = new ArrayList<>(s.trace());
            trace.add("cancel messages=" + server.cancelMessages());
            return new Result(trace, outcome.get(), log);
        }
    }

    private static SchemeRequest take(final BlockingQueue<SchemeRequest> q) {
        try {
            final SchemeRequest r = q.poll(T, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("server must see the request");
            }
            return r;
        } catch (final InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAnswerRacingASignalWinsAndReplaysIdentically() {
        for (final CancelMode mode : CancelMode.values()) {
            final Result first = answerAndSignalTogether(mode);
            assertEquals(
                    List.of(
                            "caller: entry:start -> entry:sigaction",
                            "caller: entry:sigaction -> entry:call",
                            "caller: entry:call -> wait",
                            "script: server answers 10",
                            "script: tgkill SIGUSR1",
                            "caller: wait -> sleeps",
                            "caller: woken -> deliver:SIGUSR1",
                            "caller: deliver:SIGUSR1 -> sigreturn:SIGUSR1",
                            "caller: sigreturn:SIGUSR1 -> end",
                            "all ended",
                            "cancel messages=0"),
                    first.trace(),
                    mode.name());
            assertEquals(10L, first.outcome());
            assertEquals(List.of("usr1"), first.handlerLog());
            assertEquals(first, answerAndSignalTogether(mode));
            assertEquals(first, answerAndSignalTogether(mode));
        }
    }

    @Test
    void aCancellationAnsweredWithAPartialCountReplaysIdentically() {
        for (final CancelMode mode : CancelMode.values()) {
            final Result first = signalThenPartialAnswer(mode);
            assertEquals(
                    List.of(
                            "caller: entry:start -> entry:sigaction",
                            "caller: entry:sigaction -> entry:call",
                            "caller: entry:call -> wait",
                            "caller: wait -> sleeps",
                            "script: tgkill SIGUSR1",
                            "caller: woken -> wait",
                            "caller: wait -> sleeps",
                            "script: server sees the cancellation",
                            "script: server answers 3 (partial)",
                            "caller: woken -> deliver:SIGUSR1",
                            "caller: deliver:SIGUSR1 -> sigreturn:SIGUSR1",
                            "caller: sigreturn:SIGUSR1 -> end",
                            "all ended",
                            "cancel messages=" + (mode == CancelMode.REQUEST ? 1 : 0)),
                    first.trace(),
                    mode.name());
            assertEquals(3L, first.outcome());
            assertEquals(List.of("usr1"), first.handlerLog());
            assertEquals(first, signalThenPartialAnswer(mode));
        }
    }

    /** A reader with handlers of SIGUSR1 and SIGUSR2, both sent while it is registered and not yet parked. */
    private record TwoSignals(StepScheduler s, Pipe pipe, AtomicReference<Object> outcome, List<String> log) {}

    private static TwoSignals twoSignalsDuringARead(final int flags) {
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final Pipe pipe = new Pipe(4);
        final AtomicReference<Object> outcome = new AtomicReference<>();
        final List<String> log = new CopyOnWriteArrayList<>();
        final StepScheduler s = new StepScheduler(engine, T, TimeUnit.SECONDS);
        final UserThread reader = s.start(p, "reader", sys -> {
            sys.sigaction(SIGUSR2, (sig, info, ctx) -> log.add("usr2"), SignalSet.empty(), flags);
            reader(pipe, flags, outcome, log).run(sys);
        });
        s.stepUntil("reader", "wait");
        s.act("tgkill SIGUSR1", () -> engine.kernel().tgkill(null, p.pid(), reader.tid(), SIGUSR1));
        s.act("tgkill SIGUSR2", () -> engine.kernel().tgkill(null, p.pid(), reader.tid(), SIGUSR2));
        return new TwoSignals(s, pipe, outcome, log);
    }

    /**
     * Two handlers run in the return to user of one interrupted read (both signals were sent while the reader was
     * registered and not yet parked): a handler ran, so the read fails with EINTR.
     */
    @Test
    void twoHandlersRunForOneInterruptedReadAndItFailsWithEintr() {
        final TwoSignals r = twoSignalsDuringARead(0);
        r.s().finish();

        assertEquals(Errno.EINTR, r.outcome().get());
        assertEquals(List.of("usr1", "usr2"), r.log());
    }

    /** The same with SA_RESTART on both handlers: every handler that ran allows the restart, so the read restarts. */
    @Test
    void twoRestartingHandlersRunForOneInterruptedReadAndItRestarts() {
        final TwoSignals r = twoSignalsDuringARead(SaFlags.SA_RESTART);
        assertEquals("sleeps", r.s().step("reader"));
        r.s().stepUntil("reader", "wait");
        r.s().act("write 1 byte", () -> r.pipe().offer(new byte[] {9}));
        r.s().finish();

        assertEquals(1, r.outcome().get());
        assertEquals(List.of("usr1", "usr2"), r.log());
    }
}
