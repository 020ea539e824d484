package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGCHLD;
import static dev.sigpage.api.Signals.SIGCONT;
import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGSTOP;
import static dev.sigpage.api.Signals.SIGTERM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.KernelConfig;
import dev.sigpage.impl.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * What the end of a process leaves behind: the model's exit status (128 + n for a death by signal n, the shells'
 * convention), no entry in the engine's table of live processes, a pid that stands until the parent takes the
 * final event, a wait for the end that returns empty when the process does not end, and no SIGCHLD to a parent
 * whose SIGCHLD action has SA_NOCLDSTOP when its child stops.
 */
class ProcessEndTest {
    private static final long T = 10;
    private final Engine engine = new Engine();

    @Test
    void aDeathBySignalLeavesExitStatus128PlusTheSignal() {
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();
        assertSame(p, engine.process(p.pid()));
        assertThrows(ThreadTerminated.class, () -> sys.raise(SIGTERM));
        assertEquals(128 + 15, p.model().exitStatus());
        assertNull(engine.process(p.pid()), "the engine keeps no ended process");
    }

    @Test
    void anExitLeavesItsStatusAndNoEntry() {
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();
        assertThrows(ThreadTerminated.class, () -> sys.exit(7));
        assertEquals(7, p.model().exitStatus());
        assertNull(engine.process(p.pid()), "the engine keeps no ended process");
    }

