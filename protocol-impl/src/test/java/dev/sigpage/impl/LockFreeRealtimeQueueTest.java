package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The lock-free realtime queue on real direct buffers: order per sender with every field, laps, a full ring
 * refused with the region unchanged, bad input refused with the region unchanged, and concurrent senders and
 * claimers losing and duplicating nothing (ordering under races is proven in jcstress, this only counts).
 */
class LockFreeRealtimeQueueTest {
    private static final int RTMIN = Signals.SIGRTMIN;
    private static final int SI_QUEUE = -1;

    private static byte[] bytes(final LockFreeRealtimeQueue q) {
        final byte[] copy = new byte[q.buffer().capacity()];
        q.buffer().getBytes(0, copy);
        return copy;
    }

    @Test
    void entriesComeOutInOrderWithTheirFields() {
        final LockFreeRealtimeQueue q = LockFreeRealtimeQueue.allocate(4);
        assertTrue(q.offer(RTMIN, SI_QUEUE, 101, 1000, 7L));
        assertTrue(q.offer(RTMIN, SI_QUEUE, 102, -2, -8L));
        assertTrue(q.offer(RTMIN + 1, 0, 103, 0, 9L));
        assertEquals(2, q.count(RTMIN));
        assertEquals(1, q.count(RTMIN + 1));

        final MutableSigInfo out = new MutableSigInfo();
        assertEquals(1, q.poll(RTMIN, out));
        assertEquals(RTMIN, out.signo());
        assertEquals(SI_QUEUE, out.code());
        assertEquals(101, out.senderPid());
        assertEquals(1000, out.senderUid());
        assertEquals(7L, out.value());
        assertEquals(0, q.poll(RTMIN, out));
        assertEquals(102, out.senderPid());
        assertEquals(-2, out.senderUid());
        assertEquals(-8L, out.value());
        assertEquals(-1, q.poll(RTMIN, out));
        assertEquals(102, out.senderPid(), "an empty poll leaves out untouched");
        assertEquals(0, q.poll(RTMIN + 1, out));
        assertEquals(RTMIN + 1, out.signo());
        assertEquals(9L, out.value());
        assertFalse(q.hasEntries(RTMIN + 1));
    }

    @Test
    void slotsAreReusedLapAfterLap() {
        final LockFreeRealtimeQueue q = LockFreeRealtimeQueue.allocate(3);
        final MutableSigInfo out = new MutableSigInfo();
        long next = 0;
        for (int round = 0; round < 20; round++) {
            final int n = 1 + round % 3;
            for (int i = 0; i < n; i++) {
                assertTrue(q.offer(Signals.SIGRTMAX, 0, 1, 1, next + i), "round " + round);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(n - 1 - i, q.poll(Signals.SIGRTMAX, out));
                assertEquals(next + i, out.value());
            }
            next += n;
            assertEquals(-1, q.poll(Signals.SIGRTMAX, out));
        }
    }

    @Test
    void aFullRingRefusesWithEagainAndLeavesTheRegionAsItWas() {
        final LockFreeRealtimeQueue q = LockFreeRealtimeQueue.allocate(2);
        final MutableSigInfo out = new MutableSigInfo();
        assertTrue(q.offer(RTMIN, 0, 1, 1, 1L));
        assertTrue(q.offer(RTMIN, 0, 1, 1, 2L));
        assertEquals(1, q.poll(RTMIN, out));
        assertTrue(q.offer(RTMIN, 0, 1, 1, 3L));
        final byte[] before = bytes(q);

        assertFalse(q.offer(RTMIN, 0, 1, 1, 4L));
        assertArrayEquals(before, bytes(q));
        final SignalException e = assertThrows(SignalException.class, () -> q.enqueue(RTMIN, 0, 1, 1, 5L));
        assertEquals(Errno.EAGAIN, e.errno());
        assertEquals("EAGAIN: realtime queue of depth 2 is full: signal=33", e.getMessage());
        assertArrayEquals(before, bytes(q));

        assertEquals(1, q.poll(RTMIN, out));
        assertEquals(2L, out.value());
        assertEquals(0, q.poll(RTMIN, out));
        assertEquals(3L, out.value());
    }

