package dev.sigpage.impl.engine;

import java.util.Objects;
import java.util.function.Supplier;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * How blocked model threads wait: park/unpark (senders and completing parties unpark them), or polling with an
 * Agrona {@link IdleStrategy} (a fresh instance per wait, so its back-off state is never shared).
 */
public final class WaitStrategy {
    private final Supplier<IdleStrategy> idle;

    private WaitStrategy(final Supplier<IdleStrategy> idle) {
        this.idle = idle;
    }

    /**
     * Park and be unparked.
     *
     * @return the strategy
     */
    public static WaitStrategy park() {
        return new WaitStrategy(null);
    }

    /**
     * Poll with an idle strategy.
     *
     * @param factory makes one idle strategy per wait
     * @return the strategy
     */
    public static WaitStrategy idle(final Supplier<IdleStrategy> factory) {
        return new WaitStrategy(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Poll with Agrona's default back-off (spin, yield, then park for growing periods).
     *
     * @return the strategy
     */
    public static WaitStrategy backoff() {
        return idle(BackoffIdleStrategy::new);
    }

    /**
     * A new idle strategy for one wait.
     *
     * @return null for park/unpark
     */
    IdleStrategy newIdle() {
        return idle == null ? null : idle.get();
    }

    @Override
    public String toString() {
        return idle == null ? "park" : "idle";
    }
}
