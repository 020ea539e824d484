package dev.sigpage.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every case, suite by suite and interface by interface. */
public final class Catalogue {
    private Catalogue() {}

    /** @return every case, in report order */
    public static List<Case> all() {
        final List<Case> out = new ArrayList<>();
        dev.sigpage.conformance.opts.OptsCatalogue.addTo(out);
        dev.sigpage.conformance.gvisor.GvisorCatalogue.addTo(out);
        return Collections.unmodifiableList(out);
    }
}
