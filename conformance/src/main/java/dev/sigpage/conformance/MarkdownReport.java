package dev.sigpage.conformance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalogue's results as Markdown, for one or several profiles: a summary with each profile's pass rate per
 * suite, then a section per profile: per suite and per interface, the assertions listed, covered (applicable),
 * passed, failed, known failures, deviations of the profile's platform and not applicable; the pass rate; then
 * every failure, deviation (what the assertion asks, what the platform did, the rule that explains it), known
 * failure, not-applicable reason and documented choice, each under its case id.
 */
public final class MarkdownReport {
    private MarkdownReport() {}

    private static final class Tally {
        private final EnumMap<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        int listed;
        int covered;
        int passed;
        int failed;
        int known;
        int deviates;
        int notApplicable;

        void add(final Outcome o) {
            counts.merge(o, 1, Integer::sum);
            listed++;
            passed = counts.getOrDefault(Outcome.PASSED, 0);
            failed = counts.getOrDefault(Outcome.FAILED, 0);
            known = counts.getOrDefault(Outcome.KNOWN_FAILURE, 0);
            deviates = counts.getOrDefault(Outcome.DEVIATES, 0);
            notApplicable = counts.getOrDefault(Outcome.NOT_APPLICABLE, 0);
            covered = listed - notApplicable;
        }

        String rate() {
            return covered == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * passed / covered);
        }

        String row(final String name) {
            return "| " + name + " | " + listed + " | " + covered + " | " + passed + " | " + failed + " | " + known
                    + " | " + deviates + " | " + notApplicable + " | " + rate() + " |";
        }
    }

    /**
     * Renders the results of several profiles: the summary, then each profile's section.
     *
     * @param runs each profile's results, in the order to show them
     * @return the Markdown text
     */
    public static String markdown(final Map<ConformanceProfile, List<Result>> runs) {
        final StringBuilder sb = new StringBuilder();
        sb.append("## Summary\n\n| profile | suite | covered | passed | failed | known failures | deviations"
                + " | not applicable | pass rate |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        runs.forEach((profile, results) -> {
            final Tally all = new Tally();
            for (final Suite suite : Suite.values()) {
                final Tally t = new Tally();
                for (final Result r : results) {
                    if (r.c().id().suite() == suite) {
                        t.add(r.outcome());
                        all.add(r.outcome());
                    }
                }
                sb.append(summaryRow(profile.name(), "`" + suite.prefix() + ".*`", t))
                        .append('\n');
            }
            sb.append(summaryRow(profile.name(), "**all**", all)).append('\n');
        });
        sb.append('\n');
        runs.forEach((profile, results) -> sb.append(profileSection(profile, results)));
        runs.values().stream().findFirst().ifPresent(results -> sb.append(choices(results)));
        return sb.toString();
    }

    private static String summaryRow(final String profile, final String suite, final Tally t) {
        return "| `" + profile + "` | " + suite + " | " + t.covered + " | " + t.passed + " | " + t.failed + " | "
                + t.known + " | " + t.deviates + " | " + t.notApplicable + " | " + t.rate() + " |";
    }

    /**
     * Renders the results of one profile.
     *
     * @param profile the profile they were run against
     * @param results the results
     * @return the Markdown text
     */
    public static String markdown(final ConformanceProfile profile, final List<Result> results) {
        return profileSection(profile, results) + choices(results);
    }

    private static String profileSection(final ConformanceProfile profile, final List<Result> results) {
        final StringBuilder sb = new StringBuilder();
        sb.append("## Conformance of the engine, profile `")
                .append(profile.name())
                .append("`\n\n");
        final Tally all = new Tally();
        for (final Suite suite : Suite.values()) {
            final Map<String, Tally> byIface = new LinkedHashMap<>();
            final Tally suiteTally = new Tally();
            for (final Result r : results) {
                if (r.c().id().suite() == suite) {
                    byIface.computeIfAbsent(r.c().id().iface(), k -> new Tally())
                            .add(r.outcome());
                    suiteTally.add(r.outcome());
                    all.add(r.outcome());
                }
            }
            if (byIface.isEmpty()) {
                continue;
            }
            sb.append("### ")
                    .append(suite.title())
                    .append(" (`")
                    .append(suite.prefix())
                    .append(".*`)\n\n");
            sb.append("| interface | listed | covered | passed | failed | known failures | deviations | not applicable"
                    + " | pass rate |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            byIface.forEach((k, v) -> sb.append(v.row("`" + k + "`")).append('\n'));
            sb.append(suiteTally.row("**all " + suite.prefix() + "**")).append("\n\n");
        }
        sb.append("Overall: ")
                .append(all.passed)
                .append(" of ")
                .append(all.covered)
                .append(" covered cases pass (")
                .append(all.rate())
                .append("); ")
                .append(all.failed)
                .append(" failed, ")
                .append(all.known)
                .append(" known failures, ")
                .append(all.deviates)
                .append(" deviations of the platform, ")
                .append(all.notApplicable)
                .append(" not applicable, ")
                .append(all.listed)
                .append(" listed.\n\n");
        section(sb, "Failures", results, Outcome.FAILED, r -> r.detail());
        section(sb, "Deviations of the platform (documented; a change shows up)", results, Outcome.DEVIATES, r -> {
            final Deviation d = profile.deviation(r.c());
            return "POSIX asks: " + r.c().paraphrase() + ". **" + profile.name() + ":** " + d.platformDid()
                    + ". **Rule:** " + d.rule() + ". Seen: " + r.detail();
        });
        section(
                sb,
                "Known failures (documented; a fix shows up as a change)",
                results,
                Outcome.KNOWN_FAILURE,
                r -> r.detail());
        section(
                sb,
                "Not applicable",
                results,
                Outcome.NOT_APPLICABLE,
                r -> r.c().paraphrase() + " **Reason:** " + r.detail());
        return sb.toString();
    }

    /** The documented choices of the cases, the same under every profile. */
    private static String choices(final List<Result> results) {
        final StringBuilder sb = new StringBuilder();
        final List<Result> choices = new ArrayList<>();
        for (final Result r : results) {
            if (r.c().choice() != null) {
                choices.add(r);
            }
        }
        if (!choices.isEmpty()) {
            sb.append("### Where POSIX leaves the point open\n\n");
            for (final Result r : choices) {
                sb.append("- `")
                        .append(r.c().id())
                        .append("`: ")
                        .append(r.c().choice())
                        .append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private interface Text {
        String of(Result r);
    }

    private static void section(
            final StringBuilder sb,
            final String title,
            final List<Result> results,
            final Outcome outcome,
            final Text text) {
        final List<Result> rows = new ArrayList<>();
        for (final Result r : results) {
            if (r.outcome() == outcome) {
                rows.add(r);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        sb.append("#### ").append(title).append(" (").append(rows.size()).append(")\n\n");
        for (final Result r : rows) {
            sb.append("- `")
                    .append(r.c().id())
                    .append("`: ")
                    .append(text.of(r).replace('\n', ' '))
                    .append('\n');
        }
        sb.append('\n');
    }
}
