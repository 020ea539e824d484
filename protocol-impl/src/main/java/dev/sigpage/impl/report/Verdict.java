package dev.sigpage.impl.report;

/**
 * How the two profiles' results of a scenario compare.
 */
public enum Verdict {
    /** Both profiles give the same result. */
    AGREES("agrees"),
    /** Redox's result breaks a rule POSIX states. */
    REDOX_DEVIATES("Redox deviates"),
    /** The results differ where POSIX leaves the choice to the implementation. */
    POSIX_LEAVES_OPEN("POSIX leaves it open");

    private final String text;

    Verdict(final String text) {
        this.text = text;
    }

    /**
     * The verdict as the report prints it.
     *
     * @return the text
     */
    public String text() {
        return text;
    }
}
