package dev.sigpage.impl.engine;

/**
 * Unwinds a model user thread whose process has ended (a fatal signal, SIGKILL, {@code exit}). It is an
 * {@link Error} so that user code catching {@code Exception} does not swallow it; the engine catches it where the
 * thread started.
 */
public final class ThreadTerminated extends Error {
    private static final long serialVersionUID = 1L;

    /**
     * @param pid the ended process
     */
    ThreadTerminated(final int pid) {
        super("process has ended: pid=" + pid, null, false, false);
    }
}
