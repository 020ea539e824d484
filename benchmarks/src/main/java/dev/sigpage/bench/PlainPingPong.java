package dev.sigpage.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of the delivery round trip: the same two threads handing a counter back and forth through two
 * volatile words with busy-spinning, no signal protocol at all. What is left when delivery costs nothing.
 */
final class PlainPingPong implements RoundTrip {

    private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Thread server;
    private volatile boolean running = true;

    PlainPingPong() {
        server = new Thread(this::serve, "sigpage-pingpong-waiter");
        server.setDaemon(true);
        server.start();
    }

    private void serve() {
        long seen = 0;
        while (running) {
            final long now = requested.get();
            if (now != seen) {
                seen = now;
                acknowledged.set(now);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public long roundTrip() {
        final long expected = requested.incrementAndGet();
        long spins = 0;
        long deadline = 0;
        while (acknowledged.get() < expected) {
            Thread.onSpinWait();
            if ((++spins & 0xFFFF) == 0) {
                final long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + STUCK_NANOS;
                } else if (now > deadline) {
                    throw new IllegalStateException("the ping-pong thread did not acknowledge: requested=" + expected);
                }
            }
        }
        return expected;
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        server.join(TimeUnit.SECONDS.toMillis(10));
    }
}
