package dev.sigpage.impl.engine;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SignalException;
import java.util.function.Supplier;

/**
 * Runs any blocking call under the interruption rule. An attempt of the call waits and reports a
 * {@link CallOutcome}; every way out goes through the return to user, so the signal that interrupted the call is
 * delivered before the call returns. Then:
 * <ul>
 * <li>done, or failed by the call's own rule: its result or its error;</li>
 * <li>interrupted after some work: the partial result;</li>
 * <li>interrupted before any work: if a handler ran, the call's {@link Restart} rule decides (EINTR, a transparent
 * restart under {@code SA_RESTART}, or the call's own answer after a handler); if no handler ran (ignored, stolen by
 * another thread, stopped and continued), the call waits again.</li>
 * </ul>
 * A restart always follows a delivery, so a call is restarted at most once per delivery.
 */
final class InterruptibleCall {
    /** What an interruption before any work does, once a handler ran. */
    enum Restart {
        /** EINTR unless every handler had {@code SA_RESTART}; then the call restarts (read, write, futex, ...). */
        UNLESS_SA_RESTART,
        /** Never restarted after a handler (nanosleep, sigsuspend, sigtimedwait). */
        NEVER
    }

    /** One attempt of a call: it does the work it can and waits, then reports how it ended. */
    @FunctionalInterface
    interface Attempt<T> {
        CallOutcome<T> attempt();
    }

    private final ReturnToUser returnToUser;

    InterruptibleCall(final ReturnToUser returnToUser) {
        this.returnToUser = returnToUser;
    }

    /** As {@link #run(String, Restart, Attempt, Supplier)} with EINTR after a handler under {@link Restart#NEVER}. */
    <T> T run(final String call, final Restart restart, final Attempt<T> attempt) {
        return run(call, restart, attempt, null);
    }

    /**
     * @param call      the call's name, for EINTR
     * @param restart   the rule once a handler ran
     * @param attempt   one attempt of the call
     * @param onHandler under {@link Restart#NEVER}, the call's answer after a handler (nanosleep's time left), or
     *                  null for EINTR
     */
    <T> T run(final String call, final Restart restart, final Attempt<T> attempt, final Supplier<T> onHandler) {
        while (true) {
            final CallOutcome<T> outcome = attempt.attempt();
            if (outcome instanceof CallOutcome.Done<T> done) {
                returnToUser.run();
                return done.value();
            }
            if (outcome instanceof CallOutcome.Failed<T> failed) {
                returnToUser.run();
                throw failed.error();
            }
            final UserReturn delivered;
            if (outcome instanceof CallOutcome.Delivered<T> taken) {
                final UserReturn first = returnToUser.act(taken.signal(), taken.delivery());
                if (!first.handlerRan()) {
                    continue;
                }
                delivered = first.then(returnToUser.run());
            } else {
                final T partial = ((CallOutcome.Interrupted<T>) outcome).partial();
                final UserReturn r = returnToUser.run();
                if (partial != null) {
                    return partial;
                }
                delivered = r;
            }
            if (!delivered.handlerRan()) {
                continue;
            }
            if (restart == Restart.NEVER) {
                if (onHandler == null) {
                    throw eintr(call);
                }
                return onHandler.get();
            }
            if (delivered.interrupts()) {
                throw eintr(call);
            }
        }
    }

    static SignalException eintr(final String call) {
        return new SignalException(Errno.EINTR, "interrupted by a signal handler", call, 0);
    }
}
