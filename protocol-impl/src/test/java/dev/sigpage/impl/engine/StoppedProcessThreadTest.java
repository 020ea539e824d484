package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGCONT;
import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGSTOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.SignalSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The threads of a stopped process: POSIX stops every thread of the process until SIGCONT, so no thread runs on,
 * not even to its own exit; after SIGCONT each runs again, and an observer sees it running.
 */
class StoppedProcessThreadTest {
    private static final long T = 10;
    private final Engine engine = new Engine();

    @Test
    void aThreadThatStoppedItsProcessRunsAgainAfterSigcont() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final CountDownLatch resumed = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final UserThread t = p.start(sys -> {
            sys.raise(SIGSTOP);
            resumed.countDown();
            DefaultActionTest.await(release);
        });
        assertTrue(t.awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS));
        assertTrue(p.isStopped());

        engine.kernel().kill(null, p.pid(), SIGCONT);
        DefaultActionTest.await(resumed);

        assertEquals(UserThread.State.RUNNING, t.state(), "continued, it runs its code again");
        release.countDown();
        assertTrue(t.join(T, TimeUnit.SECONDS));
        assertEquals(new ProcessEvent(ProcessEvent.Kind.EXITED, p.pid(), 0), p.awaitEnd(T, TimeUnit.SECONDS));
    }

    @Test
    void aThreadWhoseCodeReturnsWhileItsProcessIsStoppedExitsOnlyAfterSigcont() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch spawned = new CountDownLatch(1);
        final CountDownLatch inCode = new CountDownLatch(1);
        final AtomicReference<UserThread> second = new AtomicReference<>();
        final UserThread main = p.start(sys -> {
            second.set(sys.spawnThread(s -> {
                // past its start: the thread runs its own code when the process stops.
                inCode.countDown();
                DefaultActionTest.await(release);
            }));
            spawned.countDown();
            // stop and continue do not end sigsuspend; SIGKILL ends the process.
            sys.sigsuspend(SignalSet.empty());
        });
        DefaultActionTest.await(spawned);
        final UserThread t = second.get();
        DefaultActionTest.await(inCode);
        assertTrue(main.awaitBlocked(1, T, TimeUnit.SECONDS));
        engine.kernel().tgkill(null, p.pid(), main.tid(), SIGSTOP);
        assertTrue(main.awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS));

        release.countDown();

        assertTrue(
                t.awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS), "the thread stops on its way out: " + t);
        assertTrue(t.model().isAlive(), "it has not exited while its process is stopped");
        engine.kernel().kill(null, p.pid(), SIGCONT);
        assertTrue(t.join(T, TimeUnit.SECONDS));
        assertFalse(t.model().isAlive(), "continued, it exits");
        assertFalse(p.isEnded(), "the main thread runs on");
        engine.kernel().kill(null, p.pid(), SIGKILL);
        assertEquals(ProcessEvent.Kind.KILLED, p.awaitEnd(T, TimeUnit.SECONDS).kind());
    }
}
