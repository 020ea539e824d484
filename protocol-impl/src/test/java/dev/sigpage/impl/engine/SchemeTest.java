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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
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
