package dev.sigpage.api;

/**
 * Layout of a thread control region (Redox's {@code Sigcontrol}), 296 bytes, 16-byte aligned, little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |            word 0: signals 1-32 (pending | allow)             |  0
 *  +---------------------------------------------------------------+
 *  |            word 1: signals 33-64 (pending | allow)            |  8
 *  +---------------------------------------------------------------+
 *  |       sender info, signals 1-32: 32 x (pid lo | ruid hi)      | 16 .. 271
 *  |                              ...                              |
 *  +---------------------------------------------------------------+
 *  |               control flags (bit 0: inhibit delivery)         | 272
 *  +---------------------------------------------------------------+
 *  |               saved instruction pointer (rip / pc)            | 280
 *  +---------------------------------------------------------------+
 *  |       saved arch-dependent register (rflags / x0 / t0)        | 288
 *  +---------------------------------------------------------------+
 *                                                                    296
 * </pre>
 *
 * <p>Each signal word, signal {@code n} in word {@code (n-1)/32} at bit {@code (n-1)%32}:
 *
 * <pre>
 *   63                              32 31                               0
 *  +----------------------------------+----------------------------------+
 *  |   allow: 1 = unmasked (owner)    |  pending: 1 = raised (senders)   |
 *  +----------------------------------+----------------------------------+
 *   deliverable = pending &amp; allow, per bit, after OR-ing the process pending set into the low half
 * </pre>
 *
 * <p>Only the owning thread writes the allow half (so it may change it with one {@code getAndAdd}); senders set
 * pending bits; pending bits are cleared by the owner at claim and by {@code sigaction(SIG_IGN)}.
 */
public final class ThreadControlDescriptor {
    /** Size of one signal word. */
    public static final int WORD_LENGTH;
    /** Word 0: pending (bits 0-31) and allow (bits 32-63) for signals 1-32. */
    public static final int WORD_0_OFFSET;
    /** Word 1: pending and allow for signals 33-64. */
    public static final int WORD_1_OFFSET;
    /** Size of one sender-info slot: sender pid in bits 0-31, sender real uid in bits 32-63. */
    public static final int SENDER_INFO_SLOT_LENGTH;
    /** Number of sender-info slots: one per standard signal number 1-32. */
    public static final int SENDER_INFO_SLOTS;
    /** Sender info for signals 1-32; slot of signal {@code n} at {@code SENDER_INFO_OFFSET + 8 * (n-1)}. */
    public static final int SENDER_INFO_OFFSET;
    /** Control flags. */
    public static final int CONTROL_FLAGS_OFFSET;
    /** Saved instruction pointer. */
    public static final int SAVED_IP_OFFSET;
    /** Saved arch-dependent register: rflags (x86-64), x0 (AArch64), t0 (RISC-V). */
    public static final int SAVED_ARCH_REGISTER_OFFSET;
    /** Total length of the region. */
    public static final int LENGTH;
    /** Required alignment of the region's start address. */
    public static final int ALIGNMENT = 16;
    /** Control flag bit 0: the kernel must not divert the thread to the signal trampoline. */
    public static final long INHIBIT_DELIVERY_FLAG = 1L;
    /** Mask of the pending half of a word. */
    public static final long PENDING_MASK = 0xFFFF_FFFFL;
    /** Mask of the allow half of a word. */
    public static final long ALLOW_MASK = 0xFFFF_FFFF_0000_0000L;
    /** Shift of the allow half. */
    public static final int ALLOW_SHIFT = 32;

    static {
        int offset = 0;
        WORD_LENGTH = Long.BYTES;
        WORD_0_OFFSET = offset;
        offset += WORD_LENGTH;
        WORD_1_OFFSET = offset;
        offset += WORD_LENGTH;
        SENDER_INFO_SLOT_LENGTH = Long.BYTES;
        SENDER_INFO_SLOTS = 32;
        SENDER_INFO_OFFSET = offset;
        offset += SENDER_INFO_SLOTS * SENDER_INFO_SLOT_LENGTH;
        CONTROL_FLAGS_OFFSET = offset;
        offset += Long.BYTES;
        SAVED_IP_OFFSET = offset;
        offset += Long.BYTES;
        SAVED_ARCH_REGISTER_OFFSET = offset;
        offset += Long.BYTES;
        LENGTH = offset;

        if (LENGTH != 296) {
            throw new IllegalStateException("thread control region must be 296 bytes: length=" + LENGTH);
        }
        checkAtomic(WORD_0_OFFSET, "word0");
        checkAtomic(WORD_1_OFFSET, "word1");
        checkAtomic(SENDER_INFO_OFFSET, "senderInfo");
        checkAtomic(CONTROL_FLAGS_OFFSET, "controlFlags");
    }

    private ThreadControlDescriptor() {}

    private static void checkAtomic(final int offset, final String name) {
        if ((offset & (Long.BYTES - 1)) != 0) {
            throw new IllegalStateException("atomic field must be 8-byte aligned: " + name + "=" + offset);
        }
    }

    /**
     * Offset of the word holding a signal.
     *
     * @param sig a signal number 1..64 (not checked)
     * @return {@link #WORD_0_OFFSET} for 1-32, {@link #WORD_1_OFFSET} for 33-64
     */
    public static int wordOffset(final int sig) {
        return WORD_0_OFFSET + ((sig - 1) >>> 5) * WORD_LENGTH;
    }

    /**
     * The pending bit of a signal within its word.
     *
     * @param sig a signal number 1..64 (not checked)
     * @return {@code 1L << ((sig-1) % 32)}
     */
    public static long pendingBit(final int sig) {
        return 1L << ((sig - 1) & 31);
    }

    /**
     * The allow bit of a signal within its word.
     *
     * @param sig a signal number 1..64 (not checked)
     * @return {@code 1L << (32 + (sig-1) % 32)}
     */
    public static long allowBit(final int sig) {
        return 1L << (ALLOW_SHIFT + ((sig - 1) & 31));
    }

    /**
     * Offset of the sender-info slot of a standard signal.
     *
     * @param sig a signal number 1..32 (not checked)
     * @return {@code SENDER_INFO_OFFSET + 8 * (sig-1)}
     */
    public static int senderInfoOffset(final int sig) {
        return SENDER_INFO_OFFSET + (sig - 1) * SENDER_INFO_SLOT_LENGTH;
    }

    /**
     * Packs sender pid and real uid as the page stores them (mask before packing).
     *
     * @param pid sender pid, bits 0-31
     * @param uid sender real uid, bits 32-63
     * @return the packed value
     */
    public static long packSenderInfo(final int pid, final int uid) {
        return ((long) uid << 32) | (pid & 0xFFFF_FFFFL);
    }
}
