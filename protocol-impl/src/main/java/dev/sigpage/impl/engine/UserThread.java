package dev.sigpage.impl.engine;

import dev.sigpage.impl.ModelThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A model user thread: a {@link ModelThread} and the Java thread that runs its code, with an observable state so
 * that tests and scripts can hand off at exact points ("the thread is blocked in its call") without sleeping.
 */
public final class UserThread {
    /** What the thread is doing, as an observer sees it. */
    public enum State {
        /** Created, not yet running. */
        NEW,
        /** Running user code or a handler. */
        RUNNING,
        /** Waiting in a blocking call (registered as a sleeper, or about to park). */
        BLOCKED,
        /** Its process is stopped. */
        STOPPED,
        /** Its code returned or its process ended. */
        ENDED
    }

    private final EngineProcess process;
    private final ModelThread model;
    private final Object monitor = new Object();
    private volatile Thread carrier;
    private State state = State.NEW;
    private int blockCount;
    private Throwable failure;
    private Sys sys;

    UserThread(final EngineProcess process, final ModelThread model) {
        this.process = process;
        this.model = model;
    }

    /** @return the model thread */
    public ModelThread model() {
        return model;
    }

    /** @return the thread id */
    public int tid() {
        return model.tid();
    }

    /** @return the process */
    public EngineProcess process() {
        return process;
    }

    /** @return the system-call facade (for use on this thread only) */
    public Sys sys() {
        return sys;
    }

    void bind(final Sys facade, final Thread javaThread) {
        this.sys = facade;
        // volatile: read by wakers that unpark this thread.
        this.carrier = javaThread;
        setState(State.RUNNING);
    }

    /** Tells the engine's probe, if any, that this thread reached a point (on this thread). */
    void at(final String point) {
        final Probe p = process.engine().probe();
        if (p != null) {
            p.at(this, point);
        }
    }

    /** As {@link #at(String)} for the point {@code kind + name}, built only when a probe is installed. */
    void at(final String kind, final String name) {
        final Probe p = process.engine().probe();
        if (p != null) {
            p.at(this, kind + name);
        }
    }

    /** Unparks the Java thread (a spurious wake-up is harmless: every wait re-checks). */
    void unpark() {
        final Thread c = carrier;
        if (c != null) {
            LockSupport.unpark(c);
        }
    }

    void setState(final State next) {
        synchronized (monitor) {
            if (state == State.ENDED) {
                return;
            }
            if (next == State.BLOCKED) {
                blockCount++;
            }
            state = next;
            monitor.notifyAll();
        }
    }

    void fail(final Throwable t) {
        synchronized (monitor) {
            failure = t;
        }
    }

    /** @return the current state */
    public State state() {
        synchronized (monitor) {
            return state;
        }
    }

    /**
     * How many times the thread has entered a blocking wait (a restarted call blocks again).
     *
     * @return the count
     */
    public int blockCount() {
        synchronized (monitor) {
            return blockCount;
        }
    }

    /**
     * The exception the thread's code ended with, other than the end of its process.
     *
     * @return the exception, or null
     */
    public Throwable failure() {
        synchronized (monitor) {
            return failure;
        }
    }

    /**
     * Waits until the thread has entered a blocking wait at least {@code count} times and is blocked now.
     *
     * @param count   the number of blocking waits
     * @param timeout the longest wait
     * @param unit    its unit
     * @return true if reached, false on timeout
     * @throws InterruptedException if interrupted
     */
    public boolean awaitBlocked(final int count, final long timeout, final TimeUnit unit) throws InterruptedException {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (monitor) {
            while (!(state == State.BLOCKED && blockCount >= count)) {
                if (state == State.ENDED) {
                    return false;
                }
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            return true;
        }
    }

    /**
     * Waits until the thread is in a state.
     *
     * @param wanted  the state
     * @param timeout the longest wait
     * @param unit    its unit
     * @return true if reached, false on timeout
     * @throws InterruptedException if interrupted
     */
    public boolean awaitState(final State wanted, final long timeout, final TimeUnit unit) throws InterruptedException {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (monitor) {
            while (state != wanted) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            return true;
        }
    }

    /**
     * Waits for the thread to end.
     *
     * @param timeout the longest wait
     * @param unit    its unit
     * @return true if it ended
     * @throws InterruptedException if interrupted
     */
    public boolean join(final long timeout, final TimeUnit unit) throws InterruptedException {
        return awaitState(State.ENDED, timeout, unit);
    }

    void end() {
        synchronized (monitor) {
            state = State.ENDED;
            monitor.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "UserThread[tid=" + model.tid() + ", pid=" + process.pid() + ", " + state() + "]";
    }
}
