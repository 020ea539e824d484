package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A long-lived process that starts and ends many threads keeps only its live ones in {@link EngineProcess#threads()}.
 */
class LongLivedProcessTest {
    private static final int THREADS = 2000;
    /** Threads that have ended but not yet left the list (their Java thread is between its end and its removal). */
    private static final int STRAGGLERS = 64;

    @Test
    void threadsThatEndLeaveTheProcessThreadList() throws Exception {
        final EngineProcess p = new Engine().spawn(1000, 1000);
        final Sys sys = p.attach();
        final UserThread main = p.threads().get(0);
        for (int i = 0; i < THREADS; i++) {
            final UserThread t = sys.spawnThread(ts -> {});
            assertTrue(t.join(10, TimeUnit.SECONDS), "thread must end: " + t);
            assertTrue(
                    p.threads().size() <= 1 + STRAGGLERS,
                    "ended threads must leave the list: size=" + p.threads().size() + ", started=" + (i + 1));
        }
        // the last stragglers leave too (a list that kept them would hold this loop until the JUnit timeout).
        while (p.threads().size() > 1) {
            Thread.onSpinWait();
        }
        assertSame(main, p.threads().get(0));
        assertEquals(1, p.model().threads().size(), "the model threads have exited too");
    }
}
