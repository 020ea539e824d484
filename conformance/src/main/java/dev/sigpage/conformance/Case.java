package dev.sigpage.conformance;

import java.util.Objects;

/**
 * One entry of the catalogue: an assertion, a one-line paraphrase in the project's own words, and either a
 * scenario or the reason it cannot run against the engine.
 *
 * @param id             the suite, interface and assertion
 * @param paraphrase     what the assertion requires, in one line
 * @param scenario       the clean-room scenario, or null when not applicable
 * @param notApplicable  why the engine cannot run it (e.g. "needs timers"), or null
 * @param knownFailure   for a case that documents a known failure of the engine: a fragment of the failure message
 *                       it must fail with, or null
 * @param choice         where POSIX leaves the point open: what sigpage chooses and what else is permitted, or null
 */
public record Case(
        CaseId id, String paraphrase, CaseBody scenario, String notApplicable, String knownFailure, String choice) {
    /**
     * Checks that exactly one of scenario and reason is present.
     *
     * @param id            the id
     * @param paraphrase    the paraphrase
     * @param scenario      the scenario
     * @param notApplicable the reason
     * @param knownFailure  the expected failure
     * @param choice        the documented choice
     */
    public Case {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(paraphrase, "paraphrase");
        if ((scenario == null) == (notApplicable == null)) {
            throw new IllegalArgumentException("a case has either a scenario or a not-applicable reason: id=" + id);
        }
        if (knownFailure != null && scenario == null) {
            throw new IllegalArgumentException("a known failure needs a scenario: id=" + id);
        }
    }

    /** @return true if the case runs against the engine */
    public boolean applicable() {
        return scenario != null;
    }

    /**
     * The same case, documented as failing with a message that holds {@code fragment}.
     *
     * @param fragment a fragment of the expected failure message
     * @return the case
     */
    public Case failsWith(final String fragment) {
        return new Case(id, paraphrase, scenario, notApplicable, fragment, choice);
    }

    /**
     * The same case, with sigpage's choice where POSIX leaves the point open.
     *
     * @param text the choice and the other permitted outcomes
     * @return the case
     */
    public Case choice(final String text) {
        return new Case(id, paraphrase, scenario, notApplicable, knownFailure, text);
    }
}
