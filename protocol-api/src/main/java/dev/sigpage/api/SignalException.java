package dev.sigpage.api;

/**
 * The one error type of the protocol for failures POSIX reports through {@code errno}. It carries the errno, the
 * name of the offending value and the value itself; the message reads {@code "<ERRNO>: <rule>: <name>=<value>"},
 * for example {@code "EINVAL: signal must be in 1..31 or 33..64: signal=32"}.
 *
 * <p>An operation that throws this exception has left every page byte-for-byte as it was.
 */
public class SignalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;
    private final String valueName;
    private final long value;

    /**
     * Creates the exception.
     *
     * @param errno     the error number
     * @param rule      the rule that was broken, e.g. {@code "signal must be in 1..31 or 33..64"}
     * @param valueName the name of the offending value, e.g. {@code "signal"}
     * @param value     the offending value
     */
    public SignalException(final Errno errno, final String rule, final String valueName, final long value) {
        super(errno.name() + ": " + rule + ": " + valueName + "=" + value);
        this.errno = errno;
        this.valueName = valueName;
        this.value = value;
    }

    /**
     * The error number.
     *
     * @return the errno
     */
    public Errno errno() {
        return errno;
    }

    /**
     * The name of the offending value.
     *
     * @return e.g. {@code "signal"}, {@code "how"}, {@code "pid"}
     */
    public String valueName() {
        return valueName;
    }

    /**
     * The offending value.
     *
     * @return the value as given by the caller
     */
    public long value() {
        return value;
    }
}
