package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A thread whose code fails (throws) ends as if its code had returned: the failure is kept for observers
 * ({@link UserThread#failure}), the model thread exits, and the process ends with its last thread, with exit status
 * 0 (POSIX {@code pthread_exit}: "the process shall exit with an exit status of 0 after the last thread has been
 * terminated"). A program that calls the core directly and finds its model process ended under it ends its process
 * with the model's status.
 */
class UserCodeFailureTest {
    private static final long T = 10;
    private final Engine engine = new Engine();

    @Test
    void theLastThreadFailingEndsItsProcessWithStatus0AndKeepsTheFailure() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final IllegalStateException boom = new IllegalStateException("boom");
        final UserThread t = p.start(sys -> {
            throw boom;
        });

        assertEquals(new ProcessEvent(ProcessEvent.Kind.EXITED, p.pid(), 0), p.awaitEnd(T, TimeUnit.SECONDS));
        assertTrue(t.join(T, TimeUnit.SECONDS));
        assertSame(boom, t.failure());
        assertFalse(t.model().isAlive());
        assertEquals(0, p.model().exitStatus());
    }

    @Test
    void aFailingThreadEndsAloneWhileAnotherThreadRuns() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();
        final AssertionError boom = new AssertionError("boom");
        final UserThread t = sys.spawnThread(s -> {
            throw boom;
        });

        assertTrue(t.join(T, TimeUnit.SECONDS));
        assertSame(boom, t.failure());
        assertFalse(t.model().isAlive(), "the failed thread has exited");
        assertFalse(p.isEnded(), "the process runs on with its main thread");
        assertTrue(p.model().isAlive());
        assertEquals(List.of(sys.user()), p.threads());
        sys.checkpoint();
    }

    @Test
    void aDirectCoreCallThatFindsTheModelProcessEndedEndsTheProcessWithTheModelsStatus() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final CountDownLatch running = new CountDownLatch(1);
        final UserThread t = p.start(sys -> {
            running.countDown();
            while (true) {
                // a direct core call on the model thread, not through the facade.
                sys.thread().mask();
            }
        });
        assertTrue(running.await(T, TimeUnit.SECONDS));

        p.model().exit(5);

        assertEquals(new ProcessEvent(ProcessEvent.Kind.EXITED, p.pid(), 5), p.awaitEnd(T, TimeUnit.SECONDS));
        assertTrue(t.join(T, TimeUnit.SECONDS));
        assertNull(t.failure(), "the end of the process is not a failure of the thread");
    }
}
