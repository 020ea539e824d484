package dev.sigpage.conformance;

import java.util.List;

/**
 * Adds the cases of one interface (or test file) to the catalogue: the file of an interface reads as a list of
 * {@code test(...)} and {@code notApplicable(...)} lines, each with its assertion id and paraphrase.
 */
public final class Cases {
    private final Suite suite;
    private final String iface;
    private final List<Case> out;

    /**
     * Creates the adder.
     *
     * @param suite the suite
     * @param iface the interface or test file
     * @param out   where the cases go
     */
    public Cases(final Suite suite, final String iface, final List<Case> out) {
        this.suite = suite;
        this.iface = iface;
        this.out = out;
    }

    /**
     * Adds a case with a scenario.
     *
     * @param assertion  the assertion id or test name
     * @param paraphrase the assertion in one line, own words
     * @param scenario   the scenario
     * @return a handle to document a choice or a known failure
     */
    public Entry test(final String assertion, final String paraphrase, final CaseBody scenario) {
        return add(new Case(new CaseId(suite, iface, assertion), paraphrase, scenario, null, null, null));
    }

    /**
     * Adds a case that cannot run against the engine.
     *
     * @param assertion  the assertion id or test name
     * @param paraphrase the assertion in one line, own words
     * @param reason     what the engine lacks, e.g. "needs timers"
     * @return a handle
     */
    public Entry notApplicable(final String assertion, final String paraphrase, final String reason) {
        return add(new Case(new CaseId(suite, iface, assertion), paraphrase, null, reason, null, null));
    }

    private Entry add(final Case c) {
        out.add(c);
        return new Entry(out, out.size() - 1);
    }

    /** A handle on the case just added. */
    public static final class Entry {
        private final List<Case> out;
        private final int index;

        Entry(final List<Case> out, final int index) {
            this.out = out;
            this.index = index;
        }

        /**
         * Documents sigpage's choice where POSIX leaves the point open, and the other permitted outcomes.
         *
         * @param text the choice
         * @return this handle
         */
        public Entry choice(final String text) {
            out.set(index, out.get(index).choice(text));
            return this;
        }

        /**
         * Documents a known failure of the engine: the case must fail with a message holding the fragment (so a fix
         * shows up as a change).
         *
         * @param fragment a fragment of the expected failure message
         * @return this handle
         */
        public Entry failsWith(final String fragment) {
            out.set(index, out.get(index).failsWith(fragment));
            return this;
        }
    }
}
