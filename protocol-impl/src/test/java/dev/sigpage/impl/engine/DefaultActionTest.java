package dev.sigpage.impl.engine;

import static dev.sigpage.api.SaFlags.SA_NOCLDSTOP;
import static dev.sigpage.api.Signals.SIGCHLD;
import static dev.sigpage.api.Signals.SIGCONT;
import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGSTOP;
import static dev.sigpage.api.Signals.SIGTERM;
import static dev.sigpage.api.Signals.SIGTSTP;
import static dev.sigpage.api.Signals.SIGURG;
import static dev.sigpage.api.Signals.SIGUSR1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Default actions terminate, stop and continue, ignore; the parent observes each change. */
class DefaultActionTest {
    private static final long T = 10;
    private final Engine engine = new Engine();

    @Test
    void terminateEndsTheProcessAndRecordsTheSignal() {
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();

        assertThrows(ThreadTerminated.class, () -> sys.raise(SIGTERM));

        assertEquals(new ProcessEvent(ProcessEvent.Kind.KILLED, p.pid(), SIGTERM), p.endEvent());
        assertEquals(15, p.endEvent().waitStatus());
        assertFalse(p.model().isAlive());
        assertThrows(ThreadTerminated.class, sys::checkpoint);
    }

    @Test
    void defaultIgnoredAndExplicitlyIgnoredSignalsDoNothing() {
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();
        sys.sigaction(SIGUSR1, SigAction.IGNORE);

        sys.raise(SIGCHLD);
        sys.raise(SIGURG);
        sys.raise(SIGUSR1);
        sys.checkpoint();

        assertTrue(p.model().isAlive());
        assertNull(p.endEvent());
    }

    @Test
    void parentSeesChildStopContinueAndExitAndGetsSigchld() throws Exception {
        final EngineProcess parent = engine.spawn(1000, 1000);
        final Sys psys = parent.attach();
        final List<Integer> chld = new ArrayList<>();
        psys.sigaction(SIGCHLD, (sig, info, ctx) -> chld.add(info.signo()), SignalSet.empty(), 0);
        final AtomicBoolean ranAfterStop = new AtomicBoolean();
        final CountDownLatch mayExit = new CountDownLatch(1);

        final CountDownLatch mayStop = new CountDownLatch(1);
        final EngineProcess child = psys.fork(sys -> {
            await(mayStop);
            sys.raise(SIGSTOP);
            ranAfterStop.set(true);
            await(mayExit);
            sys.exit(7);
        });
        assertEquals(List.of(), chld);
        mayStop.countDown();

        assertEquals(
                new ProcessEvent(ProcessEvent.Kind.STOPPED, child.pid(), SIGSTOP),
                child.awaitEvent(T, TimeUnit.SECONDS));
        final UserThread main = child.threads().get(0);
        assertTrue(main.awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS));
        assertFalse(ranAfterStop.get(), "a stopped process runs no user code");

        psys.kill(child.pid(), SIGCONT);
        // the stop's SIGCHLD was still pending when the continue's was sent: standard signals coalesce.
        assertEquals(List.of(SIGCHLD), chld);
        mayExit.countDown();

