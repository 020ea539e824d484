package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGUSR1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.SignalSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A thread whose process ends while it is inside a call ends with its process: user code never sees the core's
 * "thread has exited" or an ESRCH about its own process. Deterministic part: at the entry of the call (after the
 * engine's own check) the model process ends, as it does when SIGKILL lands between that check and the core
 * operation. Randomised part: SIGKILL from another thread while the thread loops over the same calls.
 */
class ThreadEndTest {
    private static final long T = 10;

    /** The calls the outside probes found leaking an internal exception, with the engine point they enter by. */
    enum Call {
        RAISE("entry:tgkill"),
        INHIBIT("entry:inhibitDelivery"),
        SPAWN_THREAD("entry:spawnThread"),
        FORK("entry:fork"),
        SIGTIMEDWAIT("entry:sigtimedwait"),
        SIGRETURN("entry:tgkill");

        final String point;

        Call(final String point) {
            this.point = point;
        }

        void run(final Sys sys) {
            switch (this) {
                case RAISE:
                case SIGRETURN:
                    sys.raise(SIGUSR1);
                    break;
                case INHIBIT:
                    sys.inhibitDelivery();
                    sys.allowDelivery();
                    break;
                case SPAWN_THREAD:
                    sys.spawnThread(s -> {});
                    break;
                case FORK:
                    sys.fork(s -> {});
                    break;
                case SIGTIMEDWAIT:
                    try {
                        sys.sigtimedwait(SignalSet.of(SIGUSR1), 0);
                    } catch (final dev.sigpage.api.SignalException timedOut) {
                        // EAGAIN: nothing pending.
                    }
                    break;
                default:
                    throw new AssertionError(this);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void theModelEndingUnderACallEndsTheThreadQuietly(final Call call) throws Exception {
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final AtomicReference<RuntimeException> seen = new AtomicReference<>();
        final AtomicBoolean after = new AtomicBoolean();
        final AtomicBoolean armed = new AtomicBoolean();
        engine.probe((t, point) -> {
            if (t.process() == p && call != Call.SIGRETURN && point.equals(call.point) && armed.getAndSet(false)) {
                p.model().exit(0);
            }
        });
        final UserThread t = p.start(sys -> {
            sys.sigaction(
                    SIGUSR1,
                    (sig, info, ctx) -> {
                        if (call == Call.SIGRETURN) {
                            // the process ends while the handler runs, before its sigreturn.
                            p.model().exit(0);
                        }
                    },
                    SignalSet.empty(),
                    0);
            armed.set(true);
            try {
                call.run(sys);
            } catch (final RuntimeException e) {
                seen.set(e);
            }
            after.set(true);
        });
        assertTrue(t.join(T, TimeUnit.SECONDS), "thread must end: " + t);
        assertNull(seen.get(), "user code must not see an internal exception");
        assertNull(t.failure());
        assertFalse(after.get(), "no user code runs after the end of its process");
        assertNotNull(p.awaitEnd(T, TimeUnit.SECONDS), "the process must end");
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void sigkillFromAnotherThreadNeverSurfacesInUserCode(final Call call) throws Exception {
        final Engine engine = new Engine();
        final List<RuntimeException> seen = new ArrayList<>();
        for (int run = 0; run < 100; run++) {
            final EngineProcess p = engine.spawn(1000, 1000);
            final AtomicReference<RuntimeException> caught = new AtomicReference<>();
            final UserThread t = p.start(sys -> {
                sys.sigaction(SIGUSR1, (sig, info, ctx) -> {}, SignalSet.empty(), 0);
                try {
                    while (true) {
                        call.run(sys);
                    }
                } catch (final RuntimeException e) {
                    caught.set(e);
                }
            });
            final int spins = ThreadLocalRandom.current().nextInt(2_000);
            for (int i = 0; i < spins; i++) {
                Thread.onSpinWait();
            }
            engine.kernel().kill(null, p.pid(), SIGKILL);
            assertTrue(t.join(T, TimeUnit.SECONDS), "thread must end: " + t);
            assertNull(t.failure());
            if (caught.get() != null) {
                seen.add(caught.get());
            }
            assertEquals(
                    ProcessEvent.Kind.KILLED, p.awaitEnd(T, TimeUnit.SECONDS).kind());
        }
        assertTrue(seen.isEmpty(), "user code saw: " + seen);
    }
}