    @Test
    void waitingForAProcessThatDoesNotEndReturnsEmpty() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        p.attach();
        assertNull(p.awaitEnd(1, TimeUnit.MILLISECONDS));
        assertNull(p.awaitEnd(0, TimeUnit.MILLISECONDS));
    }

    @Test
    void aChildsPidStandsUntilItsParentTakesTheFinalEvent() throws Exception {
        final EngineProcess parent = engine.spawn(1000, 1000);
        final Sys psys = parent.attach();
        final EngineProcess child = psys.fork(sys -> sys.exit(3));
        assertEquals(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 3), child.awaitEnd(T, TimeUnit.SECONDS));
        // not yet taken: the ended child is a zombie, and a kill of its pid succeeds and delivers nothing.
        engine.kernel().kill(null, child.pid(), SIGTERM);
        assertEquals(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 3), child.awaitEvent(T, TimeUnit.SECONDS));
        final SignalException gone =
                assertThrows(SignalException.class, () -> engine.kernel().kill(null, child.pid(), SIGTERM));
        assertEquals(Errno.ESRCH, gone.errno());
    }

    @Test
    void aParentWhoseSigchldHasSaNocldstopIsNotToldOfAStop() throws Exception {
        final EngineProcess parent = engine.spawn(1000, 1000);
        final Sys psys = parent.attach();
        final List<Integer> chld = new ArrayList<>();
        psys.sigaction(SIGCHLD, (sig, info, ctx) -> chld.add(sig), SignalSet.empty(), SaFlags.SA_NOCLDSTOP);
        final EngineProcess child = psys.fork(sys -> sys.raise(SIGSTOP));
        assertEquals(
                new ProcessEvent(ProcessEvent.Kind.STOPPED, child.pid(), SIGSTOP),
                child.awaitEvent(T, TimeUnit.SECONDS));
        psys.checkpoint();
        assertEquals(List.of(), chld, "SA_NOCLDSTOP: no SIGCHLD for a stopped child");
        assertEquals(SignalSet.empty(), parent.model().pendingSet());
    }

    /** Without SA_NOCLDSTOP the parent is told of the stop, and again of the continue once it took the first. */
    @Test
    void aParentIsToldOfAStopAndOfAContinue() throws Exception {
        final EngineProcess parent = engine.spawn(1000, 1000);
        final Sys psys = parent.attach();
        psys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGCHLD));
        // a handler: SIGCHLD's default action ignores it, and an ignored signal is discarded when sent.
        psys.sigaction(SIGCHLD, (sig, info, ctx) -> {}, SignalSet.empty(), 0);
        final EngineProcess child = psys.fork(sys -> sys.raise(SIGSTOP));
        assertEquals(
                new ProcessEvent(ProcessEvent.Kind.STOPPED, child.pid(), SIGSTOP),
                child.awaitEvent(T, TimeUnit.SECONDS));
        assertEquals(SignalSet.of(SIGCHLD), parent.model().pendingSet(), "the stop's SIGCHLD");
        assertEquals(SIGCHLD, psys.sigtimedwait(SignalSet.of(SIGCHLD), 0).signo());
        psys.kill(child.pid(), SIGCONT);
        assertEquals(
                new ProcessEvent(ProcessEvent.Kind.CONTINUED, child.pid(), SIGCONT),
                child.awaitEvent(T, TimeUnit.SECONDS));
        assertEquals(SignalSet.of(SIGCHLD), parent.model().pendingSet(), "the continue's SIGCHLD");
    }

    /** SA_NOCLDSTOP spares the parent the stops and continues of its children, not their end. */
    @Test
    void aParentWhoseSigchldHasSaNocldstopIsToldOfTheEnd() throws Exception {
        final EngineProcess parent = engine.spawn(1000, 1000);
        final Sys psys = parent.attach();
        psys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGCHLD));
        psys.sigaction(SIGCHLD, (sig, info, ctx) -> {}, SignalSet.empty(), SaFlags.SA_NOCLDSTOP);
        final EngineProcess child = psys.fork(sys -> sys.exit(0));
        child.awaitEvent(T, TimeUnit.SECONDS);
        assertEquals(SignalSet.of(SIGCHLD), parent.model().pendingSet());
    }

    /**
     * Under the REDOX profile the kernel tells the parent of a stop at send time (procmgr), and the engine tells it
     * of the end: the end's SIGCHLD is pending for the parent once the final event is published.
     */
    @Test
    void underRedoxTheParentIsToldOfTheEnd() throws Exception {
        final Engine redox =
                new Engine(new Kernel(KernelConfig.defaults().withProfile(Profile.REDOX)), WaitStrategy.park());
        final EngineProcess parent = redox.spawn(1000, 1000);
        final Sys psys = parent.attach();
        psys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGCHLD));
        psys.sigaction(SIGCHLD, (sig, info, ctx) -> {}, SignalSet.empty(), 0);
        final EngineProcess child = psys.fork(sys -> sys.exit(0));
        child.awaitEvent(T, TimeUnit.SECONDS);
        assertEquals(SignalSet.of(SIGCHLD), parent.model().pendingSet());
    }

    /**
     * A thread parked inside a no-delivery section (no signal can wake it, only the end of its process) ends when
     * SIGKILL ends its process: the end wakes every thread of the process.
     */
    @Test
    void sigkillWakesAThreadParkedInsideAnInhibitSection() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final AtomicReference<Thread> carrier = new AtomicReference<>();
        final UserThread t = p.start(sys -> {
            carrier.set(Thread.currentThread());
            sys.inhibitDelivery();
            sys.sleep(Long.MAX_VALUE);
        });
        assertTrue(t.awaitBlocked(1, T, TimeUnit.SECONDS));
        awaitParkedInABlockingWait(carrier.get());

        engine.kernel().kill(null, p.pid(), SIGKILL);

        assertTrue(t.join(T, TimeUnit.SECONDS), "the killed thread must end: " + t);
        assertNull(t.failure());
        assertEquals(new ProcessEvent(ProcessEvent.Kind.KILLED, p.pid(), SIGKILL), p.awaitEnd(T, TimeUnit.SECONDS));
    }

    /** Waits until the thread is parked by the engine's blocking wait itself (its park blocker), or has ended. */
    private static void awaitParkedInABlockingWait(final Thread c) {
        while (c.getState() != Thread.State.TERMINATED && !(LockSupport.getBlocker(c) instanceof BlockingWait)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("interrupted while waiting for the thread to park: " + c);
            }
            Thread.onSpinWait();
        }
        assertTrue(LockSupport.getBlocker(c) instanceof BlockingWait, "parked in its blocking wait: " + c);
    }
}
