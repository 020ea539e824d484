package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGCHLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SignalSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Through the facade: a SIGCHLD handler with SA_RESETHAND takes a second, blocked SIGCHLD with sigtimedwait. The
 * action became SIG_DFL (ignore, for SIGCHLD) when the first was delivered; the second was pending before, and
 * sigpending and sigtimedwait both see it.
 */
class SigtimedwaitCallTest {
    @Test
    void aPendingSigchldIsTakenAfterSaResethandMadeItsActionIgnoring() {
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();
        final List<String> log = new ArrayList<>();
        sys.sigaction(
                SIGCHLD,
                (sig, info, ctx) -> {
                    log.add("pending " + ctx.sys().sigpending());
                    log.add("took "
                            + ctx.sys().sigtimedwait(SignalSet.of(SIGCHLD), 0).signo());
                },
                SignalSet.empty(),
                SaFlags.SA_RESETHAND);
        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGCHLD));
        engine.kernel().tgkill(null, p.pid(), sys.tid(), SIGCHLD);
        engine.kernel().kill(null, p.pid(), SIGCHLD);

        sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGCHLD));

        assertEquals(List.of("pending {SIGCHLD}", "took " + SIGCHLD), log);
        assertTrue(sys.sigpending().isEmpty());
    }
}
