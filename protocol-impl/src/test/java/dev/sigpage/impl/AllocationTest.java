package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.Signals;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The hot paths (mask change, send, claim) allocate nothing: measured with HotSpot's per-thread allocation
 * counter around many iterations after a warm-up.
 */
class AllocationTest {
    /** The kernel's configuration; {@link LockFreeAllocationTest} runs the same rounds on the lock-free queue. */
    KernelConfig config() {
        return KernelConfig.defaults();
    }

    @Test
    void maskSendAndClaimAllocateNothing() {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter available");
        final com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        final long id = Thread.currentThread().getId();

        final Kernel kernel = new Kernel(config());
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread t = p.mainThread();
        final ModelThread sender = kernel.spawn(1000, 1000).mainThread();
        final MutableSigInfo info = new MutableSigInfo();
        long sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += round(kernel, p, t, sender, info);
        }
        final long before = hotspot.getThreadAllocatedBytes(id);
        final long calibration = hotspot.getThreadAllocatedBytes(id) - before;
        final long start = hotspot.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10_000; i++) {
            sink += round(kernel, p, t, sender, info);
        }
        final long allocated = hotspot.getThreadAllocatedBytes(id) - start - calibration;
        // Any allocation on these paths costs at least 16 bytes per round (160,000 in total); a one-off
        // allocation of the JVM itself (a deoptimization, a lazily initialized constant) stays far below.
        assertTrue(allocated < 10_000, "bytes allocated by 10,000 rounds: " + allocated + " (sink " + sink + ")");
    }

    private static long round(
            final Kernel kernel,
            final ModelProcess p,
            final ModelThread t,
            final ModelThread sender,
            final MutableSigInfo info) {
        long r = t.sigprocmask(MaskHow.BLOCK, 1L << (Signals.SIGUSR1 - 1));
        kernel.kill(sender, p.pid(), Signals.SIGUSR1);
        kernel.tgkill(sender, p.pid(), t.tid(), Signals.SIGUSR2);
        kernel.sigqueue(sender, p.pid(), Signals.SIGRTMIN, 5);
        r += t.sigprocmask(MaskHow.UNBLOCK, 1L << (Signals.SIGUSR1 - 1));
        r += t.claim(info);
        r += t.claim(info);
        r += t.claim(info);
        return r + t.claim(info);
    }
}
