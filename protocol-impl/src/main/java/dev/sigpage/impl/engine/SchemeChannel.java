package dev.sigpage.impl.engine;

import java.util.Objects;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * One caller thread's connection to a scheme server (an open file of the scheme): requests go into the server's
 * shared request queue, answers come back on this channel's own single-producer single-consumer response queue,
 * and the caller is unparked after each answer.
 */
public final class SchemeChannel {
    private final SchemeServer server;
    private final UserThread owner;
    private final OneToOneConcurrentArrayQueue<SchemeRequest> responses;

    SchemeChannel(final SchemeServer server, final UserThread owner, final int capacity) {
        this.server = Objects.requireNonNull(server, "server");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.responses = new OneToOneConcurrentArrayQueue<>(capacity);
    }

    /** @return the server */
    public SchemeServer server() {
        return server;
    }

    UserThread owner() {
        return owner;
    }

    void respond(final SchemeRequest r) {
        // one answer per request and at most one request in flight per channel: the queue never fills, and
        // successive answers (possibly from different threads) are ordered by the caller's poll and next submit,
        // so the queue never has two producers at once.
        if (!responses.offer(r)) {
            throw new IllegalStateException("response queue must have room: capacity=" + responses.capacity());
        }
        owner.unpark();
    }

    boolean hasResponse() {
        return !responses.isEmpty();
    }

    /** Waits for an answer accepted by its request to reach this channel (its offer follows the acceptance). */
    void awaitAnswered() {
        while (responses.isEmpty()) {
            Thread.onSpinWait();
        }
    }

    SchemeRequest takeResponse() {
        return responses.poll();
    }
}
