package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every facade call is a return-to-user point: a signal that became deliverable from outside the thread (a send by
 * the kernel) is delivered before the call returns, whichever call it is.
 */
class ReturnToUserPointTest {
    @ParameterizedTest
    @ValueSource(strings = {"sigpending", "mask", "checkpoint", "sigaltstack", "attachMachine", "sigtimedwaitZero"})
    void aSignalSentFromOutsideIsDeliveredBeforeTheCallReturns(final String call) {
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();
        final List<Integer> ran = new ArrayList<>();
        sys.sigaction(SIGUSR1, (sig, info, ctx) -> ran.add(sig), SignalSet.empty(), 0);
        engine.kernel().tgkill(null, p.pid(), sys.tid(), SIGUSR1);
        final Consumer<Sys> c;
        switch (call) {
            case "sigpending":
                c = Sys::sigpending;
                break;
            case "mask":
                c = Sys::mask;
                break;
            case "checkpoint":
                c = Sys::checkpoint;
                break;
            case "sigaltstack":
                c = s -> s.sigaltstack(null);
                break;
            case "attachMachine":
                c = s -> s.attachMachine(null);
                break;
            default:
                c = s -> {
                    // a zero timeout polls: EAGAIN, not EINTR, and the handler still runs on return.
                    final SignalException e =
                            assertThrows(SignalException.class, () -> s.sigtimedwait(SignalSet.of(SIGUSR2), 0));
                    assertEquals(Errno.EAGAIN, e.errno());
                };
                break;
        }
        c.accept(sys);
        assertEquals(List.of(SIGUSR1), ran);
    }
}
