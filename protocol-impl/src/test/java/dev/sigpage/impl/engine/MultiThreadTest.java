package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGCONT;
import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGSTOP;
import static dev.sigpage.api.Signals.SIGUSR1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.SignalSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Processes with several user threads: process-directed delivery, stop of the whole process, SIGKILL. */
class MultiThreadTest {
    private static final long T = 10;
    private final Engine engine = new Engine();

    @Test
    void aProcessDirectedSignalRunsOneHandlerOnOneOfTwoBlockedThreads() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final List<Integer> ranOn = new CopyOnWriteArrayList<>();
        final CountDownLatch handled = new CountDownLatch(1);
        final AtomicReference<UserThread> second = new AtomicReference<>();
        final CountDownLatch installed = new CountDownLatch(1);
        final UserThread first = p.start(sys -> {
            sys.sigaction(
                    SIGUSR1,
                    (sig, info, ctx) -> {
                        ranOn.add(ctx.sys().tid());
                        handled.countDown();
                    },
                    SignalSet.empty(),
                    0);
            second.set(sys.spawnThread(s2 -> s2.sleep(Long.MAX_VALUE)));
            installed.countDown();
            sys.sleep(Long.MAX_VALUE);
        });
        assertTrue(installed.await(T, TimeUnit.SECONDS));
        assertTrue(first.awaitBlocked(1, T, TimeUnit.SECONDS));
        assertTrue(second.get().awaitBlocked(1, T, TimeUnit.SECONDS));

        engine.kernel().kill(null, p.pid(), SIGUSR1);

        assertTrue(handled.await(T, TimeUnit.SECONDS));
        assertEquals(1, ranOn.size(), "exactly one thread takes a process-directed signal");
        // the thread whose sleep was cut short ends; the other is still blocked.
        final UserThread taker = ranOn.get(0) == first.tid() ? first : second.get();
        final UserThread other = taker == first ? second.get() : first;
        assertTrue(taker.join(T, TimeUnit.SECONDS));
        assertEquals(UserThread.State.BLOCKED, other.state());
        assertEquals(1, ranOn.size());

        engine.kernel().kill(null, p.pid(), SIGKILL);
        assertEquals(ProcessEvent.Kind.KILLED, p.awaitEnd(T, TimeUnit.SECONDS).kind());
        assertTrue(other.join(T, TimeUnit.SECONDS), "no thread left blocked");
    }

    @Test
    void aStopStopsEveryThreadAtItsNextReturnToUser() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final AtomicBoolean release = new AtomicBoolean();
        final AtomicReference<UserThread> worker = new AtomicReference<>();
        final CountDownLatch started = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicLong iterations = new java.util.concurrent.atomic.AtomicLong();
        final UserThread main = p.start(sys -> {
            worker.set(sys.spawnThread(w -> {
                started.countDown();
                while (!release.get()) {
                    w.checkpoint();
                    iterations.incrementAndGet();
                }
            }));
            DefaultActionTest.await(started);
            sys.raise(SIGSTOP);
            release.set(true);
        });
        assertEquals(
                ProcessEvent.Kind.STOPPED, p.awaitEvent(T, TimeUnit.SECONDS).kind());
        assertTrue(main.awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS));
        assertTrue(started.await(T, TimeUnit.SECONDS));
        assertTrue(worker.get().awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS));
        // the worker is held at its return-to-user point: its loop does not advance until SIGCONT.
        final long held = iterations.get();
        assertTrue(main.awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS));
        assertEquals(UserThread.State.STOPPED, worker.get().state());
        assertEquals(held, iterations.get());

        engine.kernel().kill(null, p.pid(), SIGCONT);

        assertEquals(
                ProcessEvent.Kind.CONTINUED, p.awaitEvent(T, TimeUnit.SECONDS).kind());
        assertEquals(new ProcessEvent(ProcessEvent.Kind.EXITED, p.pid(), 0), p.awaitEnd(T, TimeUnit.SECONDS));
        assertTrue(iterations.get() >= held);
    }

    @Test
    void aThreadBlockedInAReadStopsWithItsProcessAndRestartsAfterSigcont() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final Pipe pipe = new Pipe(4);
        final AtomicReference<UserThread> reader = new AtomicReference<>();
        final AtomicReference<Object> got = new AtomicReference<>();
        final CountDownLatch readerBlocked = new CountDownLatch(1);
        final UserThread main = p.start(sys -> {
            reader.set(sys.spawnThread(r -> got.set(r.read(pipe, new byte[4], 0, 4))));
            DefaultActionTest.await(readerBlocked);
            sys.raise(SIGSTOP);
        });
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(T);
        while (reader.get() == null && System.nanoTime() < deadline) {
            Thread.yield();
        }
        assertTrue(reader.get().awaitBlocked(1, T, TimeUnit.SECONDS));
        readerBlocked.countDown();

        assertEquals(
                ProcessEvent.Kind.STOPPED, p.awaitEvent(T, TimeUnit.SECONDS).kind());
        assertTrue(
                reader.get().awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS),
                "a blocked thread stops with its process");
        assertTrue(main.awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS));

        engine.kernel().kill(null, p.pid(), SIGCONT);
        assertTrue(reader.get().awaitBlocked(2, T, TimeUnit.SECONDS), "the read restarts after SIGCONT");
        assertEquals(1, pipe.offer(new byte[] {42}));

        assertEquals(new ProcessEvent(ProcessEvent.Kind.EXITED, p.pid(), 0), p.awaitEnd(T, TimeUnit.SECONDS));
        assertEquals(1, got.get());
    }
}
