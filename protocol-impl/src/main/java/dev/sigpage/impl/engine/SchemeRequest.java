package dev.sigpage.impl.engine;

import dev.sigpage.api.Errno;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call to a scheme server: its argument, its cancel event, and its single response (a result, or an errno).
 * The server completes it once, from any thread; later completions are ignored (a request force-cancelled by
 * SIGKILL has no one waiting).
 */
public final class SchemeRequest {
    private static final int PENDING = 0;
    private static final int COMPLETED = 1;

    private final long id;
    private final long argument;
    private final SchemeChannel channel;
    private final CancelEvent cancelEvent = new CancelEvent();
    private final AtomicInteger state = new AtomicInteger(PENDING);
    private volatile long result;
    private volatile Errno error;
    private boolean cancelReported;
    private boolean forcedReported;

    SchemeRequest(final long id, final long argument, final SchemeChannel channel) {
        this.id = id;
        this.argument = argument;
        this.channel = channel;
    }

    /** @return the request id (per server, from 1) */
    public long id() {
        return id;
    }

    /** @return the caller's argument */
    public long argument() {
        return argument;
    }

    /** @return the caller's tid */
    public int callerTid() {
        return channel.owner().tid();
    }

    /** @return the cancel event (raised in both modes when the caller is signalled; watched in EVENT mode) */
    public CancelEvent cancelEvent() {
        return cancelEvent;
    }

    /** @return true once completed */
    public boolean isDone() {
        return state.get() == COMPLETED;
    }

    /**
     * Answers with a result: the whole work, or a partial count when returning early.
     *
     * @param value the result
     * @return true if this was the first answer
     */
    public boolean complete(final long value) {
        // CAS: exactly one answer wins among the server, a completer and a cancellation.
        if (!state.compareAndSet(PENDING, COMPLETED)) {
            return false;
        }
        // volatile, then published by the response queue's release offer; the caller reads it after its poll.
        result = value;
        channel.respond(this);
        return true;
    }

    /**
     * Answers with an error: EINTR to return early with no work done.
     *
     * @param errno the error
     * @return true if this was the first answer
     */
    public boolean fail(final Errno errno) {
        // CAS: exactly one answer wins among the server, a completer and a cancellation.
        if (!state.compareAndSet(PENDING, COMPLETED)) {
            return false;
        }
        // volatile, then published by the response queue's release offer; the caller reads it after its poll.
        error = errno;
        channel.respond(this);
        return true;
    }

    /**
     * The caller gives the call up (a Java interrupt): no answer is accepted after this.
     *
     * @return false if an answer was accepted first (it is, or is about to be, on the caller's channel)
     */
    boolean abandon() {
        // CAS: exactly one of the answers and the abandonment wins.
        return state.compareAndSet(PENDING, COMPLETED);
    }

    long result() {
        return result;
    }

    Errno error() {
        return error;
    }

    /**
     * Server thread only: whether this cancellation is news to the handler. A request is reported cancelled at most
     * once, and force-cancelled at most once more (a SIGKILL after a signal's cancellation), whichever of the
     * cancel message and the raised cancel event the server sees first.
     */
    boolean takeCancelReport(final boolean forced) {
        if (forced ? forcedReported : cancelReported) {
            return false;
        }
        cancelReported = true;
        forcedReported |= forced;
        return true;
    }

    @Override
    public String toString() {
        return "SchemeRequest[id=" + id + ", arg=" + argument + (isDone() ? ", done" : "") + "]";
    }
}
