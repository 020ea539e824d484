package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The state an observer sees of a user thread ({@link UserThread.State}): BLOCKED while it waits in a blocking
 * call, RUNNING again once the call has returned and it runs its own code, ENDED when its code returned.
 */
class UserThreadStateTest {
    private static final long T = 10;
    private final Engine engine = new Engine();

    @Test
    void aThreadRunsAgainOnceItsBlockingCallHasReturned() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final Pipe pipe = new Pipe(4);
        final CountDownLatch returned = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final UserThread t = p.start(sys -> {
            sys.read(pipe, new byte[1], 0, 1);
            returned.countDown();
            DefaultActionTest.await(release);
        });
        assertTrue(t.awaitBlocked(1, T, TimeUnit.SECONDS));
        assertEquals(UserThread.State.BLOCKED, t.state());

        assertEquals(1, pipe.offer(new byte[] {1}));
        DefaultActionTest.await(returned);

        assertEquals(UserThread.State.RUNNING, t.state(), "back in its own code");
        assertEquals(1, t.blockCount());
        release.countDown();
        assertTrue(t.join(T, TimeUnit.SECONDS));
        assertEquals(UserThread.State.ENDED, t.state());
    }

    /** A wait for a blocking call that does not come ends with false at its timeout. */
    @Test
    @Timeout(T)
    void aWaitForABlockThatDoesNotComeEndsWithFalse() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        final UserThread t = engine.spawn(1000, 1000).start(sys -> DefaultActionTest.await(release));

        assertFalse(t.awaitBlocked(1, 1, TimeUnit.MILLISECONDS), "it never blocks");
        release.countDown();
        assertTrue(t.join(T, TimeUnit.SECONDS));
    }

    /** A wait for a state that does not come (a stop, the end) ends with false at its timeout. */
    @Test
    @Timeout(T)
    void aWaitForAStateThatDoesNotComeEndsWithFalse() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        final UserThread t = engine.spawn(1000, 1000).start(sys -> DefaultActionTest.await(release));

        assertFalse(t.awaitState(UserThread.State.STOPPED, 1, TimeUnit.MILLISECONDS), "it never stops");
        assertFalse(t.join(1, TimeUnit.MILLISECONDS), "it has not ended");
        release.countDown();
        assertTrue(t.join(T, TimeUnit.SECONDS));
    }

    /** A wait for a blocking call of a thread that ended without one ends with false at once. */
    @Test
    void aWaitForABlockOfAThreadThatEndedEndsWithFalse() throws Exception {
        final UserThread t = engine.spawn(1000, 1000).start(sys -> {});
        assertTrue(t.join(T, TimeUnit.SECONDS));

        assertFalse(t.awaitBlocked(1, T, TimeUnit.SECONDS), "it ended without blocking");
        assertEquals(0, t.blockCount());
    }
}
