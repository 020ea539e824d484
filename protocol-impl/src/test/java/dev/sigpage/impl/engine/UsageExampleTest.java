package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.frames.Arch;
import dev.sigpage.frames.RegisterFile;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The usage example of ENGINE.md, with its comments turned into assertions. */
class UsageExampleTest {
    @Test
    void theDocumentedExampleBehavesAsDocumented() throws Exception {
        final List<String> out = new CopyOnWriteArrayList<>();
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();

        sys.sigaction(
                Signals.SIGUSR1,
                (sig, info, ctx) -> {
                    out.add(Signals.name(sig) + " from pid " + info.senderPid() + " mask "
                            + ctx.sys().mask());
                },
                SignalSet.of(Signals.SIGUSR2),
                SaFlags.SA_SIGINFO | SaFlags.SA_RESTART);
        sys.raise(Signals.SIGUSR1);
        assertEquals(List.of("SIGUSR1 from pid 1 mask {SIGUSR1,SIGUSR2}"), out);

        final Pipe pipe = new Pipe(64);
        final EngineProcess reader = engine.spawn(1000, 1000);
        final UserThread t = reader.start(rs -> {
            rs.sigaction(Signals.SIGUSR1, (s, i, c) -> {}, SignalSet.empty(), 0);
            try {
                rs.read(pipe, new byte[16], 0, 16);
            } catch (final SignalException e) {
                out.add(e.errno().name());
            }
        });
        assertTrue(t.awaitBlocked(1, 10, TimeUnit.SECONDS));
        sys.tgkill(reader.pid(), t.tid(), Signals.SIGUSR1);
        assertTrue(t.join(10, TimeUnit.SECONDS));
        assertEquals(Errno.EINTR.name(), out.get(1));

        final Machine m = new Machine(
                RegisterFile.zero(Arch.X86_64).with("rflags", 0x202), UserStack.map(0x7fff_f000_0000L, 0x1_0000));
        sys.attachMachine(m);
        sys.raise(Signals.SIGUSR1);
        assertEquals(3, out.size());
        assertEquals(0x7fff_f001_0000L, m.stackPointer());
    }
}
