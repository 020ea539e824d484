package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bounded multi-threaded soak of the blocking and cancellation paths: pipe readers and writers and scheme callers
 * are hit by queued realtime signals from another thread while they block. Realtime signals are never coalesced,
 * so every accepted send must run its handler exactly once (no lost wake-up); data must arrive whole and in
 * order; every thread must end (none left blocked). Each run takes well under a few seconds on 2 cores.
 */
class SoakTest {
    private static final int RT = Signals.SIGRTMIN + 1;
    private static final long BOUND = 30;

    /** A model thread under fire: counts its handler runs, ends after SIGUSR2. */
    private static final class Target {
        final EngineProcess process;
        final AtomicLong handled = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<String> error = new AtomicReference<>();
        final AtomicLong interrupted = new AtomicLong();
        UserThread thread;

        Target(final Engine engine) {
            process = engine.spawn(1000, 1000);
        }

        void install(final Sys sys, final int flags) {
            sys.sigaction(RT, (sig, info, ctx) -> handled.incrementAndGet(), SignalSet.empty(), flags);
            sys.sigaction(SIGUSR2, (sig, info, ctx) -> stop.set(true), SignalSet.empty(), 0);
        }

        void sleepUntilStopped(final Sys sys) {
            while (!stop.get()) {
                sys.sleep(Long.MAX_VALUE);
            }
        }
    }

    private static Engine engine(final String mode) {
        return mode.equals("park") ? new Engine() : new Engine(new Kernel(), WaitStrategy.backoff());
    }

    private static void fire(final Engine engine, final List<Target> targets, final int rounds) throws Exception {
        final Thread signaller = new Thread(
                () -> {
                    for (int j = 0; j < rounds; j++) {
                        for (final Target t : targets) {
                            try {
                                engine.kernel().sigqueueThread(null, t.process.pid(), t.thread.tid(), RT, j);
                                t.accepted.incrementAndGet();
                            } catch (final SignalException full) {
                                if (full.errno() != Errno.EAGAIN) {
                                    throw full;
                                }
                            }
                        }
                        if ((j & 7) == 0) {
                            Thread.yield();
                        }
                    }
                },
                "signaller");
        signaller.start();
        signaller.join(TimeUnit.SECONDS.toMillis(BOUND));
        assertTrue(!signaller.isAlive(), "signaller must finish");
    }

