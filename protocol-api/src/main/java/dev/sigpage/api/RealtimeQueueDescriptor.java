package dev.sigpage.api;

/**
 * Layout of a kernel-side signal queue region: one per process (process-directed signals) and one per thread
 * (thread-directed signals). It is not part of Redox's pages: Redox keeps its realtime queue inside the kernel
 * (the RFC's {@code qhead}/{@code qtail} ring was never added to {@code SigProcControl}). sigpage keeps it
 * off-heap beside the pages so that the whole signal state can be dumped as bytes.
 *
 * <pre>
 *  +------------------------------------------------------------+
 *  | queue lock: 0 free, 1 held                                 |   0
 *  +------------------------------------------------------------+
 *  | (padding)                                                  |   8
 *  +------------------------------------------------------------+
 *  | standard info, signals 1-32: 32 x 16 bytes                 |  16
 *  |   code (int32) | owner (int32) | value (int64)             |
 *  +------------------------------------------------------------+
 *  | ring of signal 33: head (int64), tail (int64),             | 528
 *  |   depth x entry: value (int64) | sender (pid | ruid)       |
 *  |                  | code (int32) | padding (int32)          |
 *  +------------------------------------------------------------+
 *  | ring of signal 34 ... ring of signal 64                    |
 *  +------------------------------------------------------------+
 * </pre>
 *
 * <p>A standard info slot's {@code owner} word is 0 while the slot is free and 1 from the moment a sender takes it
 * (to write the info of a send that will make the signal pending) until the claim or discard that clears the
 * pending bit has finished with the info; a slot is never rewritten while it is owned.
 *
 * <p>{@code head} and {@code tail} count entries ever dequeued and enqueued; the ring holds {@code tail - head}
 * entries, entry {@code i} at slot {@code i % depth}. Every access to a ring happens with the queue lock held.
 */
public final class RealtimeQueueDescriptor {
    /** The queue lock word. */
    public static final int LOCK_OFFSET;
    /** Standard info slots (code and value of the last send of each standard signal). */
    public static final int STANDARD_INFO_OFFSET;
    /** Size of one standard info slot. */
    public static final int STANDARD_INFO_LENGTH;
    /** Offset of the code within a standard info slot. */
    public static final int STANDARD_CODE_OFFSET = 0;
    /** Offset of the owner word (int32: 0 free, 1 owned) within a standard info slot. */
    public static final int STANDARD_OWNER_OFFSET = 4;
    /** Offset of the value within a standard info slot. */
    public static final int STANDARD_VALUE_OFFSET = 8;
    /** First ring. */
    public static final int RINGS_OFFSET;
    /** Ring header: the dequeue counter. */
    public static final int RING_HEAD_OFFSET = 0;
    /** Ring header: the enqueue counter. */
    public static final int RING_TAIL_OFFSET = 8;
    /** Size of a ring header. */
    public static final int RING_HEADER_LENGTH = 16;
    /** Entry: the sigqueue value. */
    public static final int ENTRY_VALUE_OFFSET = 0;
    /** Entry: the packed sender pid and real uid. */
    public static final int ENTRY_SENDER_OFFSET = 8;
    /** Entry: the si_code. */
    public static final int ENTRY_CODE_OFFSET = 16;
    /** Size of an entry. */
    public static final int ENTRY_LENGTH = 24;
    /** Number of rings: one per realtime signal 33..64. */
    public static final int RING_COUNT = 32;
    /** Required alignment of the region. */
    public static final int ALIGNMENT = 64;

    static {
        int offset = 0;
        LOCK_OFFSET = offset;
        offset += 2 * Long.BYTES;
        STANDARD_INFO_LENGTH = 16;
        STANDARD_INFO_OFFSET = offset;
        offset += 32 * STANDARD_INFO_LENGTH;
        RINGS_OFFSET = offset;
        if (RINGS_OFFSET != 528 || (ENTRY_LENGTH & 7) != 0) {
            throw new IllegalStateException("queue region rings must start at 528: rings=" + RINGS_OFFSET);
        }
    }

    private RealtimeQueueDescriptor() {}

    /**
     * Size of one ring.
     *
     * @param depth entries per ring
     * @return header plus entries
     */
    public static int ringLength(final int depth) {
        return RING_HEADER_LENGTH + depth * ENTRY_LENGTH;
    }

    /**
     * Offset of the ring of a realtime signal.
     *
     * @param sig   a realtime signal 33..64 (not checked)
     * @param depth entries per ring
     * @return the ring's header offset
     */
    public static int ringOffset(final int sig, final int depth) {
        return RINGS_OFFSET + (sig - Signals.SIGRTMIN) * ringLength(depth);
    }

    /**
     * Offset of the standard info slot of a standard signal.
     *
     * @param sig a signal 1..31 (not checked)
     * @return the slot offset
     */
    public static int standardInfoOffset(final int sig) {
        return STANDARD_INFO_OFFSET + (sig - 1) * STANDARD_INFO_LENGTH;
    }

    /**
     * Total length of a region.
     *
     * @param depth entries per ring, at least 1
     * @return the length, a multiple of {@link #ALIGNMENT}
     * @throws IllegalArgumentException if the depth is below 1 or too large
     */
    public static int length(final int depth) {
        if (depth < 1 || depth > 1 << 16) {
            throw new IllegalArgumentException("realtime queue depth must be in 1..65536: depth=" + depth);
        }
        final int raw = RINGS_OFFSET + RING_COUNT * ringLength(depth);
        return (raw + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
