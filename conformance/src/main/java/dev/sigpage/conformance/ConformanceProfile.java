package dev.sigpage.conformance;

import dev.sigpage.impl.engine.Engine;

/**
 * What the catalogue runs against: how to build a fresh engine for each case, and which cases this profile is known
 * to fail. A profile that models another platform (Redox) names that platform's deviations from the assertions
 * ({@link #deviation(Case)}), which the report shows as failures with the assertion named.
 */
public interface ConformanceProfile {
    /** @return the profile's name on the command line, e.g. {@code posix} */
    String name();

    /** @return a fresh engine for one case */
    Engine newEngine();

    /**
     * The expected failure of a case under this profile, overriding the case's own.
     *
     * @param c the case
     * @return a fragment of the failure message the case must fail with, or null if it must pass
     */
    default String knownFailure(final Case c) {
        return c.knownFailure();
    }

    /**
     * How this profile's platform departs from a case's assertion.
     *
     * @param c the case
     * @return the documented deviation, or null if the platform must behave as the assertion asks
     */
    default Deviation deviation(final Case c) {
        return null;
    }
}
