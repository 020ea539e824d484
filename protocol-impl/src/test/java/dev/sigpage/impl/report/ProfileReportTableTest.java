package dev.sigpage.impl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's Markdown table, checked against the catalogue it is made of: one row per scenario in catalogue order,
 * numbered from 1, each with its scenario's name, its verdict's words (the README's "agrees", "Redox deviates",
 * "POSIX leaves it open"), a {@code |} inside a cell escaped so that the row keeps its six cells, and below the table
 * the count of each verdict.
 */
class ProfileReportTableTest {

    @Test
    void oneRowPerScenarioInCatalogueOrder() {
        final List<Scenario> all = Scenarios.all();
        final List<ProfileReport.Row> rows = ProfileReport.rows();
        assertEquals(all.size(), rows.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i).name(), rows.get(i).scenario().name(), "row " + (i + 1));
        }
    }

    @Test
    void eachLineIsNumberedNamedAndEndsWithItsVerdict() {
        final List<ProfileReport.Row> rows = ProfileReport.rows();
        final String[] lines = ProfileReport.markdown(rows).split("\\R");
        for (int i = 0; i < rows.size(); i++) {
            final ProfileReport.Row r = rows.get(i);
            final String line = lines[i + 2];
            final String name = r.scenario().name().replace("|", "\\|");
            assertTrue(line.startsWith("| " + (i + 1) + " | " + name + " | "), line);
            final String words = switch (r.verdict()) {
                case AGREES -> "agrees";
                case REDOX_DEVIATES -> "Redox deviates";
                case POSIX_LEAVES_OPEN -> "POSIX leaves it open";
            };
            assertTrue(line.endsWith(" | " + words + " |"), line);
            // six cells: seven unescaped bars
            assertEquals(
                    7, line.replace("\\|", "").chars().filter(c -> c == '|').count(), line);
        }
    }

    @Test
    void aBarInsideACellIsEscaped() {
        final List<ProfileReport.Row> rows = ProfileReport.rows();
        final String table = ProfileReport.markdown(rows);
        assertTrue(table.contains("| handler word of a SA_RESTART\\|SA_SIGINFO handler |"), table);
    }

    @Test
    void theLastLineCountsEachVerdict() {
        final List<ProfileReport.Row> rows = ProfileReport.rows();
        int agrees = 0;
        int deviates = 0;
        int open = 0;
        for (final ProfileReport.Row r : rows) {
            switch (r.verdict()) {
                case AGREES -> agrees++;
                case REDOX_DEVIATES -> deviates++;
                case POSIX_LEAVES_OPEN -> open++;
            }
        }
        final String[] lines = ProfileReport.markdown(rows).split("\\R");
        assertEquals("", lines[rows.size() + 2]);
        assertEquals(
                rows.size() + " scenarios: " + agrees + " agrees, " + deviates + " Redox deviates, " + open
                        + " POSIX leaves it open.",
                lines[rows.size() + 3]);
    }
}
