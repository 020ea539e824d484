package dev.sigpage.conformance.opts;

import dev.sigpage.conformance.Case;
import java.util.List;

/** The Open POSIX Test Suite's signal interfaces, one file each. */
public final class OptsCatalogue {
    private OptsCatalogue() {}

    /**
     * Adds every Open POSIX Test Suite case.
     *
     * @param out where the cases go
     */
    public static void addTo(final List<Case> out) {
        Sigaction.addTo(out);
        Masks.addTo(out, "sigprocmask");
        Masks.addTo(out, "pthread_sigmask");
        Kill.addTo(out);
        PthreadKill.addTo(out);
        Raise.addTo(out);
        Sigqueue.addTo(out);
        Sigpending.addTo(out);
        Sigsuspend.addTo(out);
        Waiting.addTo(out);
        Sigaltstack.addTo(out);
        SystemV.addTo(out);
        SetsAndGroups.addTo(out);
    }
}
