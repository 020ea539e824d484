package dev.sigpage.impl.engine;

import dev.sigpage.api.SignalSet;
import dev.sigpage.impl.ModelThread;
import dev.sigpage.impl.ThreadExitedException;
import dev.sigpage.impl.WaitInterruptedException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.agrona.concurrent.IdleStrategy;

/**
 * How a thread of the engine blocks: marked BLOCKED, with the {@code wait} and {@code woken} probe points, until
 * its call's condition holds, a signal is deliverable, the deadline passes, or its process ends (then
 * {@link ThreadTerminated}). The signal check goes through {@link ModelThread#awaitDeliverable}, which registers the
 * thread as a sleeper before it checks, so a signal sent just before the thread parks is never lost. A Java
 * interrupt of the thread ends the wait with {@link WaitInterruptedException} (never as a signal), after the thread
 * has left its wait queue and is RUNNING again.
 */
final class BlockingWait {
    /** A deadline that never passes. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private final Engine engine;
    private final EngineProcess process;
    private final UserThread user;
    private final ModelThread thread;
    private final ReturnToUser returnToUser;

    BlockingWait(final EngineProcess process, final UserThread user, final ReturnToUser returnToUser) {
        this.engine = process.engine();
        this.process = process;
        this.user = user;
        this.thread = user.model();
        this.returnToUser = returnToUser;
    }

    /** The deadline of a timeout from now, saturated. */
    static long deadlineOf(final long timeoutNanos) {
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeout must not be negative: timeoutNanos=" + timeoutNanos);
        }
        final long now = System.nanoTime();
        return timeoutNanos >= NO_DEADLINE - now ? NO_DEADLINE - 1 : now + timeoutNanos;
    }

    /**
     * Blocks until {@code ready}, a deliverable signal, a stop of the process, the deadline, or the end of the
     * process. With delivery inhibited only {@code ready}, the deadline and the end of the process end it.
     *
     * @throws WaitInterruptedException on a Java interrupt of the thread
     */
    WaitEnd await(final BooleanSupplier ready, final WaitQueue queue, final long deadline) {
        return await(ready, queue, deadline, true, true);
    }

    /**
     * @param interruptible whether a deliverable signal ends the wait
     * @param stopWakes     whether a stop of the process ends it (calls that restart on their own)
     */
    WaitEnd await(
            final BooleanSupplier ready,
            final WaitQueue queue,
            final long deadline,
            final boolean interruptible,
            final boolean stopWakes) {
        if (queue != null) {
            queue.add(user);
        }
        try {
            return block(() -> awaitLoop(ready, deadline, interruptible, interruptible && stopWakes));
        } finally {
            if (queue != null) {
                queue.remove(user);
            }
        }
    }

    private WaitEnd awaitLoop(
            final BooleanSupplier ready, final long deadline, final boolean interruptible, final boolean stopWakes) {
        // a stop of the process ends an interruptible wait too: the thread stops on its way out and the call
        // restarts after SIGCONT (Linux wakes every thread of the group for a group stop).
        final BooleanSupplier done =
                () -> ready.getAsBoolean() || process.isEnded() || stopWakes && process.isStopped();
        IdleStrategy idle = null;
        while (true) {
            if (process.isEnded()) {
                throw new ThreadTerminated(process.pid());
            }
            if (ready.getAsBoolean()) {
                return WaitEnd.READY;
            }
            final long left = deadline == NO_DEADLINE ? NO_DEADLINE : deadline - System.nanoTime();
            if (left <= 0) {
                return WaitEnd.TIMEOUT;
            }
            if (!interruptible || thread.deliveryInhibited()) {
                if (idle == null) {
                    idle = engine.waitStrategy().newIdle();
                }
                // not cleared: the caller that catches the exception sees the interrupt too.
                if (Thread.currentThread().isInterrupted()) {
                    throw new WaitInterruptedException("wait", thread.tid());
                }
                if (idle != null) {
                    idle.idle();
                } else {
                    LockSupport.parkNanos(this, left);
                }
                continue;
            }
            final SignalSet deliverable =
                    thread.awaitDeliverable(engine.waitStrategy().newIdle(), left, done);
            if ((!deliverable.isEmpty() || stopWakes && process.isStopped()) && !ready.getAsBoolean()) {
                return WaitEnd.SIGNAL;
            }
        }
    }

    /** Runs a wait (the engine's or one of the core's own) as a blocking wait of this thread. */
    <T> T block(final Supplier<T> wait) {
        user.setState(UserThread.State.BLOCKED);
        try {
            user.at("wait");
            final T r = wait.get();
            user.at("woken");
            if (process.isEnded()) {
                throw new ThreadTerminated(process.pid());
            }
            return r;
        } catch (final ThreadExitedException exited) {
            throw returnToUser.ended();
        } finally {
            user.setState(UserThread.State.RUNNING);
        }
    }

    /** @return a fresh idle strategy for one of the core's waits, or null to park */
    IdleStrategy newIdle() {
        return engine.waitStrategy().newIdle();
    }
}
