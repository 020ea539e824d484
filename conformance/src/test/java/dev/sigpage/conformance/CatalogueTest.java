package dev.sigpage.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every applicable case of the catalogue as one dynamic test under each profile (POSIX with parking waits and with
 * polling waits): a case fails the build when it fails, except a case that documents a known failure, which must
 * fail in the documented way (so a fix shows up).
 */
class CatalogueTest {
    @TestFactory
    Stream<DynamicTest> everyApplicableCase() {
        return Profiles.all().stream().flatMap(p -> cases(new Runner(p)));
    }

    private static Stream<DynamicTest> cases(final Runner runner) {
        return Catalogue.all().stream().filter(Case::applicable).map(c -> DynamicTest.dynamicTest(
            "[" + runner.profile().name() + "] " + c.id() + ": " + c.paraphrase(), () -> {
                final Result r = runner.run(c);
                if (r.outcome() == Outcome.FAILED) {
                    fail(c.id() + " " + r.outcome() + ": " + r.detail());
                }
            }));
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

    @Test
    void catalogueMeetsItsCoverageTargets() {
        final List<Case> all = Catalogue.all();
        final long opts = all.stream().filter(c -> c.applicable() && c.id().suite() == Suite.OPTS).count();
        final long gvisor = all.stream().filter(c -> c.applicable() && c.id().suite() == Suite.GVISOR).count();
        assertTrue(opts >= 120, "Open POSIX Test Suite assertions covered: " + opts);
        assertTrue(gvisor >= 50, "gVisor cases covered: " + gvisor);
        assertEquals(all.size(), new HashSet<>(all).size());
    }
}
