package dev.sigpage.conformance.gvisor;

import dev.sigpage.conformance.Case;
import java.util.List;

/** gVisor's signal system-call tests, one file per group of test files. */
public final class GvisorCatalogue {
    private GvisorCatalogue() {}

    /**
     * Adds every gVisor case.
     *
     * @param out where the cases go
     */
    public static void addTo(final List<Case> out) {
        MasksAndActions.addTo(out);
        Senders.addTo(out);
        Sigtimedwait.addTo(out);
        Stacks.addTo(out);
        Processes.addTo(out);
        Exec.addTo(out);
        NotModelled.addTo(out);
    }
}
