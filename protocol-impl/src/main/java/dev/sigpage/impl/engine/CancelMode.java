package dev.sigpage.impl.engine;

/** How a signal to a caller reaches the server of its call. */
public enum CancelMode {
    /**
     * Redox: the kernel queues a cancellation request to the scheme, which may return early or finish anyway.
     */
    REQUEST,
    /**
     * Managarm: each interruptible call carries a cancel event; signal delivery raises it and the server, which
     * watches the events of its outstanding calls, reacts.
     */
    EVENT
}
