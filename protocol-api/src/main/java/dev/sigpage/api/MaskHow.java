package dev.sigpage.api;

/**
 * The {@code how} argument of {@code sigprocmask}/{@code pthread_sigmask}, with Linux's codes.
 */
public enum MaskHow {
    /** Add the set to the mask (code 0). */
    BLOCK(0),
    /** Remove the set from the mask (code 1). */
    UNBLOCK(1),
    /** Replace the mask by the set (code 2). */
    SETMASK(2);

    private static final MaskHow[] BY_CODE = values();

    private final int code;

    MaskHow(final int code) {
        this.code = code;
    }

    /**
     * The Linux code.
     *
     * @return 0, 1 or 2
     */
    public int code() {
        return code;
    }

    /**
     * The {@code how} for a Linux code.
     *
     * @param code 0, 1 or 2
     * @return the matching value
     * @throws SignalException EINVAL naming {@code how} for any other code
     */
    public static MaskHow fromCode(final int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new SignalException(Errno.EINVAL, "how must be 0 (BLOCK), 1 (UNBLOCK) or 2 (SETMASK)", "how", code);
        }
        return BY_CODE[code];
    }
}