        assertEquals(
                new ProcessEvent(ProcessEvent.Kind.CONTINUED, child.pid(), SIGCONT),
                child.awaitEvent(T, TimeUnit.SECONDS));
        assertEquals(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 7), child.awaitEvent(T, TimeUnit.SECONDS));
        assertTrue(ranAfterStop.get());
        assertEquals(7 << 8, child.endEvent().waitStatus());
        psys.checkpoint();
        assertEquals(List.of(SIGCHLD, SIGCHLD), chld);
    }

    @Test
    void aStopAloneSendsTheParentSigchld() throws Exception {
        final EngineProcess parent = engine.spawn(1000, 1000);
        final Sys psys = parent.attach();
        final List<Integer> chld = new ArrayList<>();
        psys.sigaction(SIGCHLD, (sig, info, ctx) -> chld.add(info.signo()), SignalSet.empty(), 0);
        final CountDownLatch mayExit = new CountDownLatch(1);
        final EngineProcess child = psys.fork(sys -> {
            sys.raise(SIGSTOP);
            await(mayExit);
            sys.exit(0);
        });

        assertEquals(
                new ProcessEvent(ProcessEvent.Kind.STOPPED, child.pid(), SIGSTOP),
                child.awaitEvent(T, TimeUnit.SECONDS));
        // the SIGCHLD is sent before the event is published: pending at the parent's next return to user.
        psys.checkpoint();
        assertEquals(List.of(SIGCHLD), chld, "the child's stop sends the parent SIGCHLD");

        mayExit.countDown();
        psys.kill(child.pid(), SIGCONT);
        assertEquals(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 0), awaitEnd(child));
    }

    @Test
    void saNocldstopSendsSigchldForTheExitOnlyNotForStopOrContinue() throws Exception {
        final EngineProcess parent = engine.spawn(1000, 1000);
        final Sys psys = parent.attach();
        final List<Integer> chld = new ArrayList<>();
        psys.sigaction(SIGCHLD, (sig, info, ctx) -> chld.add(info.signo()), SignalSet.empty(), SA_NOCLDSTOP);
        final CountDownLatch mayExit = new CountDownLatch(1);
        final EngineProcess child = psys.fork(sys -> {
            sys.raise(SIGSTOP);
            await(mayExit);
            sys.exit(0);
        });

        assertEquals(
                new ProcessEvent(ProcessEvent.Kind.STOPPED, child.pid(), SIGSTOP),
                child.awaitEvent(T, TimeUnit.SECONDS));
        psys.checkpoint();
        assertEquals(List.of(), chld, "SA_NOCLDSTOP: no SIGCHLD for the stop");

        psys.kill(child.pid(), SIGCONT);
        assertEquals(
                new ProcessEvent(ProcessEvent.Kind.CONTINUED, child.pid(), SIGCONT),
                child.awaitEvent(T, TimeUnit.SECONDS));
        psys.checkpoint();
        assertEquals(List.of(), chld, "SA_NOCLDSTOP: no SIGCHLD for the continue");
        assertFalse(parent.model().pendingSet().contains(SIGCHLD), "no SIGCHLD pending for the stop or the continue");

        mayExit.countDown();
        assertEquals(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 0), awaitEnd(child));
        psys.checkpoint();
        assertEquals(List.of(SIGCHLD), chld, "SA_NOCLDSTOP still sends SIGCHLD for the exit");
    }

    /** The child's events up to its end; the last one. */
    private static ProcessEvent awaitEnd(final EngineProcess child) throws InterruptedException {
        ProcessEvent e;
        do {
            e = child.awaitEvent(T, TimeUnit.SECONDS);
        } while (e != null && e.kind() != ProcessEvent.Kind.EXITED && e.kind() != ProcessEvent.Kind.KILLED);
        return e;
    }

    static void await(final CountDownLatch latch) {
        try {
            if (!latch.await(T, TimeUnit.SECONDS)) {
                throw new AssertionError("hand-off timed out");
            }
        } catch (final InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void stopSignalsOtherThanSigstopStopByDefaultAndSigcontResumesEvenWhenBlocked() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final AtomicBoolean after = new AtomicBoolean();
        final UserThread t = p.start(sys -> {
            sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGCONT));
            sys.raise(SIGTSTP);
            after.set(true);
        });

        assertEquals(new ProcessEvent(ProcessEvent.Kind.STOPPED, p.pid(), SIGTSTP), p.awaitEvent(T, TimeUnit.SECONDS));
        assertTrue(t.awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS));
        engine.kernel().kill(null, p.pid(), SIGCONT);

        assertEquals(
                ProcessEvent.Kind.CONTINUED, p.awaitEvent(T, TimeUnit.SECONDS).kind());
        assertEquals(new ProcessEvent(ProcessEvent.Kind.EXITED, p.pid(), 0), p.awaitEnd(T, TimeUnit.SECONDS));
        assertTrue(after.get());
    }

    @Test
    void sigkillEndsABlockedProcessWhateverItsMask() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final UserThread t = p.start(sys -> {
            sys.sigprocmask(MaskHow.SETMASK, SignalSet.ofBits(-1L));
            sys.sleep(Long.MAX_VALUE);
        });
        assertTrue(t.awaitBlocked(1, T, TimeUnit.SECONDS));

        engine.kernel().kill(null, p.pid(), SIGKILL);

        assertEquals(new ProcessEvent(ProcessEvent.Kind.KILLED, p.pid(), SIGKILL), p.awaitEnd(T, TimeUnit.SECONDS));
        assertTrue(t.join(T, TimeUnit.SECONDS));
        assertNull(t.failure());
    }

    @Test
    void sigkillEndsAProcessEvenInsideAnInhibitSection() {
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();
        sys.inhibitDelivery();

        assertThrows(ThreadTerminated.class, () -> sys.raise(SIGKILL));
        assertEquals(ProcessEvent.Kind.KILLED, p.endEvent().kind());
    }

    @Test
    void sigkillEndsAStoppedProcess() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final UserThread t = p.start(sys -> sys.raise(SIGSTOP));
        assertTrue(t.awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS));

        engine.kernel().kill(null, p.pid(), SIGKILL);

        assertEquals(
                ProcessEvent.Kind.STOPPED, p.awaitEvent(T, TimeUnit.SECONDS).kind());
        assertEquals(new ProcessEvent(ProcessEvent.Kind.KILLED, p.pid(), SIGKILL), p.awaitEvent(T, TimeUnit.SECONDS));
        assertTrue(t.join(T, TimeUnit.SECONDS));
    }

    @Test
    void sigkillWhileAHandlerRunsEndsTheThreadCleanly() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final CountDownLatch inHandler = new CountDownLatch(1);
        final CountDownLatch mayReturn = new CountDownLatch(1);
        final AtomicBoolean afterRaise = new AtomicBoolean();
        final UserThread t = p.start(sys -> {
            sys.sigaction(
                    SIGUSR1,
                    (sig, info, ctx) -> {
                        inHandler.countDown();
                        await(mayReturn);
                    },
                    SignalSet.empty(),
                    0);
            sys.raise(SIGUSR1);
            afterRaise.set(true);
        });
        assertTrue(inHandler.await(T, TimeUnit.SECONDS));

        engine.kernel().kill(null, p.pid(), SIGKILL);
        mayReturn.countDown();

        assertTrue(t.join(T, TimeUnit.SECONDS));
        assertNull(t.failure());
        assertFalse(afterRaise.get(), "no user code runs after SIGKILL");
        assertEquals(new ProcessEvent(ProcessEvent.Kind.KILLED, p.pid(), SIGKILL), p.endEvent());
    }

    @Test
    void aParentBlockedInWaitpidSeesStopContinueAndDeath() throws Exception {
        final EngineProcess parent = engine.spawn(1000, 1000);
        final List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch childStarted = new CountDownLatch(1);
        final CountDownLatch forked = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicReference<EngineProcess> child =
                new java.util.concurrent.atomic.AtomicReference<>();
        final UserThread p = parent.start(sys -> {
            child.set(sys.fork(c -> {
                childStarted.countDown();
                c.sleep(Long.MAX_VALUE);
            }));
            forked.countDown();
            for (int i = 0; i < 3; i++) {
                seen.add(sys.waitpid(child.get()));
            }
        });
        assertTrue(forked.await(T, TimeUnit.SECONDS));
        assertTrue(childStarted.await(T, TimeUnit.SECONDS));
        final int pid = child.get().pid();
        assertTrue(p.awaitBlocked(1, T, TimeUnit.SECONDS));

        engine.kernel().kill(null, pid, SIGSTOP);
        assertTrue(p.awaitBlocked(2, T, TimeUnit.SECONDS));
        engine.kernel().kill(null, pid, SIGCONT);
        assertTrue(p.awaitBlocked(3, T, TimeUnit.SECONDS));
        engine.kernel().kill(null, pid, SIGTERM);

        assertTrue(p.join(T, TimeUnit.SECONDS));
        assertNull(p.failure());
        assertEquals(
                List.of(
                        new ProcessEvent(ProcessEvent.Kind.STOPPED, pid, SIGSTOP),
                        new ProcessEvent(ProcessEvent.Kind.CONTINUED, pid, SIGCONT),
                        new ProcessEvent(ProcessEvent.Kind.KILLED, pid, SIGTERM)),
                seen);
    }
}
