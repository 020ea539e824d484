package dev.sigpage.api;

/**
 * What the receiver learns about a claimed signal ({@code siginfo_t}, reduced to what the protocol carries).
 *
 * @param signo     the signal number
 * @param code      {@link #SI_USER}, {@link #SI_QUEUE}, {@link #SI_TKILL} or {@link #SI_KERNEL}
 * @param senderPid the sender's process id
 * @param senderUid the sender's real user id
 * @param value     the {@code sigqueue} value, 0 otherwise
 */
public record SigInfo(int signo, int code, int senderPid, int senderUid, long value) {
    /** Sent by {@code kill}. */
    public static final int SI_USER = 0;
    /** Sent by the kernel itself (a null sender). */
    public static final int SI_KERNEL = 0x80;
    /** Sent by {@code sigqueue}. */
    public static final int SI_QUEUE = -1;
    /** Sent by {@code tgkill} or {@code pthread_kill}. */
    public static final int SI_TKILL = -6;

    /**
     * The name of a code.
     *
     * @param code a code
     * @return {@code "SI_USER"}, ... or the number
     */
    public static String codeName(final int code) {
        switch (code) {
            case SI_USER:
                return "SI_USER";
            case SI_KERNEL:
                return "SI_KERNEL";
            case SI_QUEUE:
                return "SI_QUEUE";
            case SI_TKILL:
                return "SI_TKILL";
            default:
                return Integer.toString(code);
        }
    }
}
