package dev.sigpage.impl.report;

import static dev.sigpage.impl.report.ScenarioKit.UID;
import static dev.sigpage.impl.report.ScenarioKit.add;
import static dev.sigpage.impl.report.ScenarioKit.attempt;
import static dev.sigpage.impl.report.ScenarioKit.blockedApp;
import static dev.sigpage.impl.report.ScenarioKit.handler;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;
import java.util.List;

/** The report's scenarios of {@code fork} and {@code exec}, and of the alternate stack. */
final class ImageScenarios {
    private ImageScenarios() {}

    static void inheritance(final List<Scenario> l) {
        add(l, "fork: the child's pending set", "initialized to the empty set (fork())", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1, Signals.SIGUSR2);
            k.kill(null, t.process().pid(), Signals.SIGUSR1);
            k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR2);
            return t.process().fork(t).mainThread().pendingSet().toString();
        });
        add(
                l,
                "fork: a queued SIGRTMIN in the child",
                "empty pending set (fork())",
                false,
                "Redox copies the bit without its queue: modelled as intended",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                    k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 1);
                    return t.process().fork(t).mainThread().pendingSet().toString();
                });
        add(l, "fork: the child's actions and mask", "inherited (fork())", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            t.process().sigaction(Signals.SIGUSR2, handler(SaFlags.SA_RESTART));
            final ModelProcess child = t.process().fork(t);
            return "mask=" + child.mainThread().mask() + " USR2 "
                    + (child.sigaction(Signals.SIGUSR2).equals(handler(SaFlags.SA_RESTART)) ? "inherited" : "lost");
        });
        add(l, "exec: pending signals", "inherited by the new image (exec)", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            k.kill(null, t.process().pid(), Signals.SIGUSR1);
            t.process().exec(t);
            return t.pendingSet().toString();
        });
        add(
                l,
                "exec: caught, ignored and default actions",
                "caught become SIG_DFL, ignored stay ignored (exec)",
                false,
                "",
                k -> {
                    final ModelThread t = k.spawn(UID, UID).mainThread();
                    t.process().sigaction(Signals.SIGUSR1, handler(0));
                    t.process().sigaction(Signals.SIGUSR2, SigAction.IGNORE);
                    t.process().exec(t);
                    final ModelProcess p = t.process();
                    return "USR1 " + (p.sigaction(Signals.SIGUSR1).isDefault() ? "default" : "other") + ", USR2 "
                            + (p.sigaction(Signals.SIGUSR2).isIgnored() ? "ignored" : "other");
                });
        add(l, "exec: the mask", "inherited (exec)", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            t.process().exec(t);
            return t.mask().toString();
        });
    }

    static void altStack(final List<Scenario> l) {
        add(
                l,
                "sigaltstack with SS_ONSTACK in ss_flags",
                "EINVAL: flags other than SS_DISABLE (sigaltstack())",
                false,
                "",
                k -> attempt(() -> k.spawn(UID, UID)
                        .mainThread()
                        .sigaltstack(new AltStack(0x7000_0000L, 8192, AltStack.SS_ONSTACK))));
        add(
                l,
                "sigaltstack of 2047 bytes",
                "ENOMEM below MINSIGSTKSZ (sigaltstack())",
                false,
                "",
                k -> attempt(() -> k.spawn(UID, UID).mainThread().sigaltstack(new AltStack(0x7000_0000L, 2047, 0))));
        add(
                l,
                "sigaltstack of 2048 bytes",
                "accepted at MINSIGSTKSZ (sigaltstack())",
                false,
                "",
                k -> attempt(() -> k.spawn(UID, UID).mainThread().sigaltstack(new AltStack(0x7000_0000L, 2048, 0))));
    }
}
