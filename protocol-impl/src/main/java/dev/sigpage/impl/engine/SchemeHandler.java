package dev.sigpage.impl.engine;

/**
 * The code of a scheme server, run on the server's thread. It may answer a request at once or later (from any
 * thread), and decides what a cancellation means: return early ({@link SchemeRequest#fail} with EINTR, or
 * {@link SchemeRequest#complete} with a partial count) or finish anyway.
 */
public interface SchemeHandler {
    /**
     * A new request.
     *
     * @param request the request
     */
    void request(SchemeRequest request);

    /**
     * The caller of an outstanding request was signalled (a cancellation message, or its cancel event).
     *
     * @param request the request
     * @param forced  true for SIGKILL: the caller is gone, the answer is discarded
     */
    default void cancel(final SchemeRequest request, final boolean forced) {}
}
