package dev.sigpage.impl.engine;

/**
 * A one-shot cancel event (Managarm style): attached to one interruptible call, raised by signal delivery, observed
 * by the server that serves the call. Thread-safe.
 */
public final class CancelEvent {
    private volatile boolean raised;
    private volatile boolean forced;

    CancelEvent() {}

    /** @return true once raised */
    public boolean isRaised() {
        return raised;
    }

    /** @return true if SIGKILL raised it: the caller is gone and waits for nothing */
    public boolean isForced() {
        return forced;
    }

    void raise(final boolean force) {
        if (force) {
            // volatile: written before raised, read after it.
            forced = true;
        }
        raised = true;
    }
}
