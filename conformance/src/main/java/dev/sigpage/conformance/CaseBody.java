package dev.sigpage.conformance;

/** The body of a case: drives the engine through a {@link Lab} and throws {@link CaseFailure} when it disagrees. */
@FunctionalInterface
public interface CaseBody {
    /**
     * Runs the scenario.
     *
     * @param lab a fresh engine and the case's helpers
     * @throws Exception any failure; {@link CaseFailure} for a disagreement with the assertion
     */
    void run(Lab lab) throws Exception;
}