    @Test
    void badInputIsRefusedAndLeavesTheRegionAsItWas() {
        final LockFreeRealtimeQueue q = LockFreeRealtimeQueue.allocate(2);
        assertTrue(q.offer(RTMIN, 0, 1, 1, 1L));
        final byte[] before = bytes(q);
        final MutableSigInfo out = new MutableSigInfo();

        final IllegalArgumentException standard =
                assertThrows(IllegalArgumentException.class, () -> q.offer(Signals.SIGUSR1, 0, 1, 1, 2L));
        assertEquals("queues exist for realtime signals 33..64: signal=10", standard.getMessage());
        final SignalException invalid = assertThrows(SignalException.class, () -> q.poll(65, out));
        assertEquals(Errno.EINVAL, invalid.errno());
        assertTrue(invalid.getMessage().endsWith("signal=65"), invalid.getMessage());
        assertThrows(NullPointerException.class, () -> q.poll(RTMIN, null));
        assertArrayEquals(before, bytes(q));

        final IllegalArgumentException depth =
                assertThrows(IllegalArgumentException.class, () -> LockFreeRealtimeQueue.allocate(0));
        assertEquals("realtime queue depth must be in 1..65536: depth=0", depth.getMessage());
    }

    @Test
    void concurrentSendersAndClaimersLoseAndDuplicateNothing() throws InterruptedException {
        final int senders = 3;
        final int claimers = 2;
        final int perSender = 5_000;
        final LockFreeRealtimeQueue q = LockFreeRealtimeQueue.allocate(8);
        final int[][] seen = new int[senders][perSender];
        final AtomicReference<String> failure = new AtomicReference<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            final int sender = s;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perSender && !stop.get(); ) {
                    if (q.offer(RTMIN, 0, sender, 0, i)) {
                        i++;
                    } else {
                        // a full ring waits for a claimer, which may need this CPU: give it up.
                        Thread.yield();
                    }
                }
            }));
        }
        final AtomicInteger taken = new AtomicInteger();
        for (int c = 0; c < claimers; c++) {
            threads.add(new Thread(() -> {
                final MutableSigInfo out = new MutableSigInfo();
                final long[] last = {-1, -1, -1};
                while (taken.get() < senders * perSender && !stop.get()) {
                    if (q.poll(RTMIN, out) < 0) {
                        // an empty ring, or an entry whose sender was preempted mid-publication: let it run.
                        Thread.yield();
                        continue;
                    }
                    taken.incrementAndGet();
                    final int sender = out.senderPid();
                    final int value = (int) out.value();
                    synchronized (seen) {
                        seen[sender][value]++;
                    }
                    if (value <= last[sender]) {
                        failure.compareAndSet(
                                null,
                                "sender " + sender + " reordered for one claimer: " + value + " after " + last[sender]);
                    }
                    last[sender] = value;
                }
            }));
        }
        // daemons: should an entry be lost, the claimers spin on, the default test timeout fails the join, and the
        // JVM can still end.
        threads.forEach(t -> t.setDaemon(true));
        threads.forEach(Thread::start);
        try {
            for (final Thread t : threads) {
                t.join();
            }
        } finally {
            stop.set(true);
        }
        assertEquals(null, failure.get());
        assertEquals(senders * perSender, taken.get(), "entries claimed");
        for (int s = 0; s < senders; s++) {
            for (int i = 0; i < perSender; i++) {
                assertEquals(1, seen[s][i], "sender " + s + " entry " + i + " claimed this many times");
            }
        }
        assertEquals(0, q.count(RTMIN));
    }
}
