package dev.sigpage.impl.engine;

/**
 * The body of a model user thread: Java code that reaches the kernel only through its {@link Sys}.
 */
@FunctionalInterface
public interface UserProgram {
    /**
     * Runs the thread.
     *
     * @param sys the thread's system-call facade
     */
    void run(Sys sys);
}
