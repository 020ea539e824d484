package dev.sigpage.impl.report;

import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.KernelConfig;
import dev.sigpage.impl.Profile;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every {@link Scenarios scenario} on a fresh POSIX kernel and a fresh REDOX kernel and prints the Markdown
 * table: scenario, what POSIX requires, the POSIX profile's result, the REDOX profile's result, the verdict.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl protocol-impl -am package -Predox-report -DskipTests}.
 */
public final class ProfileReport {
    /**
     * One row of the table.
     *
     * @param scenario    the scenario
     * @param posixResult the POSIX profile's result
     * @param redoxResult the REDOX profile's result
     */
    public record Row(Scenario scenario, String posixResult, String redoxResult) {
        /**
         * The row's verdict.
         *
         * @return the verdict
         */
        public Verdict verdict() {
            return scenario.verdict(posixResult, redoxResult);
        }
    }

    private ProfileReport() {}

    /**
     * Runs one scenario under one profile, on a fresh kernel with the default configuration.
     *
     * @param scenario the scenario
     * @param profile  the profile
     * @return its result
     */
    public static String run(final Scenario scenario, final Profile profile) {
        return scenario.run().apply(new Kernel(KernelConfig.defaults().withProfile(profile)));
    }

    /**
     * Runs every scenario on both profiles.
     *
     * @return the rows, in catalogue order
     */
    public static List<Row> rows() {
        final List<Row> rows = new ArrayList<>();
        for (final Scenario s : Scenarios.all()) {
            rows.add(new Row(s, run(s, Profile.POSIX), run(s, Profile.REDOX)));
        }
        return rows;
    }

    /**
     * The Markdown table of all rows, with a count of verdicts below it.
     *
     * @param rows the rows
     * @return the text
     */
    public static String markdown(final List<Row> rows) {
        final String nl = System.lineSeparator();
        final StringBuilder sb = new StringBuilder();
        sb.append("| # | scenario | what POSIX requires | POSIX profile | REDOX profile | verdict |")
                .append(nl);
        sb.append("|---|---|---|---|---|---|").append(nl);
        final int[] counts = new int[Verdict.values().length];
        int i = 0;
        for (final Row r : rows) {
            final Verdict v = r.verdict();
            counts[v.ordinal()]++;
            final String note =
                    r.scenario().note().isEmpty() ? "" : " (" + r.scenario().note() + ")";
            sb.append("| ")
                    .append(++i)
                    .append(" | ")
                    .append(cell(r.scenario().name()))
                    .append(" | ")
                    .append(cell(r.scenario().posix()))
                    .append(" | ")
                    .append(cell(r.posixResult()))
                    .append(" | ")
                    .append(cell(r.redoxResult() + note))
                    .append(" | ")
                    .append(v.text())
                    .append(" |")
                    .append(nl);
        }
        sb.append(nl).append(rows.size()).append(" scenarios:");
        for (final Verdict v : Verdict.values()) {
            sb.append(' ')
                    .append(counts[v.ordinal()])
                    .append(' ')
                    .append(v.text())
                    .append(v.ordinal() + 1 < counts.length ? ',' : '.');
        }
        return sb.append(nl).toString();
    }

    private static String cell(final String text) {
        return text.replace("|", "\\|");
    }

    /**
     * Prints the report.
     *
     * @param args none
     */
    public static void main(final String[] args) {
        System.out.print(markdown(rows()));
    }
}
