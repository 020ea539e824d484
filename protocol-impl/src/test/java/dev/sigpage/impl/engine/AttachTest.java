package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link EngineProcess#attach}: the calling Java thread becomes the process's main thread, running, with the
 * returned facade as its own; a process and its thread name their ids.
 */
class AttachTest {
    private final Engine engine = new Engine();
    private final EngineProcess p = engine.spawn(1000, 1000);

    @Test
    void theAttachedMainThreadRunsWithTheReturnedFacade() {
        final Sys sys = p.attach();
        final UserThread main = sys.user();

        assertEquals(List.of(main), p.threads());
        assertSame(p.model().mainThread(), main.model());
        assertSame(sys, main.sys(), "the thread's facade is the one attach returned");
        assertEquals(UserThread.State.RUNNING, main.state(), "an attached thread runs");
    }

    @Test
    void aProcessAndItsThreadNameTheirIds() {
        final Sys sys = p.attach();
        final String process = p.toString();
        final String thread = sys.user().toString();

        assertTrue(process.contains("pid=" + p.pid()), process);
        assertTrue(thread.contains("tid=" + sys.tid()), thread);
        assertTrue(thread.contains("pid=" + p.pid()), thread);
        assertTrue(thread.contains("RUNNING"), thread);
    }
}
