package dev.sigpage.api;

/**
 * Layout of a process control page (Redox's {@code SigProcControl}), 4096 bytes, page aligned, little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |        process pending set, signal n at bit n-1               |    0
 *  +---------------------------------------------------------------+
 *  |        (padding: actions are 16-byte aligned)                 |    8
 *  +---------------------------------------------------------------+
 *  |   action of signal 1: first (handler | flags 57-63)           |   16
 *  |                       user_data (sa_mask)                     |   24
 *  |   ... 64 actions of 16 bytes, signal n at 16 + 16 (n-1) ...   |
 *  +---------------------------------------------------------------+
 *  |   sender info, signals 1-32: 32 x (pid lo | ruid hi)          | 1040 .. 1295
 *  +---------------------------------------------------------------+
 *  |   unused                                                      | 1296 .. 4095
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>An action's {@code first} word (flag bits as Redox's {@code redox-rt} stores them, its
 * {@code SigactionFlags} shifted into the high half):
 *
 * <pre>
 *   63  62  61  60  59  58  57  56                                   0
 *  +---+---+---+---+---+---+---+--------------------------------------+
 *  |IGN|SPC|RSH|NDF|RST|ONS|SIN|  handler: 0 = SIG_DFL, 1 = SIG_IGN,  |
 *  |   |   |   |   |   |   |   |  else the handler address            |
 *  +---+---+---+---+---+---+---+--------------------------------------+
 *   IGN ignored (SIG_IGN, or SIG_DFL of SIGCHLD/SIGURG/SIGWINCH)
 *   SPC signal-specific: stop by default for SIGTSTP/SIGTTIN/SIGTTOU, SA_NOCLDSTOP for SIGCHLD
 *   RSH SA_RESETHAND   NDF SA_NODEFER   RST SA_RESTART   ONS SA_ONSTACK   SIN SA_SIGINFO
 * </pre>
 */
public final class ProcessControlDescriptor {
    /** The process pending set: signal {@code n} at bit {@code n-1}. */
    public static final int PENDING_OFFSET;
    /** The first action. */
    public static final int ACTIONS_OFFSET;
    /** Size of one action. */
    public static final int ACTION_LENGTH;
    /** Number of actions: one per signal number 1..64. */
    public static final int ACTION_COUNT;
    /** Offset of {@code first} within an action. */
    public static final int ACTION_FIRST_OFFSET;
    /** Offset of {@code user_data} (the sa_mask) within an action. */
    public static final int ACTION_USER_DATA_OFFSET;
    /** Sender info for signals 1-32; slot of signal {@code n} at {@code SENDER_INFO_OFFSET + 8 * (n-1)}. */
    public static final int SENDER_INFO_OFFSET;
    /** Size of one sender-info slot. */
    public static final int SENDER_INFO_SLOT_LENGTH;
    /** Number of sender-info slots. */
    public static final int SENDER_INFO_SLOTS;
    /** End of the used part of the page. */
    public static final int USED_LENGTH;
    /** Total length of the page. */
    public static final int LENGTH;
    /** Required alignment of the page's start address. */
    public static final int ALIGNMENT = 4096;

    /** Bit of {@code first}: the signal is ignored. */
    public static final int IGNORED_BIT = 63;
    /** Bit of {@code first}: signal-specific (stop by default, or SA_NOCLDSTOP for SIGCHLD). */
    public static final int SIG_SPECIFIC_BIT = 62;
    /** Bit of {@code first}: SA_RESETHAND. */
    public static final int RESETHAND_BIT = 61;
    /** Bit of {@code first}: SA_NODEFER. */
    public static final int NODEFER_BIT = 60;
    /** Bit of {@code first}: SA_RESTART. */
    public static final int RESTART_BIT = 59;
    /** Bit of {@code first}: SA_ONSTACK. */
    public static final int ONSTACK_BIT = 58;
    /** Bit of {@code first}: SA_SIGINFO. */
    public static final int SIGINFO_BIT = 57;
    /** Bits 0-56 of {@code first}: the handler. */
    public static final long HANDLER_MASK = (1L << SIGINFO_BIT) - 1;

    static {
        int offset = 0;
        PENDING_OFFSET = offset;
        offset += Long.BYTES;
        offset = align(offset, 16);
        ACTION_LENGTH = 2 * Long.BYTES;
        ACTION_COUNT = 64;
        ACTION_FIRST_OFFSET = 0;
        ACTION_USER_DATA_OFFSET = Long.BYTES;
        ACTIONS_OFFSET = offset;
        offset += ACTION_COUNT * ACTION_LENGTH;
        SENDER_INFO_SLOT_LENGTH = Long.BYTES;
        SENDER_INFO_SLOTS = 32;
        SENDER_INFO_OFFSET = offset;
        offset += SENDER_INFO_SLOTS * SENDER_INFO_SLOT_LENGTH;
        USED_LENGTH = offset;
        LENGTH = align(offset, ALIGNMENT);

        if (ACTIONS_OFFSET != 16 || SENDER_INFO_OFFSET != 1040 || LENGTH != 4096) {
            throw new IllegalStateException("process page must have actions at 16, sender info at 1040, length 4096:"
                    + " actions=" + ACTIONS_OFFSET + " senderInfo=" + SENDER_INFO_OFFSET + " length=" + LENGTH);
        }
        if ((PENDING_OFFSET & 7) != 0 || (ACTIONS_OFFSET & 15) != 0 || (SENDER_INFO_OFFSET & 7) != 0) {
            throw new IllegalStateException("atomic fields must be aligned: actions=" + ACTIONS_OFFSET);
        }
    }

    private ProcessControlDescriptor() {}

    private static int align(final int value, final int alignment) {
        return (value + alignment - 1) & -alignment;
    }

    /**
     * Offset of the {@code first} word of a signal's action.
     *
     * @param sig a signal number 1..64 (not checked)
     * @return {@code 16 + 16 (sig-1)}
     */
    public static int actionFirstOffset(final int sig) {
        return ACTIONS_OFFSET + (sig - 1) * ACTION_LENGTH + ACTION_FIRST_OFFSET;
    }

    /**
     * Offset of the {@code user_data} (sa_mask) word of a signal's action.
     *
     * @param sig a signal number 1..64 (not checked)
     * @return {@code 24 + 16 (sig-1)}
     */
    public static int actionUserDataOffset(final int sig) {
        return ACTIONS_OFFSET + (sig - 1) * ACTION_LENGTH + ACTION_USER_DATA_OFFSET;
    }

    /**
     * Offset of the sender-info slot of a standard signal.
     *
     * @param sig a signal number 1..32 (not checked)
     * @return {@code 1040 + 8 (sig-1)}
     */
    public static int senderInfoOffset(final int sig) {
        return SENDER_INFO_OFFSET + (sig - 1) * SENDER_INFO_SLOT_LENGTH;
    }
}
