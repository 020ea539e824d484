package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGUSR1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.SignalSet;
import dev.sigpage.impl.WaitInterruptedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduler's own rules (its javadoc): a step that cannot happen fails after the bound instead of hanging; a
 * thread it did not start runs freely past every point; a Java interrupt ends a controlled thread's hold at a
 * point, and a script's wait, with the interrupt flag set again.
 */
class StepSchedulerTest {
    private static final long T = 10;
    private final Engine engine = new Engine();

    @Test
    @Timeout(T)
    void aStepThatCannotHappenFailsAfterTheBound() {
        final EngineProcess p = engine.spawn(1000, 1000);
        final Pipe pipe = new Pipe(4);
        final StepScheduler s = new StepScheduler(engine, 200, TimeUnit.MILLISECONDS);
        s.start(p, "reader", sys -> sys.read(pipe, new byte[1], 0, 1));
        s.stepUntil("reader", "wait");
        assertEquals("wait", s.pointOf("reader"));
        assertEquals("sleeps", s.step("reader"));
        assertEquals(null, s.pointOf("reader"), "asleep, it holds no point");

        // nothing wakes the reader: it never reaches its next point.
        final AssertionError never = assertThrows(AssertionError.class, () -> s.step("reader"));

        assertTrue(never.getMessage().startsWith("actor must reach a point: actor=reader"), never.getMessage());
        engine.kernel().kill(null, p.pid(), SIGKILL);
        s.finish();
    }

    @Test
    @Timeout(T)
    void aThreadTheSchedulerDidNotStartRunsFreely() {
        final StepScheduler s = new StepScheduler(engine, T, TimeUnit.SECONDS);
        // an actor held at its first point meanwhile.
        s.start(engine.spawn(1000, 1000), "actor", sys -> {});
        s.stepUntil("actor", "entry:start");
        final Sys sys = engine.spawn(1000, 1000).attach();
        final List<Integer> got = new ArrayList<>();
        sys.sigaction(SIGUSR1, (sig, info, ctx) -> got.add(sig), SignalSet.empty(), 0);

        sys.raise(SIGUSR1);

        assertEquals(List.of(SIGUSR1), got);
        assertEquals("entry:start", s.pointOf("actor"));
        s.finish();
    }

    /** A start the process refuses leaves no actor behind: its name is free, and other threads run freely. */
    @Test
    @Timeout(T)
    void aRefusedStartLeavesNoActorBehind() {
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();
        final StepScheduler s = new StepScheduler(engine, T, TimeUnit.SECONDS);

        assertThrows(IllegalStateException.class, () -> s.start(p, "again", x -> {}), "the main thread runs already");

        final List<Integer> got = new ArrayList<>();
        sys.sigaction(SIGUSR1, (sig, info, ctx) -> got.add(sig), SignalSet.empty(), 0);
        sys.raise(SIGUSR1);
        assertEquals(List.of(SIGUSR1), got);
        s.start(engine.spawn(1000, 1000), "again", x -> {});
        s.finish();
        assertEquals(List.of("again: entry:start -> end", "all ended"), s.trace());
    }

    /** The first point of a thread just started is one that stepUntil can stop at. */
    @Test
    void stepUntilTheFirstPointStopsThere() {
        final StepScheduler s = new StepScheduler(engine, T, TimeUnit.SECONDS);
        s.start(engine.spawn(1000, 1000), "a", sys -> sys.checkpoint());

        s.stepUntil("a", "entry:start");

        assertEquals("entry:start", s.pointOf("a"));
        assertEquals(List.of(), s.trace());
        s.finish();
        assertEquals(
                List.of("a: entry:start -> entry:checkpoint", "a: entry:checkpoint -> end", "all ended"), s.trace());
    }

    @Test
    void anInterruptEndsAControlledThreadsHoldWithItsFlagSet() throws Exception {
        final EngineProcess p = engine.spawn(1000, 1000);
        final StepScheduler s = new StepScheduler(engine, T, TimeUnit.SECONDS);
        final AtomicReference<Thread> carrier = new AtomicReference<>();
        final AtomicReference<Boolean> flag = new AtomicReference<>();
        final CountDownLatch left = new CountDownLatch(1);
        s.start(p, "a", sys -> {
            carrier.set(Thread.currentThread());
            try {
                sys.checkpoint();
            } catch (final WaitInterruptedException e) {
                flag.set(Thread.currentThread().isInterrupted());
                left.countDown();
            }
        });
        s.stepUntil("a", "entry:checkpoint");

        carrier.get().interrupt();
        // the actor leaves the point by the interrupt alone: no step releases it meanwhile.
        assertTrue(left.await(T, TimeUnit.SECONDS), "the interrupt must end the hold");
        s.finish();

        assertEquals(Boolean.TRUE, flag.get(), "the interrupt flag is set again");
    }

    @Test
    void anInterruptedScriptFailsWithItsFlagSet() {
        final EngineProcess p = engine.spawn(1000, 1000);
        final Pipe pipe = new Pipe(4);
        final StepScheduler s = new StepScheduler(engine, T, TimeUnit.SECONDS);
        s.start(p, "reader", sys -> sys.read(pipe, new byte[1], 0, 1));
        s.stepUntil("reader", "wait");
        assertEquals("sleeps", s.step("reader"));

        Thread.currentThread().interrupt();
        final AssertionError interrupted = assertThrows(AssertionError.class, () -> s.step("reader"));

        assertTrue(Thread.interrupted(), "the interrupt flag is set again");
        assertEquals("script interrupted", interrupted.getMessage());
        engine.kernel().kill(null, p.pid(), SIGKILL);
        s.finish();
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
