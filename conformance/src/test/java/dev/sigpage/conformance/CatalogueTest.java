package dev.sigpage.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every applicable case of the catalogue as one dynamic test under each profile (POSIX with parking waits and with
 * polling waits, Redox): a case fails the build when it fails, except a case that documents a known failure, which
 * must fail in the documented way (so a fix shows up), and a case the profile's platform deviates from, which must
 * deviate as documented (so a change of the platform's rules shows up). The cases expected to fail start first and
 * run beside the others: a deviation that leaves a thread blocked ends at its hand-off bound.
 */
class CatalogueTest {
    @TestFactory
    Stream<DynamicTest> everyApplicableCase() {
        return Profiles.all().stream().flatMap(p -> cases(new Runner(p)));
    }

    private static Stream<DynamicTest> cases(final Runner runner) {
        final List<Case> applicable =
                Catalogue.all().stream().filter(Case::applicable).toList();
        final Map<Case, CompletableFuture<Result>> early = new IdentityHashMap<>();
        for (final Case c : applicable) {
            if (runner.expectsFailure(c)) {
                early.put(c, runner.runAsync(c));
            }
        }
        return applicable.stream()
                .map(c -> DynamicTest.dynamicTest(
                        "[" + runner.profile().name() + "] " + c.id() + ": " + c.paraphrase(), () -> {
                            final Result r = early.containsKey(c) ? early.get(c).join() : runner.run(c);
                            if (r.outcome() == Outcome.FAILED) {
                                fail(c.id() + " " + r.outcome() + ": " + r.detail());
                            }
                        }));
    }

    /** Every Redox deviation names an applicable case of the catalogue, and says what Redox did and why. */
    @Test
    void everyRedoxDeviationNamesAnApplicableCase() {
        final Map<String, Case> byId = new TreeMap<>();
        for (final Case c : Catalogue.all()) {
            byId.put(c.id().toString(), c);
        }
        RedoxDeviations.all().forEach((id, d) -> {
            assertTrue(byId.containsKey(id) && byId.get(id).applicable(), "no applicable case: " + id);
            assertTrue(d.platformDid().length() > 20 && d.rule().length() > 20, "deviation not explained: " + id);
        });
    }

    @Test
    void idsAreUniqueAndEveryNotApplicableCaseSaysWhy() {
        final Set<CaseId> ids = new HashSet<>();
        for (final Case c : Catalogue.all()) {
            assertTrue(ids.add(c.id()), "duplicate case: " + c.id());
            assertTrue(c.paraphrase().length() > 20, "paraphrase too short: " + c.id());
            if (!c.applicable()) {
                assertTrue(c.notApplicable().length() > 10, "reason too short: " + c.id());
            }
        }
    }

    /**
     * Every assertion id of the Open POSIX Test Suite's signal interfaces and every gVisor signal test named in the
     * resource lists (taken from the suites' files) is in the catalogue, and nothing else is: a case is applicable
     * or not applicable, never missing.
     */
    @Test
    void catalogueListsEveryAssertionOfBothSuites() throws IOException {
        for (final Suite suite : Suite.values()) {
            final Map<String, Set<String>> expected =
                    read(suite == Suite.OPTS ? "/opts-assertion-ids.txt" : "/gvisor-test-names.txt");
            final Map<String, Set<String>> listed = new TreeMap<>();
            for (final Case c : Catalogue.all()) {
                if (c.id().suite() == suite) {
                    listed.computeIfAbsent(c.id().iface(), k -> new TreeSet<>()).add(c.id().assertion());
                }
            }
            assertEquals(expected, listed, suite.title());
        }
    }

    private static Map<String, Set<String>> read(final String resource) throws IOException {
        final Map<String, Set<String>> out = new TreeMap<>();
        try (InputStream in = CatalogueTest.class.getResourceAsStream(resource)) {
            for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                final int colon = line.indexOf(':');
                out.put(
                        line.substring(0, colon).trim(),
                        new TreeSet<>(
                                Arrays.asList(line.substring(colon + 1).trim().split(" +"))));
            }
        }
        return out;
    }

    @Test
    void catalogueMeetsItsCoverageTargets() {
        final List<Case> all = Catalogue.all();
        final long opts = all.stream()
                .filter(c -> c.applicable() && c.id().suite() == Suite.OPTS)
                .count();
        final long gvisor = all.stream()
                .filter(c -> c.applicable() && c.id().suite() == Suite.GVISOR)
                .count();
        assertTrue(opts >= 120, "Open POSIX Test Suite assertions covered: " + opts);
        assertTrue(gvisor >= 50, "gVisor cases covered: " + gvisor);
        assertEquals(all.size(), new HashSet<>(all).size());
    }
}