    private static void stopAndJoin(final Engine engine, final List<Target> targets) throws Exception {
        for (final Target t : targets) {
            engine.kernel().tgkill(null, t.process.pid(), t.thread.tid(), SIGUSR2);
        }
        for (final Target t : targets) {
            assertTrue(t.thread.join(BOUND, TimeUnit.SECONDS), "thread left blocked: " + t.thread);
            assertNull(t.thread.failure());
            assertNull(t.error.get());
            assertEquals(t.accepted.get(), t.handled.get(), "every queued signal runs its handler once");
            assertTrue(t.accepted.get() > 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void pipeReadersAndWritersUnderSignals(final String mode) throws Exception {
        final Engine engine = engine(mode);
        final int pairs = 3;
        final int bytes = 20_000;
        final List<Target> targets = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            final Pipe pipe = new Pipe(16);
            final int flags = i % 2 == 0 ? SaFlags.SA_RESTART : 0;
            final Target reader = new Target(engine);
            reader.thread = reader.process.start(sys -> {
                reader.install(sys, flags);
                final byte[] buf = new byte[7];
                int got = 0;
                while (got < bytes) {
                    try {
                        final int n = sys.read(pipe, buf, 0, buf.length);
                        for (int k = 0; k < n; k++) {
                            if (buf[k] != (byte) (got + k)) {
                                reader.error.compareAndSet(null, "byte " + (got + k) + " was " + buf[k]);
                            }
                        }
                        got += n;
                    } catch (final SignalException e) {
                        reader.interrupted.incrementAndGet();
                    }
                }
                reader.sleepUntilStopped(sys);
            });
            final Target writer = new Target(engine);
            writer.thread = writer.process.start(sys -> {
                writer.install(sys, flags);
                final byte[] all = new byte[bytes];
                for (int k = 0; k < bytes; k++) {
                    all[k] = (byte) k;
                }
                int sent = 0;
                while (sent < bytes) {
                    try {
                        sent += sys.write(pipe, all, sent, Math.min(5, bytes - sent));
                    } catch (final SignalException e) {
                        writer.interrupted.incrementAndGet();
                    }
                }
                writer.sleepUntilStopped(sys);
            });
            targets.add(reader);
            targets.add(writer);
        }

        fire(engine, targets, 2000);
        stopAndJoin(engine, targets);
    }

    @ParameterizedTest
    @EnumSource(CancelMode.class)
    void schemeCallersUnderSignals(final CancelMode mode) throws Exception {
        // REQUEST mode with park/unpark waits, EVENT mode with back-off polling: both wait strategies soaked.
        final Engine engine = engine(mode == CancelMode.REQUEST ? "park" : "idle");
        final ConcurrentLinkedQueue<SchemeRequest> held = new ConcurrentLinkedQueue<>();
        final AtomicBoolean serving = new AtomicBoolean(true);
        final Thread completer = new Thread(
                () -> {
                    while (serving.get()) {
                        final SchemeRequest r = held.poll();
                        if (r == null) {
                            Thread.yield();
                            continue;
                        }
                        r.complete(r.argument());
                    }
                },
                "completer");
        completer.setDaemon(true);
        completer.start();
        final int calls = 1000;
        final List<Target> targets = new ArrayList<>();
        try (SchemeServer server = new SchemeServer("scheme", mode, 64, new SchemeHandler() {
            @Override
            public void request(final SchemeRequest r) {
                held.add(r);
            }

            @Override
            public void cancel(final SchemeRequest r, final boolean forced) {
                // honour the cancellation; the completer may have finished it first (then this does nothing).
                r.fail(Errno.EINTR);
            }
        })) {
            for (int i = 0; i < 3; i++) {
                final int flags = i % 2 == 0 ? SaFlags.SA_RESTART : 0;
                final Target caller = new Target(engine);
                caller.thread = caller.process.start(sys -> {
                    caller.install(sys, flags);
                    final SchemeChannel channel = server.open(sys.user());
                    int done = 0;
                    while (done < calls) {
                        try {
                            final long result = sys.call(channel, done);
                            if (result != done) {
                                caller.error.compareAndSet(null, "call " + done + " answered " + result);
                            }
                            done++;
                        } catch (final SignalException e) {
                            caller.interrupted.incrementAndGet();
                        }
                    }
                    caller.sleepUntilStopped(sys);
                });
                targets.add(caller);
            }
            fire(engine, targets, 1500);
            stopAndJoin(engine, targets);
        } finally {
            serving.set(false);
            completer.join(TimeUnit.SECONDS.toMillis(BOUND));
        }
    }

    @ParameterizedTest
    @EnumSource(CancelMode.class)
    void sigkillMidFlightLeavesNoThreadBlocked(final CancelMode mode) throws Exception {
        final Engine engine = new Engine();
        final ConcurrentLinkedQueue<SchemeRequest> held = new ConcurrentLinkedQueue<>();
        final AtomicLong forced = new AtomicLong();
        final AtomicBoolean serving = new AtomicBoolean(true);
        final Thread completer = new Thread(
                () -> {
                    while (serving.get()) {
                        final SchemeRequest r = held.poll();
                        if (r == null) {
                            Thread.yield();
                        } else {
                            r.complete(r.argument());
                        }
                    }
                },
                "completer");
        completer.setDaemon(true);
        completer.start();
        final List<Target> targets = new ArrayList<>();
        try (SchemeServer server = new SchemeServer("scheme", mode, 64, new SchemeHandler() {
            @Override
            public void request(final SchemeRequest r) {
                held.add(r);
            }

            @Override
            public void cancel(final SchemeRequest r, final boolean force) {
                if (force) {
                    forced.incrementAndGet();
                } else {
                    r.fail(Errno.EINTR);
                }
            }
        })) {
            for (int i = 0; i < 4; i++) {
                final Target t = new Target(engine);
                final Pipe pipe = new Pipe(4);
                final Futex futex = new Futex(0);
                t.thread = t.process.start(sys -> {
                    t.install(sys, SaFlags.SA_RESTART);
                    // a second thread of the same process blocks for good; SIGKILL must end it too.
                    sys.spawnThread(w -> {
                        w.futexWait(futex, 0);
                        w.read(pipe, new byte[1], 0, 1);
                    });
                    final SchemeChannel channel = server.open(sys.user());
                    for (long n = 0; ; n++) {
                        sys.call(channel, n);
                    }
                });
                targets.add(t);
            }
            fire(engine, targets, 200);
            for (final Target t : targets) {
                engine.kernel().kill(null, t.process.pid(), dev.sigpage.api.Signals.SIGKILL);
            }
            for (final Target t : targets) {
                assertEquals(
                        ProcessEvent.Kind.KILLED,
                        t.process.awaitEnd(BOUND, TimeUnit.SECONDS).kind());
                for (final UserThread u : t.process.threads()) {
                    assertTrue(u.join(BOUND, TimeUnit.SECONDS), "thread left blocked: " + u);
                    assertNull(u.failure());
                }
                assertEquals(2, t.process.threads().size());
            }
            assertTrue(forced.get() <= targets.size());
        } finally {
            serving.set(false);
            completer.join(TimeUnit.SECONDS.toMillis(BOUND));
        }
    }
}
