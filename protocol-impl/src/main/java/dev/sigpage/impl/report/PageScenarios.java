package dev.sigpage.impl.report;

import static dev.sigpage.impl.report.ScenarioKit.HANDLER;
import static dev.sigpage.impl.report.ScenarioKit.UID;
import static dev.sigpage.impl.report.ScenarioKit.add;
import static dev.sigpage.impl.report.ScenarioKit.attempt;
import static dev.sigpage.impl.report.ScenarioKit.blockedApp;
import static dev.sigpage.impl.report.ScenarioKit.claims;
import static dev.sigpage.impl.report.ScenarioKit.handler;
import static dev.sigpage.impl.report.ScenarioKit.hex;
import static dev.sigpage.impl.report.ScenarioKit.userData;

import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;
import java.util.List;

/** The report's scenarios of the page and the actions: layout facts, what {@code sigaction} stores and what an ignoring action discards. */
final class PageScenarios {
    private PageScenarios() {}

    static void pages(final List<Scenario> l) {
        add(
                l,
                "fresh page: SIGHUP handler word",
                "SIG_DFL at start (2.4.3); the encoding is the implementation's",
                true,
                "",
                k -> hex(k.spawn(UID, UID).control().actionFirst(Signals.SIGHUP)));
        add(
                l,
                "fresh page: SIGCHLD handler word",
                "SIG_DFL, default ignore (2.4.3); encoding open",
                true,
                "",
                k -> hex(k.spawn(UID, UID).control().actionFirst(Signals.SIGCHLD)));
        add(
                l,
                "fresh page: SIGTSTP handler word",
                "SIG_DFL, default stop (2.4.3); encoding open",
                true,
                "",
                k -> hex(k.spawn(UID, UID).control().actionFirst(Signals.SIGTSTP)));
        add(l, "SIG_IGN of SIGINT: handler word and user_data", "encoding open (2.4.3)", true, "", k -> {
            final ModelProcess p = k.spawn(UID, UID);
            p.sigaction(Signals.SIGINT, SigAction.IGNORE);
            return hex(p.control().actionFirst(Signals.SIGINT)) + " " + hex(userData(p, Signals.SIGINT));
        });
        add(l, "explicit SIG_DFL of SIGCHLD equals the fresh bytes", "encoding open (sigaction())", true, "", k -> {
            final ModelProcess p = k.spawn(UID, UID);
            final long before = userData(p, Signals.SIGCHLD);
            p.sigaction(Signals.SIGCHLD, SigAction.DEFAULT);
            return before == userData(p, Signals.SIGCHLD) ? "same" : "differs";
        });
        add(l, "handler word of a SA_RESTART|SA_SIGINFO handler", "encoding open (sigaction())", false, "", k -> {
            final ModelProcess p = k.spawn(UID, UID);
            p.sigaction(Signals.SIGUSR1, handler(SaFlags.SA_RESTART | SaFlags.SA_SIGINFO));
            return hex(p.control().actionFirst(Signals.SIGUSR1));
        });
    }

