package dev.sigpage.conformance;

/**
 * The result of one case.
 *
 * @param c       the case
 * @param outcome the outcome
 * @param detail  the failure message, the documented known-failure fragment, or the not-applicable reason; empty on
 *                a pass
 * @param nanos   how long the scenario ran
 */
public record Result(Case c, Outcome outcome, String detail, long nanos) {}
