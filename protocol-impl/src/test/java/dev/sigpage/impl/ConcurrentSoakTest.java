package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several sender threads and several receiver threads run concurrently on one process: senders {@code kill},
 * {@code tgkill} and {@code sigqueue}; receivers change their masks at random, claim, and sometimes park. About a
 * million sends in total.
 *
 * <p>Accounting. A standard send either made its signal newly pending (its atomic OR found the bit clear) or
 * merged into an instance already pending (found it set); the kernel's internal send reports which. Pending bits
 * alternate between set and clear, so after the final drain, for each target word and signal, newly pending sends
 * must equal claims exactly; claims never exceed sends. A realtime send is one queued instance: every value must be
 * claimed exactly once (none lost, none duplicated), and each receiver sees one sender's values of one signal in
 * increasing order (the queue is FIFO and a sender enqueues in order). Each receiver also checks, on every
 * iteration, that its allow halves are exactly the mask it set: senders never write them (the single-writer
 * invariant that makes the one-getAndAdd mask change correct).
 */
class ConcurrentSoakTest {
    private static final int SENDERS = 3;
    private static final int RECEIVERS = 3;
    private static final int SENDS_PER_SENDER = 330_000;
    private static final int[] STANDARD = {
        Signals.SIGHUP, Signals.SIGUSR1, Signals.SIGUSR2, Signals.SIGALRM, Signals.SIGTERM, Signals.SIGIO
    };
    private static final int RT_SIGNALS = 8;