    static void actions(final List<Scenario> l) {
        add(
                l,
                "sigaction reads back a handler's mask and flags",
                "oact holds the previous action (sigaction())",
                false,
                "",
                k -> {
                    final ModelProcess p = k.spawn(UID, UID);
                    final SigAction act = SigAction.handler(HANDLER, SignalSet.of(Signals.SIGUSR2), SaFlags.SA_RESTART);
                    p.sigaction(Signals.SIGUSR1, act);
                    return p.sigaction(Signals.SIGUSR1).equals(act) ? "same action" : "changed";
                });
        add(
                l,
                "sigaction reads back SIG_DFL of SIGUSR1 with SA_RESTART and a mask",
                "oact holds the previous action (sigaction())",
                false,
                "",
                k -> {
                    final ModelProcess p = k.spawn(UID, UID);
                    final SigAction act =
                            new SigAction(SigAction.SIG_DFL, SignalSet.of(Signals.SIGINT), SaFlags.SA_RESTART);
                    p.sigaction(Signals.SIGUSR1, act);
                    return p.sigaction(Signals.SIGUSR1).equals(act) ? "same action" : "changed";
                });
        add(
                l,
                "sigaction reads back SIG_DFL of SIGTSTP with SA_RESTART",
                "oact holds the previous action (sigaction())",
                false,
                "",
                k -> {
                    final ModelProcess p = k.spawn(UID, UID);
                    p.sigaction(
                            Signals.SIGTSTP, new SigAction(SigAction.SIG_DFL, SignalSet.empty(), SaFlags.SA_RESTART));
                    final SigAction old = p.sigaction(Signals.SIGTSTP);
                    return "flags=" + SaFlags.toString(old.flags()) + " mask="
                            + (old.mask().bits() == -1L ? "full" : old.mask().toString());
                });
        add(
                l,
                "SA_NOCLDSTOP on a SIGUSR1 handler reads back",
                "SA_NOCLDSTOP is defined for SIGCHLD only " + "(sigaction())",
                true,
                "",
                k -> {
                    final ModelProcess p = k.spawn(UID, UID);
                    p.sigaction(Signals.SIGUSR1, handler(SaFlags.SA_NOCLDSTOP));
                    return "flags="
                            + SaFlags.toString(p.sigaction(Signals.SIGUSR1).flags());
                });
        add(
                l,
                "sigaction on SIGKILL",
                "EINVAL: cannot be caught or ignored (sigaction())",
                false,
                "",
                k -> attempt(() -> k.spawn(UID, UID).sigaction(Signals.SIGKILL, handler(0))));
        add(
                l,
                "sigaction on signal 32",
                "EINVAL: not a valid signal number (sigaction())",
                false,
                "",
                k -> attempt(() -> k.spawn(UID, UID).sigaction(Signals.RESERVED, handler(0))));
        add(
                l,
                "sigaction with SA_NOCLDWAIT on SIGUSR1",
                "SA_NOCLDWAIT is an XSI flag (sigaction())",
                true,
                "",
                k -> attempt(() -> k.spawn(UID, UID).sigaction(Signals.SIGUSR1, handler(SaFlags.SA_NOCLDWAIT))));
    }

    static void ignoring(final List<Scenario> l) {
        add(l, "SIG_IGN while pending in another thread", "the pending signal is discarded (2.4.3)", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            final ModelThread other = t.process().createThread(t);
            k.tgkill(null, t.process().pid(), other.tid(), Signals.SIGUSR1);
            t.process().sigaction(t, Signals.SIGUSR1, SigAction.IGNORE);
            return other.threadPendingSet().toString();
        });
        add(l, "SIG_IGN while pending in the calling thread", "discarded (2.4.3)", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR1);
            t.process().sigaction(t, Signals.SIGUSR1, SigAction.IGNORE);
            return t.threadPendingSet().toString();
        });
        add(l, "SIG_IGN while pending for the process", "discarded (2.4.3)", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            k.kill(null, t.process().pid(), Signals.SIGUSR1);
            t.process().sigaction(t, Signals.SIGUSR1, SigAction.IGNORE);
            return t.process().pendingSet().toString();
        });
        add(
                l,
                "SIG_IGN with a queued SIGRTMIN, handler again, one more sigqueue",
                "the queued instance is discarded " + "(2.4.3)",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                    k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 1);
                    t.process().sigaction(t, Signals.SIGRTMIN, SigAction.IGNORE);
                    t.process().sigaction(t, Signals.SIGRTMIN, handler(SaFlags.SA_SIGINFO));
                    k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 2);
                    return claims(t);
                });
        add(
                l,
                "SIG_DFL of SIGCHLD while SIGCHLD is pending",
                "discarded: default action is to ignore (2.4.3)",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGCHLD);
                    t.process().sigaction(t, Signals.SIGCHLD, handler(0));
                    k.kill(null, t.process().pid(), Signals.SIGCHLD);
                    t.process().sigaction(t, Signals.SIGCHLD, SigAction.DEFAULT);
                    return t.process().pendingSet().toString();
                });
    }
}
