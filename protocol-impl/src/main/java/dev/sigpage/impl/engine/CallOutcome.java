package dev.sigpage.impl.engine;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.SignalException;

/**
 * How one attempt of a blocking call ended, for {@link InterruptibleCall} to apply the interruption rule to.
 *
 * @param <T> the call's result
 */
sealed interface CallOutcome<T> {
    /** The call completed: its result is returned after the return to user. */
    record Done<T>(T value) implements CallOutcome<T> {}

    /** The call failed by its own rule (EAGAIN, a server's errno): thrown after the return to user. */
    record Failed<T>(SignalException error) implements CallOutcome<T> {}

    /**
     * A signal interrupted the call's wait.
     *
     * @param partial the work done so far (returned as is), or null if none
     */
    record Interrupted<T>(T partial) implements CallOutcome<T> {}

    /** The call's own wait took a signal and applied its action already (sigsuspend): act on it. */
    record Delivered<T>(int signal, Delivery delivery) implements CallOutcome<T> {}

    static <T> CallOutcome<T> done(final T value) {
        return new Done<>(value);
    }

    static <T> CallOutcome<T> failed(final SignalException error) {
        return new Failed<>(error);
    }

    static <T> CallOutcome<T> interrupted() {
        return new Interrupted<>(null);
    }

    static <T> CallOutcome<T> partial(final T partial) {
        return new Interrupted<>(partial);
    }
}