    /** The kernel's configuration; {@link LockFreeConcurrentSoakTest} runs the soak on the lock-free queue. */
    KernelConfig config() {
        return KernelConfig.defaults().withRealtimeQueueDepth(64);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void noRealtimeInstanceLostOrDuplicatedAndStandardSendsDeliveredOrMerged() throws Exception {
        final Kernel kernel = new Kernel(config());
        final ModelProcess target = kernel.spawn(1000, 1000);
        final ModelProcess senderProcess = kernel.spawn(0, 0);
        final ModelThread[] receivers = new ModelThread[RECEIVERS];
        receivers[0] = target.mainThread();
        for (int i = 1; i < RECEIVERS; i++) {
            receivers[i] = target.createThread(receivers[0]);
        }
        final ModelThread[] senderThreads = new ModelThread[SENDERS];
        senderThreads[0] = senderProcess.mainThread();
        for (int i = 1; i < SENDERS; i++) {
            senderThreads[i] = senderProcess.createThread(senderThreads[0]);
        }

        // [target word: 0 = process, 1 + r = receiver r][signal]
        final AtomicLong[][] newlyPending = counters(1 + RECEIVERS, 65);
        final AtomicLong[][] merged = counters(1 + RECEIVERS, 65);
        final AtomicLong[][] claimed = counters(1 + RECEIVERS, 65);
        final AtomicLong realtimeSent = new AtomicLong();
        final AtomicLong realtimeClaimed = new AtomicLong();
        final AtomicBoolean sendersDone = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CyclicBarrier start = new CyclicBarrier(SENDERS + RECEIVERS);
        final LongArrayList[] realtimeValues = new LongArrayList[RECEIVERS];
        final BitSet[] orderViolations = new BitSet[RECEIVERS];

        final List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            final int id = s;
            threads.add(new Thread(
                    () -> {
                        final SplittableRandom rnd = new SplittableRandom(17 + id);
                        final ModelThread me = senderThreads[id];
                        try {
                            start.await();
                            for (int seq = 0; seq < SENDS_PER_SENDER && failure.get() == null; seq++) {
                                final int kind = rnd.nextInt(100);
                                if (kind < 40) {
                                    final int sig = STANDARD[rnd.nextInt(STANDARD.length)];
                                    final long prev = kernel.sendToProcess(me, target.pid(), sig, SigInfo.SI_USER, 0);
                                    count(prev, Signals.bit(sig), newlyPending[0][sig], merged[0][sig]);
                                } else if (kind < 60) {
                                    final int r = rnd.nextInt(RECEIVERS);
                                    final int sig = STANDARD[rnd.nextInt(STANDARD.length)];
                                    final long prev = kernel.sendToThread(
                                            me, target.pid(), receivers[r].tid(), sig, SigInfo.SI_TKILL, 0);
                                    count(
                                            prev,
                                            ThreadControlDescriptor.pendingBit(sig),
                                            newlyPending[1 + r][sig],
                                            merged[1 + r][sig]);
                                } else {
                                    final int sig = Signals.SIGRTMIN + rnd.nextInt(RT_SIGNALS);
                                    final long value = ((long) id << 32) | seq;
                                    while (failure.get() == null) {
                                        try {
                                            kernel.sigqueue(me, target.pid(), sig, value);
                                            realtimeSent.incrementAndGet();
                                            break;
                                        } catch (final SignalException e) {
                                            assertEquals(Errno.EAGAIN, e.errno());
                                            Thread.yield();
                                        }
                                    }
                                }
                            }
                        } catch (final Throwable t) {
                            failure.compareAndSet(null, t);
                        }
                    },
                    "sender-" + s));
        }
        for (int r = 0; r < RECEIVERS; r++) {
            final int id = r;
            realtimeValues[r] = new LongArrayList();
            orderViolations[r] = new BitSet();
            threads.add(new Thread(
                    () -> {
                        final SplittableRandom rnd = new SplittableRandom(91 + id);
                        final ModelThread me = receivers[id];
                        final MutableSigInfo info = new MutableSigInfo();
                        final long[][] lastSeq = new long[SENDERS][65];
                        for (final long[] row : lastSeq) {
                            java.util.Arrays.fill(row, -1);
                        }
                        try {
                            start.await();
                            long iteration = 0;
                            long expectedMask = 0;
                            while (failure.get() == null) {
                                iteration++;
                                final boolean draining = sendersDone.get();
                                if (draining) {
                                    me.sigprocmask(MaskHow.SETMASK, 0L);
                                    expectedMask = 0;
                                } else if (iteration % 7 == 0) {
                                    final long bits = rnd.nextLong() & rnd.nextLong();
                                    final MaskHow how = MaskHow.values()[rnd.nextInt(3)];
                                    assertEquals(expectedMask, me.sigprocmask(how, bits), "old mask");
                                    expectedMask = (how == MaskHow.BLOCK
                                                    ? expectedMask | bits
                                                    : how == MaskHow.UNBLOCK ? expectedMask & ~bits : bits)
                                            & ~Signals.UNBLOCKABLE_BITS;
                                }
                                // Ownership: senders set pending bits only; the allow halves are exactly what this
                                // owner set.
                                assertEquals(expectedMask, me.maskBits(), "allow halves changed by another writer");
                                final int sig = me.claim(info);
                                if (sig == 0) {
                                    if (draining && nothingPending(target, receivers)) {
                                        return;
                                    }
                                    if (iteration % 64 == 0) {
                                        me.awaitDeliverable(null, TimeUnit.MILLISECONDS.toNanos(1));
                                    }
                                    continue;
                                }
                                if (Signals.isRealtime(sig)) {
                                    final int sender = (int) (info.value() >>> 32);
                                    final long seq = info.value() & 0xFFFF_FFFFL;
                                    if (seq <= lastSeq[sender][sig]) {
                                        orderViolations[id].set(sig);
                                    }
                                    lastSeq[sender][sig] = seq;
                                    realtimeValues[id].addLong(info.value());
                                    realtimeClaimed.incrementAndGet();
                                } else {
                                    final int word = info.code() == SigInfo.SI_TKILL ? 1 + id : 0;
                                    claimed[word][sig].incrementAndGet();
                                }
                            }
                        } catch (final Throwable t) {
                            failure.compareAndSet(null, t);
                        }
                    },
                    "receiver-" + r));
        }
        for (final Thread t : threads) {
            t.start();
        }
        for (int s = 0; s < SENDERS; s++) {
            threads.get(s).join();
        }
        sendersDone.set(true);
        for (final Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a soak thread failed", failure.get());
        }

        long sends = realtimeSent.get();
        for (int word = 0; word <= RECEIVERS; word++) {
            for (final int sig : STANDARD) {
                final long n = newlyPending[word][sig].get();
                final long m = merged[word][sig].get();
                final long c = claimed[word][sig].get();
                sends += n + m;
                assertEquals(n, c, "newly pending vs claimed, word " + word + " " + Signals.name(sig));
                assertTrue(c <= n + m, "claims exceed sends");
            }
        }
        assertEquals((long) SENDERS * SENDS_PER_SENDER, sends);
        final BitSet[] seen = new BitSet[SENDERS];
        for (int s = 0; s < SENDERS; s++) {
            seen[s] = new BitSet(SENDS_PER_SENDER);
        }
        long distinct = 0;
        for (int r = 0; r < RECEIVERS; r++) {
            assertTrue(
                    orderViolations[r].isEmpty(),
                    "receiver " + r + " saw values out of order for " + orderViolations[r]);
            final LongArrayList values = realtimeValues[r];
            for (int i = 0; i < values.size(); i++) {
                final long v = values.getLong(i);
                final int sender = (int) (v >>> 32);
                final int seq = (int) v;
                assertFalse(seen[sender].get(seq), "realtime instance delivered twice: " + Long.toHexString(v));
                seen[sender].set(seq);
                distinct++;
            }
        }
        assertEquals(realtimeSent.get(), distinct, "realtime instances lost");
        assertEquals(0L, target.pendingSet().bits());
        for (final ModelThread r : receivers) {
            assertEquals(0L, r.threadPendingSet().bits());
        }
    }

    private static void count(final long prev, final long bit, final AtomicLong newly, final AtomicLong merged) {
        if ((prev & bit) == 0) {
            newly.incrementAndGet();
        } else {
            merged.incrementAndGet();
        }
    }

    /** After the senders finished, nothing can become pending again: the drain ends when every word is clear. */
    private static boolean nothingPending(final ModelProcess target, final ModelThread[] receivers) {
        if (target.pendingSet().bits() != 0) {
            return false;
        }
        for (final ModelThread r : receivers) {
            if (r.threadPendingSet().bits() != 0) {
                return false;
            }
        }
        return true;
    }

    private static AtomicLong[][] counters(final int rows, final int columns) {
        final AtomicLong[][] c = new AtomicLong[rows][columns];
        for (final AtomicLong[] row : c) {
            for (int i = 0; i < columns; i++) {
                row[i] = new AtomicLong();
            }
        }
        return c;
    }
}
