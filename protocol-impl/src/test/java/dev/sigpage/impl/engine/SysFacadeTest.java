package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGRTMIN;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the facade's calls return and send, as POSIX gives them: {@code sigprocmask} returns the previous mask
 * ({@code oset}), {@code sigaction} the previous action ({@code oact}), {@code sigqueue} sends its value with code
 * {@code SI_QUEUE}; the facade names its process, and no other Java thread may end the process through it.
 */
class SysFacadeTest {
    private static final long T = 10;
    private final Engine engine = new Engine();
    private final EngineProcess process = engine.spawn(1000, 1000);
    private final Sys sys = process.attach();

    @Test
    void sigprocmaskReturnsThePreviousMask() {
        assertEquals(SignalSet.empty(), sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1)));
        assertEquals(SignalSet.of(SIGUSR1), sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2)));
        assertEquals(SignalSet.of(SIGUSR1, SIGUSR2), sys.sigprocmask(MaskHow.SETMASK, SignalSet.empty()));
    }

    @Test
    void sigactionReturnsThePreviousAction() {
        final SigAction handler = SigAction.handler(0x40_1000L, SignalSet.of(SIGUSR2), SaFlags.SA_RESTART);

        assertEquals(SigAction.DEFAULT, sys.sigaction(SIGUSR1, handler));
        assertEquals(handler, sys.sigaction(SIGUSR1, SigAction.IGNORE));
        assertEquals(SigAction.IGNORE, sys.sigaction(SIGUSR1, SigAction.DEFAULT));
    }

    @Test
    void sigqueueSendsItsValue() {
        final List<SigInfo> got = new ArrayList<>();
        sys.sigaction(SIGRTMIN, (sig, info, ctx) -> got.add(info), SignalSet.empty(), SaFlags.SA_SIGINFO);

        sys.sigqueue(process.pid(), SIGRTMIN, 0x5eedL);

        assertEquals(List.of(new SigInfo(SIGRTMIN, SigInfo.SI_QUEUE, process.pid(), 1000, 0x5eedL)), got);
    }

    @Test
    void theFacadeNamesItsProcessAndThread() {
        assertEquals(process.pid(), sys.pid());
        assertEquals(process.model().mainThread().tid(), sys.tid());
        assertTrue(sys.pid() > 0);
    }

    @Test
    void anotherJavaThreadMayNotExitTheProcessThroughTheFacade() throws Exception {
        final Throwable[] thrown = new Throwable[1];
        final Thread other = new Thread(() -> {
            try {
                sys.exit(3);
            } catch (final Throwable e) {
                thrown[0] = e;
            }
        });
        other.start();
        other.join(TimeUnit.SECONDS.toMillis(T));

        assertTrue(thrown[0] instanceof IllegalStateException, String.valueOf(thrown[0]));
        assertFalse(process.isEnded(), "the process runs on");
        assertTrue(process.model().isAlive());
    }
}
