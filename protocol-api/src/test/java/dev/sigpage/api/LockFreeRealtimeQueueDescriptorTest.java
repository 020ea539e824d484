package dev.sigpage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The lock-free ring's layout, as literals from the diagram in the descriptor's javadoc: a ring is a 128-byte header
 * (tail at 0, head on the next cache line at 64) and 32-byte entries (sequence 0, value 8, sender 16, code 24), 32
 * rings back to back, depth 1 to 65536.
 */
class LockFreeRealtimeQueueDescriptorTest {

    @Test
    void offsetsAreTheDiagramsOffsets() {
        assertEquals(0, LockFreeRealtimeQueueDescriptor.RING_TAIL_OFFSET);
        assertEquals(64, LockFreeRealtimeQueueDescriptor.RING_HEAD_OFFSET);
        assertEquals(128, LockFreeRealtimeQueueDescriptor.RING_HEADER_LENGTH);
        assertEquals(0, LockFreeRealtimeQueueDescriptor.ENTRY_SEQUENCE_OFFSET);
        assertEquals(8, LockFreeRealtimeQueueDescriptor.ENTRY_VALUE_OFFSET);
        assertEquals(16, LockFreeRealtimeQueueDescriptor.ENTRY_SENDER_OFFSET);
        assertEquals(24, LockFreeRealtimeQueueDescriptor.ENTRY_CODE_OFFSET);
        assertEquals(32, LockFreeRealtimeQueueDescriptor.ENTRY_LENGTH);
        assertEquals(32, LockFreeRealtimeQueueDescriptor.RING_COUNT);
        assertEquals(64, LockFreeRealtimeQueueDescriptor.ALIGNMENT);
        assertEquals(65536, LockFreeRealtimeQueueDescriptor.MAX_DEPTH);
    }

    @Test
    void depthIsOneTo65536() {
        assertEquals(1, LockFreeRealtimeQueueDescriptor.checkDepth(1));
        assertEquals(65536, LockFreeRealtimeQueueDescriptor.checkDepth(65536));
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> LockFreeRealtimeQueueDescriptor.checkDepth(0));
        assertTrue(zero.getMessage().contains("depth=0"), zero.getMessage());
        IllegalArgumentException above =
                assertThrows(IllegalArgumentException.class, () -> LockFreeRealtimeQueueDescriptor.checkDepth(65537));
        assertTrue(above.getMessage().contains("depth=65537"), above.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LockFreeRealtimeQueueDescriptor.ringLength(0));
        assertThrows(IllegalArgumentException.class, () -> LockFreeRealtimeQueueDescriptor.length(65537));
    }

    @Test
    void ringsAreHeaderPlusEntriesBackToBack() {
        assertEquals(128 + 32, LockFreeRealtimeQueueDescriptor.ringLength(1));
        assertEquals(128 + 4 * 32, LockFreeRealtimeQueueDescriptor.ringLength(4));
        assertEquals(128 + 65536 * 32, LockFreeRealtimeQueueDescriptor.ringLength(65536));
        assertEquals(0, LockFreeRealtimeQueueDescriptor.ringOffset(33, 4));
        assertEquals(256, LockFreeRealtimeQueueDescriptor.ringOffset(34, 4));
        assertEquals(31 * (128 + 2 * 32), LockFreeRealtimeQueueDescriptor.ringOffset(64, 2));
        assertEquals(32 * (128 + 32), LockFreeRealtimeQueueDescriptor.length(1));
        assertEquals(32 * (128 + 8 * 32), LockFreeRealtimeQueueDescriptor.length(8));
    }
}
