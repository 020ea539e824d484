package dev.sigpage.conformance;

import java.util.Objects;

/**
 * The name of a case: the suite it comes from, the interface (or test file) and the assertion id (or test name),
 * written {@code suite.interface.assertion}, e.g. {@code opts.sigaction.13} or
 * {@code gvisor.sigaltstack.ResetByExecve}, so a reader goes from a failure straight to the assertion.
 *
 * @param suite     {@link Suite#OPTS} or {@link Suite#GVISOR}
 * @param iface     the interface ({@code sigaction}) or the test file ({@code sigaltstack})
 * @param assertion the assertion id ({@code 13}) or the test name ({@code ResetByExecve})
 */
public record CaseId(Suite suite, String iface, String assertion) implements Comparable<CaseId> {
    /**
     * Checks the parts.
     *
     * @param suite     the suite
     * @param iface     the interface, a non-empty word
     * @param assertion the assertion, a non-empty word
     * @throws IllegalArgumentException if a part is empty or holds a dot or a space
     */
    public CaseId {
        Objects.requireNonNull(suite, "suite");
        checkPart("iface", iface);
        checkPart("assertion", assertion);
    }

    private static void checkPart(final String name, final String value) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.indexOf('.') >= 0 || value.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("id part must be a non-empty word without dots: " + name + "=" + value);
        }
    }

    @Override
    public String toString() {
        return suite.prefix() + "." + iface + "." + assertion;
    }

    @Override
    public int compareTo(final CaseId o) {
        int c = suite.compareTo(o.suite);
        if (c == 0) {
            c = iface.compareTo(o.iface);
        }
        return c != 0 ? c : naturalCompare(assertion, o.assertion);
    }

    /** Numbers in numeric order ({@code 2} before {@code 10}), names in text order. */
    private static int naturalCompare(final String a, final String b) {
        final boolean na = a.chars().allMatch(Character::isDigit);
        final boolean nb = b.chars().allMatch(Character::isDigit);
        if (na && nb) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return na != nb ? (na ? -1 : 1) : a.compareTo(b);
    }
}
