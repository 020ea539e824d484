package dev.sigpage.api;

/**
 * A reusable out-parameter for claims, so that the claim path allocates nothing. Not thread-safe: one per
 * claiming thread.
 */
public final class MutableSigInfo {
    private int signo;
    private int code;
    private int senderPid;
    private int senderUid;
    private long value;

    /**
     * Creates an empty holder (signo 0).
     */
    public MutableSigInfo() {}

    /**
     * Fills every field; used by the claiming side.
     *
     * @param signo     signal number
     * @param code      si_code
     * @param senderPid sender pid
     * @param senderUid sender real uid
     * @param value     sigqueue value
     * @return this
     */
    public MutableSigInfo set(
            final int signo, final int code, final int senderPid, final int senderUid, final long value) {
        this.signo = signo;
        this.code = code;
        this.senderPid = senderPid;
        this.senderUid = senderUid;
        this.value = value;
        return this;
    }

    /**
     * Resets every field to 0.
     *
     * @return this
     */
    public MutableSigInfo clear() {
        return set(0, 0, 0, 0, 0);
    }

    /**
     * The signal number.
     *
     * @return 0 if nothing was claimed
     */
    public int signo() {
        return signo;
    }

    /**
     * The si_code.
     *
     * @return see {@link SigInfo}
     */
    public int code() {
        return code;
    }

    /**
     * The sender's pid.
     *
     * @return pid
     */
    public int senderPid() {
        return senderPid;
    }

    /**
     * The sender's real uid.
     *
     * @return uid
     */
    public int senderUid() {
        return senderUid;
    }

    /**
     * The sigqueue value.
     *
     * @return value, 0 when not queued with one
     */
    public long value() {
        return value;
    }

    /**
     * An immutable copy.
     *
     * @return the values as a {@link SigInfo}
     */
    public SigInfo toSigInfo() {
        return new SigInfo(signo, code, senderPid, senderUid, value);
    }

    @Override
    public String toString() {
        return toSigInfo().toString();
    }
}
