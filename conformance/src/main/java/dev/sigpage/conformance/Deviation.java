package dev.sigpage.conformance;

import java.util.Objects;

/**
 * How the platform a profile models departs from what a case asserts: a finding about that platform, not a defect
 * of the library. The case must fail with {@link #fragment()} in its message; when it passes or fails otherwise the
 * run reports it, so a change of the platform's rules shows up.
 *
 * @param fragment    a fragment of the failure message the case must fail with
 * @param platformDid what the platform does instead of what the assertion asks, in one line
 * @param rule        the platform's rule that explains it: a section of the Redox fact sheet or a source fact
 */
public record Deviation(String fragment, String platformDid, String rule) {
    /**
     * Checks that every part is present.
     *
     * @param fragment    the fragment
     * @param platformDid what the platform did
     * @param rule        the rule
     */
    public Deviation {
        Objects.requireNonNull(fragment, "fragment");
        Objects.requireNonNull(platformDid, "platformDid");
        Objects.requireNonNull(rule, "rule");
        if (fragment.isBlank()) {
            throw new IllegalArgumentException("a deviation names the failure it produces: fragment=" + fragment);
        }
    }
}
