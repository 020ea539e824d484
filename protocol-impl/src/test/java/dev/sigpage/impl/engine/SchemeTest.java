package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGUSR1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calls served by a scheme server; a signalled caller's server gets a cancellation (a message in REQUEST
 * mode, the call's cancel event in EVENT mode) and decides; SIGKILL force-cancels. The test plays the server's
 * decisions through hand-off queues.
 */
class SchemeTest {
    private static final long T = 10;
    private final Engine engine = new Engine();
    private final BlockingQueue<SchemeRequest> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> cancels = new LinkedBlockingQueue<>();
    private SchemeServer server;

    private SchemeServer server(final CancelMode mode) {
        server = new SchemeServer("scheme", mode, 16, new SchemeHandler() {
            @Override
            public void request(final SchemeRequest r) {
                requests.add(r);
            }

            @Override
            public void cancel(final SchemeRequest r, final boolean forced) {
                cancels.add("cancel id=" + r.id() + " forced=" + forced + " event="
                        + r.cancelEvent().isRaised());
            }
        });
        return server;
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private final class Caller {
        final EngineProcess process = engine.spawn(1000, 1000);
        final AtomicReference<Object> outcome = new AtomicReference<>();
        final List<String> log = new CopyOnWriteArrayList<>();
        final UserThread thread;

        Caller(final SchemeServer s, final int flags) {
            thread = process.start(sys -> {
                sys.sigaction(SIGUSR1, (sig, info, ctx) -> log.add("usr1"), SignalSet.empty(), flags);
                try {
                    outcome.set(sys.call(s.open(sys.user()), 21));
                } catch (final SignalException e) {
                    outcome.set(e.errno());
                }
            });
        }

        Object end() throws InterruptedException {
            assertTrue(thread.join(T, TimeUnit.SECONDS), "caller must end: " + thread);
            assertNull(thread.failure());
            return outcome.get();
        }

        void signal(final int sig) {
            engine.kernel().tgkill(null, process.pid(), thread.tid(), sig);
        }
    }

    private SchemeRequest nextRequest() throws InterruptedException {
        final SchemeRequest r = requests.poll(T, TimeUnit.SECONDS);
        assertTrue(r != null, "server must receive a request");
        return r;
    }

    private String nextCancel() throws InterruptedException {
        final String c = cancels.poll(T, TimeUnit.SECONDS);
        assertTrue(c != null, "server must receive a cancellation");
        return c;
    }

    @ParameterizedTest
    @EnumSource(CancelMode.class)
    void aCallWithoutSignalsGetsTheServersResult(final CancelMode mode) throws Exception {
        final Caller c = new Caller(server(mode), 0);
        nextRequest().complete(42);

        assertEquals(42L, c.end());
        assertTrue(cancels.isEmpty());
    }

    /**
     * A caller that finds the server's request queue full is held back until there is room (a kernel blocks the
     * sender), and no request is lost or delivered twice.
     */
    @Test
    void aFullRequestQueueHoldsTheCallerBackAndLosesNothing() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        final BlockingQueue<SchemeRequest> got = new LinkedBlockingQueue<>();
        server = new SchemeServer("scheme", CancelMode.REQUEST, 1, r -> {
            got.add(r);
            if (r.argument() == 1) {
                // the server is busy with the first request: the queue fills behind it.
                try {
                    release.await();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        assertEquals(CancelMode.REQUEST, server.mode());
        final AtomicReference<Thread> thirdCarrier = new AtomicReference<>();
        final List<AtomicReference<Object>> outcomes = new ArrayList<>();
        final List<UserThread> callers = new ArrayList<>();
        final List<SchemeRequest> served = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            final long argument = i;
            final AtomicReference<Object> outcome = new AtomicReference<>();
            outcomes.add(outcome);
            callers.add(engine.spawn(1000, 1000).start(sys -> {
                if (argument == 3) {
                    thirdCarrier.set(Thread.currentThread());
                }
                outcome.set(sys.call(server.open(sys.user()), argument));
            }));
            if (i == 1) {
                served.add(got.poll(T, TimeUnit.SECONDS));
                assertEquals(1L, served.get(0).argument(), "the server took the first request");
            } else if (i == 2) {
                // the second request fills the queue; its caller waits for the answer.
                assertTrue(callers.get(1).awaitBlocked(1, T, TimeUnit.SECONDS), "queued: " + callers.get(1));
            }
        }
        // the third caller finds the queue full and backs off, parking for growing periods.
        Thread.State third;
        do {
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("interrupted while waiting for the third caller to back off");
            }
            Thread.onSpinWait();
            third = thirdCarrier.get() == null ? null : thirdCarrier.get().getState();
        } while (third != Thread.State.TIMED_WAITING && third != Thread.State.TERMINATED);
        assertEquals(
                Thread.State.TIMED_WAITING,
                third,
                "the third caller backs off: " + callers.get(2).failure());

        release.countDown();
        for (int i = 0; i < 2; i++) {
            final SchemeRequest r = got.poll(T, TimeUnit.SECONDS);
            assertTrue(r != null, "the server must take every queued request");
            served.add(r);
        }
        final List<Long> arguments = new ArrayList<>();
        for (final SchemeRequest r : served) {
            arguments.add(r.argument());
            r.complete(10 * r.argument());
        }
        assertEquals(List.of(1L, 2L, 3L), arguments);
        for (int i = 0; i < 3; i++) {
            assertTrue(callers.get(i).join(T, TimeUnit.SECONDS), "caller must end: " + callers.get(i));
            assertNull(callers.get(i).failure());
            assertEquals(10L * (i + 1), outcomes.get(i).get());
        }
        assertTrue(got.isEmpty(), "no request was taken twice");
    }

    /** An errno the server answers with, other than EINTR, is the call's error. */
    @ParameterizedTest
    @EnumSource(CancelMode.class)
    void aServersRefusalIsTheCallersError(final CancelMode mode) throws Exception {
        final Caller c = new Caller(server(mode), 0);
        nextRequest().fail(Errno.EINVAL);

        assertEquals(Errno.EINVAL, c.end());
        assertTrue(cancels.isEmpty());
        assertEquals(List.of(), c.log);
    }

    @ParameterizedTest
    @EnumSource(CancelMode.class)
    void serverHonoursTheCancellationWithEintr(final CancelMode mode) throws Exception {
        final Caller c = new Caller(server(mode), 0);
        final SchemeRequest r = nextRequest();
        assertTrue(c.thread.awaitBlocked(1, T, TimeUnit.SECONDS));
        c.signal(SIGUSR1);

        assertEquals("cancel id=1 forced=false event=true", nextCancel());
        r.fail(Errno.EINTR);

        assertEquals(Errno.EINTR, c.end());
        assertEquals(List.of("usr1"), c.log);
        assertEquals(mode == CancelMode.REQUEST ? 1 : 0, server.cancelMessages());
    }

    @ParameterizedTest
    @EnumSource(CancelMode.class)
    void serverReturnsEarlyWithAPartialResult(final CancelMode mode) throws Exception {
        final Caller c = new Caller(server(mode), 0);
        final SchemeRequest r = nextRequest();
        assertTrue(c.thread.awaitBlocked(1, T, TimeUnit.SECONDS));
        c.signal(SIGUSR1);
        nextCancel();
        r.complete(3);

        assertEquals(3L, c.end());
        assertEquals(List.of("usr1"), c.log);
    }

    @ParameterizedTest
    @EnumSource(CancelMode.class)
    void serverFinishesAnywayAndTheCallerWaitsForIt(final CancelMode mode) throws Exception {
        final Caller c = new Caller(server(mode), 0);
        final SchemeRequest r = nextRequest();
        assertTrue(c.thread.awaitBlocked(1, T, TimeUnit.SECONDS));
        c.signal(SIGUSR1);
        nextCancel();
        assertTrue(c.thread.awaitBlocked(2, T, TimeUnit.SECONDS), "the caller waits on after the cancellation");
        assertEquals(List.of(), c.log, "the handler runs after the answer, on return to user");

        r.complete(42);

        assertEquals(42L, c.end());
        assertEquals(List.of("usr1"), c.log);
    }

    @ParameterizedTest
    @EnumSource(CancelMode.class)
    void eintrFromTheServerRestartsTheCallWithSaRestart(final CancelMode mode) throws Exception {
        final Caller c = new Caller(server(mode), SaFlags.SA_RESTART);
        final SchemeRequest first = nextRequest();
        assertTrue(c.thread.awaitBlocked(1, T, TimeUnit.SECONDS));
        c.signal(SIGUSR1);
        nextCancel();
        first.fail(Errno.EINTR);

        final SchemeRequest second = nextRequest();
        assertEquals(2, second.id());
        assertEquals(21, second.argument());
        second.complete(42);

        assertEquals(42L, c.end());
        assertEquals(List.of("usr1"), c.log);
    }

    @ParameterizedTest
    @EnumSource(CancelMode.class)
    void sigkillForceCancelsAndTheAnswerIsDiscarded(final CancelMode mode) throws Exception {
        final Caller c = new Caller(server(mode), 0);
        final SchemeRequest r = nextRequest();
        assertTrue(c.thread.awaitBlocked(1, T, TimeUnit.SECONDS));

        c.signal(SIGKILL);

        assertEquals("cancel id=1 forced=true event=true", nextCancel());
        assertEquals(
                new ProcessEvent(ProcessEvent.Kind.KILLED, c.process.pid(), SIGKILL),
                c.process.awaitEnd(T, TimeUnit.SECONDS));
        assertTrue(r.cancelEvent().isForced());
        c.end();
        assertNull(c.outcome.get());
        assertTrue(r.complete(1), "the server may still answer; nobody reads it");
    }
}
