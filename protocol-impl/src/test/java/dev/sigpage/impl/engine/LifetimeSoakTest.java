package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGUSR1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.SignalSet;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An engine that runs for hours: 100,000 process lifetimes (spawn, a handled signal, exit, reap), one in a hundred
 * with a forked child that its parent reaps through {@code waitpid}. Memory stays flat: the JVM's direct buffer
 * pool (every page and region is a direct buffer) and the pids in use stay bounded. Checked every 10,000
 * lifetimes, so a leak fails at the first check, long before the pool runs out. The handler table does not grow
 * either: the one handler every process installs keeps one address.
 */
class LifetimeSoakTest {
    private static final int LIFETIMES = 100_000;
    private static final int CHECK_EVERY = 10_000;
    /** More than the few live processes of the loop, far less than one check interval's 10,000 processes. */
    private static final long MAX_NEW_BUFFERS = 1_000;

    private static final long MAX_NEW_BYTES = 16L << 20;
    /** Pids are reused once the table has room: they stay below the table's first wrap-around size, times two. */
    private static final int MAX_PID = 2_048;

    private static final AtomicLong HANDLED = new AtomicLong();
    private static final SignalHandler COUNT = (sig, info, ctx) -> HANDLED.incrementAndGet();

    private static BufferPoolMXBean directPool() {
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool;
            }
        }
        throw new AssertionError("no direct buffer pool");
    }

    /**
     * Collects garbage until the pool is within {@code maxBuffers} of {@code base} (the cleaners of unreachable
     * buffers run on their own thread after a collection, so one round may not show them), then twice more for a
     * settled figure. At most 50 rounds, so a leak fails in a few seconds.
     */
    private static long[] settle(final BufferPoolMXBean pool, final long base, final long maxBuffers)
            throws InterruptedException {
        long count = Long.MAX_VALUE;
        long bytes = Long.MAX_VALUE;
        int settled = 0;
        for (int i = 0; i < 50 && settled < 3; i++) {
            System.gc();
            Thread.sleep(20);
            count = Math.min(count, pool.getCount());
            bytes = Math.min(bytes, pool.getMemoryUsed());
            if (count - base <= maxBuffers) {
                settled++;
            }
        }
        return new long[] {count, bytes};
    }

    @Test
    // a soak, not a wait: about 28 s on a 2-core machine loaded by other builds, over the 30 s default.
    @Timeout(120)
    void memoryAndTablesStayFlatOverAHundredThousandLifetimes() throws Exception {
        final Engine engine = new Engine();
        final BufferPoolMXBean pool = directPool();
        final long[] base = settle(pool, 0, Long.MAX_VALUE);
        final long start = System.nanoTime();
        long maxPid = 0;
        long firstAddress = 0;
        long peakBuffers = 0;
        long peakBytes = 0;
        HANDLED.set(0);
        for (int i = 1; i <= LIFETIMES; i++) {
            final EngineProcess p = engine.spawn(1000, 1000);
            maxPid = Math.max(maxPid, p.pid());
            final Sys sys = p.attach();
            final long address = sys.sigaction(SIGUSR1, COUNT, SignalSet.empty(), 0);
            if (i == 1) {
                firstAddress = address;
            }
            assertEquals(firstAddress, address, "one handler has one address in the engine's table");
            sys.raise(SIGUSR1);
            if (i % 100 == 0) {
                final EngineProcess child = sys.fork(s -> s.exit(3));
                assertEquals(ProcessEvent.Kind.EXITED, sys.waitpid(child).kind());
                maxPid = Math.max(maxPid, child.pid());
            }
            assertThrows(ThreadTerminated.class, () -> sys.exit(0));
            assertEquals(
                    ProcessEvent.Kind.EXITED, p.awaitEnd(10, TimeUnit.SECONDS).kind());
            assertNull(engine.process(p.pid()), "an ended process is dropped by the engine");
            if (i % CHECK_EVERY == 0) {
                final long[] now = settle(pool, base[0], MAX_NEW_BUFFERS);
                peakBuffers = Math.max(peakBuffers, now[0] - base[0]);
                peakBytes = Math.max(peakBytes, now[1] - base[1]);
                assertTrue(
                        now[0] - base[0] <= MAX_NEW_BUFFERS,
                        "direct buffers after " + i + " lifetimes: " + (now[0] - base[0]) + " more than at the start");
                assertTrue(
                        now[1] - base[1] <= MAX_NEW_BYTES,
                        "direct bytes after " + i + " lifetimes: " + (now[1] - base[1]) + " more than at the start");
                assertTrue(maxPid < MAX_PID, "pids must be reused: pid=" + maxPid);
            }
        }
        assertEquals(LIFETIMES, HANDLED.get());
        System.out.printf(
                "lifetimes=%d seconds=%.1f peakNewDirectBuffers=%d peakNewDirectBytes=%d maxPid=%d%n",
                LIFETIMES, (System.nanoTime() - start) / 1e9, peakBuffers, peakBytes, maxPid);
    }
}
