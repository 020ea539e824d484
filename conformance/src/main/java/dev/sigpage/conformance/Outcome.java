package dev.sigpage.conformance;

/** What running one case against a profile gave. */
public enum Outcome {
    /** The engine behaved as the assertion requires. */
    PASSED,
    /** The engine disagreed with the assertion (or a documented known failure no longer happens). */
    FAILED,
    /** The engine failed in the documented way: a known deviation, counted as not passed. */
    KNOWN_FAILURE,
    /**
     * The profile's platform fails the assertion in the way the profile documents ({@link Deviation}): a finding
     * about that platform, counted as not passed.
     */
    DEVIATES,
    /** The case cannot run against the engine; not counted as covered. */
    NOT_APPLICABLE
}
