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

/**
 * An engine that runs for hours: 100,000 process lifetimes (spawn, a handled signal, exit, reap), one in a hundred
 * with a forked child that its parent reaps through {@code waitpid}. Memory stays flat: the JVM's direct buffer
 * pool (every page and region is a direct buffer) and the pids in use stay bounded. Checked every 10,000
 * lifetimes, so a leak fails at the first check, long before the pool runs out.
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

    /** Collects until the pool is within the bound (cleaners run after a collection), a bounded number of times. */
    private static long[] settle(final BufferPoolMXBean pool, final long[] base) throws InterruptedException {
        long count = 0;
        long used = 0;
        for (int i = 0; i < 50; i++) {
            System.gc();
            Thread.sleep(10);
            count = pool.getCount();
            used = pool.getMemoryUsed();
            if (base == null || count - base[0] <= MAX_NEW_BUFFERS && used - base[1] <= MAX_NEW_BYTES) {
                break;
            }
        }
        return new long[] {count, used};
    }

    @Test
    void memoryAndTablesStayFlatOverAHundredThousandLifetimes() throws Exception {
        final Engine engine = new Engine();
        final BufferPoolMXBean pool = directPool();
        final long[] base = settle(pool, null);
        long maxPid = 0;
        long peakBuffers = 0;
        long peakBytes = 0;
        HANDLED.set(0);
        for (int i = 1; i <= LIFETIMES; i++) {
            final EngineProcess p = engine.spawn(1000, 1000);
            maxPid = Math.max(maxPid, p.pid());
            final Sys sys = p.attach();
            sys.sigaction(SIGUSR1, COUNT, SignalSet.empty(), 0);
            sys.raise(SIGUSR1);
            if (i % 100 == 0) {
                final EngineProcess child = sys.fork(s -> s.exit(3));
                assertEquals(ProcessEvent.Kind.EXITED, sys.waitpid(child).kind());
                maxPid = Math.max(maxPid, child.pid());
            }
            assertThrows(ThreadTerminated.class, () -> sys.exit(0));
            assertEquals(ProcessEvent.Kind.EXITED, p.awaitEnd(10, TimeUnit.SECONDS).kind());
            assertNull(engine.process(p.pid()), "an ended process is dropped by the engine");
            if (i % CHECK_EVERY == 0) {
                final long[] now = settle(pool, base);
                peakBuffers = Math.max(peakBuffers, now[0] - base[0]);
                peakBytes = Math.max(peakBytes, now[1] - base[1]);
                assertTrue(now[0] - base[0] <= MAX_NEW_BUFFERS, "direct buffers after " + i + " lifetimes: "
                    + (now[0] - base[0]) + " more than at the start");
                assertTrue(now[1] - base[1] <= MAX_NEW_BYTES, "direct bytes after " + i + " lifetimes: "
                    + (now[1] - base[1]) + " more than at the start");
                assertTrue(maxPid < MAX_PID, "pids must be reused: pid=" + maxPid);
            }
        }
        assertEquals(LIFETIMES, HANDLED.get());
        System.out.printf("lifetimes=%d peakNewDirectBuffers=%d peakNewDirectBytes=%d maxPid=%d%n", LIFETIMES,
            peakBuffers, peakBytes, maxPid);
    }
}
