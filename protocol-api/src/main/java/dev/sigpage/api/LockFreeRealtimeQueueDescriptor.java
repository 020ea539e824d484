package dev.sigpage.api;

/**
 * Layout of a lock-free realtime queue region ({@code LockFreeRealtimeQueue} in {@code dev.sigpage.impl}): 32 bounded rings, one per realtime
 * signal, after the userspace-signals RFC's {@code qhead}/{@code qtail} ring, with a sequence word per entry so
 * that several senders and several claimers can share a ring without a lock.
 *
 * <pre>
 *  +------------------------------------------------------------+
 *  | ring of signal 33:                                         |   0
 *  |   tail (int64): positions ever taken by senders (CAS)      |   0
 *  |   (padding to the next cache line)                         |   8
 *  |   head (int64): positions ever taken by claimers (CAS)     |  64
 *  |   (padding to the next cache line)                         |  72
 *  |   depth x entry:                                           | 128
 *  |     sequence (int64) | value (int64) | sender (int64)      |
 *  |     | code (int32) | padding (int32)                       |
 *  +------------------------------------------------------------+
 *  | ring of signal 34 ... ring of signal 64                    |
 *  +------------------------------------------------------------+
 * </pre>
 *
 * <p>Position {@code p} lives in slot {@code p % depth}, lap {@code p / depth}. The slot's sequence word reads
 * {@code 2 * lap} while the slot is free for position {@code p} and {@code 2 * lap + 1} once its entry is
 * published, so a zeroed region is an empty queue.
 */
public final class LockFreeRealtimeQueueDescriptor {
    /** The senders' position counter in a ring. */
    public static final int RING_TAIL_OFFSET;
    /** The claimers' position counter in a ring. */
    public static final int RING_HEAD_OFFSET;
    /** Bytes before the first entry of a ring. */
    public static final int RING_HEADER_LENGTH;
    /** The sequence word of an entry. */
    public static final int ENTRY_SEQUENCE_OFFSET;
    /** The sigval of an entry. */
    public static final int ENTRY_VALUE_OFFSET;
    /** The sender of an entry: pid in the low half, real uid in the high half. */
    public static final int ENTRY_SENDER_OFFSET;
    /** The si_code of an entry. */
    public static final int ENTRY_CODE_OFFSET;
    /** Bytes per entry. */
    public static final int ENTRY_LENGTH;
    /** Rings in a region: one per realtime signal. */
    public static final int RING_COUNT = Signals.SIGRTMAX - Signals.SIGRTMIN + 1;
    /** Alignment of a region: a cache line. */
    public static final int ALIGNMENT = 64;
    /** The largest depth of a ring. */
    public static final int MAX_DEPTH = 1 << 16;

    static {
        int offset = 0;
        RING_TAIL_OFFSET = offset;
        offset += ALIGNMENT;
        RING_HEAD_OFFSET = offset;
        offset += ALIGNMENT;
        RING_HEADER_LENGTH = offset;

        offset = 0;
        ENTRY_SEQUENCE_OFFSET = offset;
        offset += Long.BYTES;
        ENTRY_VALUE_OFFSET = offset;
        offset += Long.BYTES;
        ENTRY_SENDER_OFFSET = offset;
        offset += Long.BYTES;
        ENTRY_CODE_OFFSET = offset;
        offset += 2 * Integer.BYTES;
        ENTRY_LENGTH = offset;

        if (RING_HEADER_LENGTH != 128 || ENTRY_LENGTH != 32 || RING_COUNT != 32) {
            throw new IllegalStateException("lock-free ring layout must be a 128-byte header and 32-byte entries:"
                    + " header=" + RING_HEADER_LENGTH + " entry=" + ENTRY_LENGTH);
        }
        if ((RING_TAIL_OFFSET & 7) != 0
                || (RING_HEAD_OFFSET & 7) != 0
                || (ENTRY_SEQUENCE_OFFSET & 7) != 0
                || (ENTRY_LENGTH & 7) != 0) {
            throw new IllegalStateException("atomic words must be 8-byte aligned: entry=" + ENTRY_LENGTH);
        }
    }

    private LockFreeRealtimeQueueDescriptor() {}

    /**
     * Checks a depth.
     *
     * @param depth entries per ring
     * @return the depth
     * @throws IllegalArgumentException outside 1..65536
     */
    public static int checkDepth(final int depth) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("realtime queue depth must be in 1..65536: depth=" + depth);
        }
        return depth;
    }

    /**
     * Size of one ring.
     *
     * @param depth entries per ring, 1..65536
     * @return header plus entries
     */
    public static int ringLength(final int depth) {
        return RING_HEADER_LENGTH + checkDepth(depth) * ENTRY_LENGTH;
    }

    /**
     * Offset of the ring of a realtime signal.
     *
     * @param sig   a realtime signal 33..64 (not checked)
     * @param depth entries per ring
     * @return the ring's offset in the region
     */
    public static int ringOffset(final int sig, final int depth) {
        return (sig - Signals.SIGRTMIN) * ringLength(depth);
    }

    /**
     * Size of a region.
     *
     * @param depth entries per ring, 1..65536
     * @return the bytes of 32 rings
     */
    public static int length(final int depth) {
        return RING_COUNT * ringLength(depth);
    }
}
