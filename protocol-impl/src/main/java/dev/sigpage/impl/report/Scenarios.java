package dev.sigpage.impl.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The catalogue of the Redox-versus-POSIX report: one scenario per rule where the profiles can differ, and controls
 * where they agree. Each result is what a test can observe through the model's API or the page's bytes. Section
 * numbers refer to POSIX.1-2017, volume XSH.
 */
public final class Scenarios {
    private Scenarios() {}

    /**
     * Every scenario, in report order. The list is built on each call (building runs no scenario), so that the
     * catalogue is code a test runs, not a static initializer's.
     *
     * @return an unmodifiable list
     */
    public static List<Scenario> all() {
        return build();
    }

    /**
     * The scenario with a name.
     *
     * @param name the name
     * @return the scenario
     * @throws IllegalArgumentException if none has that name
     */
    public static Scenario named(final String name) {
        for (final Scenario s : all()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no scenario has that name: name=" + name);
    }

    // ---------------------------------------------------------------- the catalogue

    private static List<Scenario> build() {
        final List<Scenario> l = new ArrayList<>();
        PageScenarios.pages(l);
        PageScenarios.actions(l);
        GenerationScenarios.generation(l);
        JobControlScenarios.stopContinue(l);
        RealtimeScenarios.realtime(l);
        GenerationScenarios.permission(l);
        PageScenarios.ignoring(l);
        ImageScenarios.inheritance(l);
        ImageScenarios.altStack(l);
        RealtimeScenarios.waiting(l);
        JobControlScenarios.groups(l);
        EngineScenarios.addTo(l);
        return Collections.unmodifiableList(l);
    }
}
