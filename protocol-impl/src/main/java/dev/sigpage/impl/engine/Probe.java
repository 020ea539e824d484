package dev.sigpage.impl.engine;

/**
 * Told when a model user thread reaches a named point of the engine, on that thread, so that a controllable
 * scheduler ({@link StepScheduler}) can hold it there. Points: {@code entry:<call>} (system-call entry),
 * {@code wait} (registered as a waiter, about to check and park), {@code woken} (back from the wait),
 * {@code deliver:<SIGNAME>} (a claimed signal, before its action), {@code sigreturn:<SIGNAME>} (its handler
 * returned).
 */
@FunctionalInterface
public interface Probe {
    /**
     * A thread reached a point.
     *
     * @param thread the thread
     * @param point  the point
     */
    void at(UserThread thread, String point);
}
