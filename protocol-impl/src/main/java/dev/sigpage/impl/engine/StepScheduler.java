package dev.sigpage.impl.engine;

import dev.sigpage.impl.WaitInterruptedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A controllable scheduler for replaying a race or a cancellation sequence step by step: the user threads it
 * starts stop at every engine point ({@link Probe}) and move on only when the script says so; the script's own
 * actions (sends, server answers, pipe writes) run between steps on the script's thread. Every step is appended
 * to a trace, so a scenario replayed gives the same trace and the same outcome; a step that cannot happen (the
 * thread never reaches its next point) fails after a bound instead of hanging.
 *
 * <p>A step releases a thread from the point it holds and waits until it reaches its next point or ends, with
 * one exception: released from {@code wait} the thread goes to sleep (it checks for a deliverable signal and
 * parks), and the step ends at once; its next point, {@code woken}, is reached when someone wakes it, and the
 * next step of that thread first waits for it there.
 *
 * <pre>{@code
 * StepScheduler s = new StepScheduler(engine, 10, TimeUnit.SECONDS);
 * UserThread reader = s.start(process, "reader", sys -> sys.read(pipe, buf, 0, 1));
 * s.stepUntil("reader", "wait");               // registered as a waiter, not yet parked
 * s.act("send SIGUSR1", () -> kernel.tgkill(null, pid, reader.tid(), SIGUSR1));
 * s.step("reader");                            // checks and sees the signal: never parks
 * }</pre>
 */
public final class StepScheduler implements Probe {
    private final Object monitor = new Object();
    private final long boundNanos;
    private final Map<UserThread, Actor> actors = new HashMap<>();
    private final Map<String, Actor> byName = new HashMap<>();
    private final List<String> trace = new ArrayList<>();

    /**
     * Installs itself as the engine's probe.
     *
     * @param engine  the engine
     * @param bound   the longest wait for a thread to reach a point
     * @param unit    its unit
     */
    public StepScheduler(final Engine engine, final long bound, final TimeUnit unit) {
        this.boundNanos = unit.toNanos(bound);
        engine.probe(this);
    }

    private static final class Actor {
        final String name;
        UserThread thread;
        String point;
        boolean released;
        boolean ended;

        Actor(final String name) {
            this.name = name;
        }
    }

    /**
     * Starts a process's main thread under control; it stops at its first point.
     *
     * @param process the process
     * @param name    the actor's name in the trace
     * @param program the code
     * @return the thread
     */
    public UserThread start(final EngineProcess process, final String name, final UserProgram program) {
        final Actor a = new Actor(Objects.requireNonNull(name, "name"));
        final UserThread[] started = new UserThread[1];
        synchronized (monitor) {
            if (byName.containsKey(name)) {
                throw new IllegalArgumentException("actor name must be unique: name=" + name);
            }
            byName.put(name, a);
            // the thread's first point waits on this monitor until it is registered below.
            try {
                started[0] = process.start(sys -> {
                    try {
                        program.run(sys);
                    } finally {
                        ended(a);
                    }
                });
            } catch (final RuntimeException refused) {
                // no thread started: an actor left without one would hold every thread the scheduler did not start
                // at its next point, waiting for a registration that never comes.
                byName.remove(name);
                throw refused;
            }
            a.thread = started[0];
            actors.put(started[0], a);
            monitor.notifyAll();
        }
        return started[0];
    }

    private void ended(final Actor a) {
        synchronized (monitor) {
            a.ended = true;
            a.point = null;
            monitor.notifyAll();
        }
    }

    @Override
    public void at(final UserThread thread, final String point) {
        synchronized (monitor) {
            Actor a = actors.get(thread);
            if (a == null) {
                // a thread being started under control registers just after its Java thread starts.
                if (!isStarting(thread)) {
                    return;
                }
                while ((a = actors.get(thread)) == null) {
                    awaitRelease(thread, point);
                }
            }
            if (a.ended) {
                return;
            }
            a.point = point;
            a.released = false;
            monitor.notifyAll();
            try {
                while (!a.released) {
                    awaitRelease(thread, point);
                }
            } catch (final WaitInterruptedException e) {
                // the thread no longer holds the point; the script's next step waits for its next one.
                a.point = null;
                monitor.notifyAll();
                throw e;
            }
        }
    }

    private boolean isStarting(final UserThread thread) {
        for (final Actor a : byName.values()) {
            if (a.thread == null) {
                return true;
            }
        }
        return false;
    }

    /** A controlled thread's wait at a point: a Java interrupt ends it (the flag set again). */
    private void awaitRelease(final UserThread thread, final String point) {
        try {
            monitor.wait();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException("probe point " + point, thread.tid());
        }
    }

    private void awaitArrival(final Actor a) {
        final long deadline = System.nanoTime() + boundNanos;
        while (a.point == null && !a.ended) {
            final long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("actor must reach a point: actor=" + a.name + ", trace=" + trace);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("script interrupted", e);
            }
        }
    }

    private Actor actor(final String name) {
        final Actor a = byName.get(name);
        if (a == null) {
            throw new IllegalArgumentException("actor must be started: name=" + name);
        }
        return a;
    }

    /**
     * Releases a thread from the point it holds (waiting first for it to get there) and lets it run to its next
     * point or its end.
     *
     * @param name the actor
     * @return the point it reached next, "sleeps" after {@code wait}, or "end"
     */
    public String step(final String name) {
        synchronized (monitor) {
            final Actor a = actor(name);
            awaitArrival(a);
            if (a.ended) {
                throw new AssertionError("actor must not have ended: actor=" + name + ", trace=" + trace);
            }
            final String from = a.point;
            a.point = null;
            a.released = true;
            monitor.notifyAll();
            final String to;
            if (from.equals("wait")) {
                to = "sleeps";
            } else {
                awaitArrival(a);
                to = a.ended ? "end" : a.point;
            }
            trace.add(name + ": " + from + " -> " + to);
            return to;
        }
    }

    /**
     * Steps a thread until it holds a point.
     *
     * @param name  the actor
     * @param point the point
     */
    public void stepUntil(final String name, final String point) {
        synchronized (monitor) {
            final Actor a = actor(name);
            awaitArrival(a);
            while (!point.equals(a.point)) {
                if ("end".equals(step(name))) {
                    throw new AssertionError("actor ended before the point: actor=" + name + ", point=" + point);
                }
                awaitArrival(a);
            }
        }
    }

    /**
     * Runs every controlled thread to its end.
     */
    public void finish() {
        synchronized (monitor) {
            for (final Actor a : byName.values()) {
                while (true) {
                    awaitArrival(a);
                    if (a.ended) {
                        break;
                    }
                    step(a.name);
                }
            }
            trace.add("all ended");
        }
    }

    /**
     * Runs one action of the script (a send, an answer) between steps, and traces it.
     *
     * @param label  the trace label
     * @param action the action
     */
    public void act(final String label, final Runnable action) {
        action.run();
        synchronized (monitor) {
            trace.add("script: " + label);
        }
    }

    /**
     * The point a thread holds now.
     *
     * @param name the actor
     * @return the point, or null while it runs or after it ended
     */
    public String pointOf(final String name) {
        synchronized (monitor) {
            return actor(name).point;
        }
    }

    /** @return the steps so far */
    public List<String> trace() {
        synchronized (monitor) {
            return List.copyOf(trace);
        }
    }
}
