package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SignalException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A refused call leaves nothing behind: no model thread, no child process. */
class RefusalTest {
    private static final long T = 10;

    @Test
    void spawnThreadWithoutCodeCreatesNoThreadAndTheProcessStillEnds() throws Exception {
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final AtomicReference<Integer> threads = new AtomicReference<>();
        final UserThread t = p.start(sys -> {
            final NullPointerException e = assertThrows(NullPointerException.class, () -> sys.spawnThread(null));
            assertEquals("program", e.getMessage());
            threads.set(p.model().threads().size());
        });
        assertTrue(t.join(T, TimeUnit.SECONDS));
        assertEquals(1, threads.get(), "the refused call must not create a model thread");
        assertNotNull(p.awaitEnd(T, TimeUnit.SECONDS), "the process ends with its only thread");
        assertEquals(ProcessEvent.Kind.EXITED, p.endEvent().kind());
    }

    @Test
    void forkWithoutCodeCreatesNoChild() {
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();
        final NullPointerException e = assertThrows(NullPointerException.class, () -> sys.fork(null));
        assertEquals("program", e.getMessage());
        // the pid a child would have had names no process.
        final SignalException none =
                assertThrows(SignalException.class, () -> engine.kernel().process(p.pid() + 1));
        assertEquals(Errno.ESRCH, none.errno());
        assertEquals(p.pid() + 1, engine.spawn(1000, 1000).pid(), "the next process takes the free pid");
    }
}
