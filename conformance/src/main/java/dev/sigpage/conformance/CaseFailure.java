package dev.sigpage.conformance;

/** A scenario saw the engine disagree with the assertion it checks; the message says what was seen. */
public final class CaseFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what was expected and what was seen
     */
    public CaseFailure(final String message) {
        super(message);
    }

    /**
     * Creates the failure with its cause.
     *
     * @param message what was expected and what was seen
     * @param cause   the exception seen
     */
    public CaseFailure(final String message, final Throwable cause) {
        super(message, cause);
    }
}
