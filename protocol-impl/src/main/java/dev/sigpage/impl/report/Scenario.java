package dev.sigpage.impl.report;

import dev.sigpage.impl.Kernel;
import java.util.Objects;
import java.util.function.Function;

/**
 * One named scenario of the report: a short sequence of calls on a fresh kernel whose observable result is a short
 * string (a signal set, an errno name, a page word).
 *
 * @param name       the scenario's name
 * @param posix      what POSIX requires, with the section of the standard
 * @param posixOpen  true if POSIX leaves the result to the implementation
 * @param note       what the REDOX profile models where Redox's code is defective, or empty
 * @param run        the calls; it receives a fresh kernel of the profile under test
 */
public record Scenario(String name, String posix, boolean posixOpen, String note, Function<Kernel, String> run) {
    /**
     * Checks the components.
     *
     * @param name      not null
     * @param posix     not null
     * @param posixOpen whether POSIX leaves it open
     * @param note      not null
     * @param run       not null
     */
    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(posix, "posix");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(run, "run");
    }

    /**
     * The verdict for two results.
     *
     * @param posixResult the POSIX profile's result
     * @param redoxResult the REDOX profile's result
     * @return agrees when equal; else open or deviates as the scenario says
     */
    public Verdict verdict(final String posixResult, final String redoxResult) {
        if (posixResult.equals(redoxResult)) {
            return Verdict.AGREES;
        }
        return posixOpen ? Verdict.POSIX_LEAVES_OPEN : Verdict.REDOX_DEVIATES;
    }
}
