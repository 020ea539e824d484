package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.RealtimeQueueDescriptor;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;

/**
 * The realtime queue region at its edges: depth 1, a ring that wraps, the first and last realtime signals (33 and
 * 64) and the signals just outside the group (31, 32, 65). A refused offer or poll leaves every byte as it was.
 */
class RealtimeQueueEdgeTest {
    private final MutableSigInfo out = new MutableSigInfo();

    private static RealtimeQueue queue(final int depth) {
        final AtomicBuffer region =
                Regions.allocate(RealtimeQueueDescriptor.length(depth), RealtimeQueueDescriptor.ALIGNMENT);
        return RealtimeQueue.wrap(region, 0, depth);
    }

    @Test
    void depthOneHoldsOneInstanceAndRefusesTheSecondWithoutAWrite() {
        final RealtimeQueue q = queue(1);
        assertTrue(q.offer(33, SigInfo.SI_QUEUE, 7, 1000, 0x1234_5678_9ABC_DEF0L));
        final byte[] full = Pages.bytes(q.buffer());
        assertFalse(q.offer(33, SigInfo.SI_QUEUE, 8, 1001, 2L));
        assertArrayEquals(full, Pages.bytes(q.buffer()), "a refused offer wrote");
        assertEquals(1, q.count(33));

        assertEquals(0, q.poll(33, out), "nothing left after the one instance");
        assertEquals(33, out.signo());
        assertEquals(SigInfo.SI_QUEUE, out.code());
        assertEquals(7, out.senderPid());
        assertEquals(1000, out.senderUid());
        assertEquals(0x1234_5678_9ABC_DEF0L, out.value());
        assertEquals(0, q.count(33));

        final byte[] empty = Pages.bytes(q.buffer());
        assertEquals(-1, q.poll(33, out), "an empty ring");
        assertArrayEquals(empty, Pages.bytes(q.buffer()), "a poll of an empty ring wrote");
        assertTrue(q.offer(33, SigInfo.SI_USER, 9, 0, 3L), "the slot is free again");
    }

    @Test
    void aWrappingRingKeepsSendOrderAndCountsWhatIsLeft() {
        final RealtimeQueue q = queue(2);
        assertTrue(q.offer(40, SigInfo.SI_QUEUE, 1, 1, 10L));
        assertTrue(q.offer(40, SigInfo.SI_QUEUE, 2, 2, 20L));
        assertFalse(q.offer(40, SigInfo.SI_QUEUE, 3, 3, 30L));
        assertEquals(1, q.poll(40, out));
        assertEquals(10L, out.value());
        assertTrue(q.offer(40, SigInfo.SI_QUEUE, 4, 4, 40L), "the third entry wraps to the first slot");
        assertEquals(2, q.count(40));
        assertEquals(1, q.poll(40, out));
        assertEquals(20L, out.value());
        assertEquals(2, out.senderPid());
        assertEquals(0, q.poll(40, out));
        assertEquals(40L, out.value());
        assertEquals(4, out.senderPid());
        assertEquals(-1, q.poll(40, out));
    }

    @Test
    void firstAndLastRealtimeSignalsHaveRingsOfTheirOwn() {
        final RealtimeQueue q = queue(1);
        assertTrue(q.offer(33, SigInfo.SI_QUEUE, 1, 1, 33L));
        assertTrue(q.offer(64, SigInfo.SI_QUEUE, 2, 2, 64L));
        assertEquals(1, q.count(33));
        assertEquals(1, q.count(64));
        assertEquals(0, q.count(34));
        assertEquals(0, q.count(63));
        assertEquals(0, q.poll(64, out));
        assertEquals(64, out.signo());
        assertEquals(64L, out.value());
        assertEquals(1, q.count(33));
    }

    @Test
    void signalsOutsideTheRealtimeGroupAreRefusedByValueWithoutAWrite() {
        final RealtimeQueue q = queue(1);
        final byte[] before = Pages.bytes(q.buffer());
        final IllegalArgumentException standard =
                assertThrows(IllegalArgumentException.class, () -> q.offer(31, SigInfo.SI_QUEUE, 1, 1, 1L));
        assertEquals("queues exist for realtime signals 33..64: signal=31", standard.getMessage());
        assertEquals(
                "queues exist for realtime signals 33..64: signal=31",
                assertThrows(IllegalArgumentException.class, () -> q.poll(31, out))
                        .getMessage());
        assertEquals(
                "queues exist for realtime signals 33..64: signal=31",
                assertThrows(IllegalArgumentException.class, () -> q.count(31)).getMessage());
        for (final int sig : new int[] {0, 32, 65}) {
            final SignalException e =
                    assertThrows(SignalException.class, () -> q.offer(sig, SigInfo.SI_QUEUE, 1, 1, 1L));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals(sig, e.value());
        }
        assertArrayEquals(before, Pages.bytes(q.buffer()));
    }
}
