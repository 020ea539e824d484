package dev.sigpage.conformance.opts;

import dev.sigpage.conformance.Case;
import java.util.List;

/** The Open POSIX Test Suite's signal interfaces, one file each. */
public final class OptsCatalogue {
    private OptsCatalogue() {
    }

    /**
     * Adds every Open POSIX Test Suite case.
     *
     * @param out where the cases go
     */
    public static void addTo(final List<Case> out) {
        Sigaction.addTo(out);
    }
}
