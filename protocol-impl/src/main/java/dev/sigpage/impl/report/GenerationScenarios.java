package dev.sigpage.impl.report;

import static dev.sigpage.impl.report.ScenarioKit.UID;
import static dev.sigpage.impl.report.ScenarioKit.add;
import static dev.sigpage.impl.report.ScenarioKit.attempt;
import static dev.sigpage.impl.report.ScenarioKit.blockedApp;
import static dev.sigpage.impl.report.ScenarioKit.claims;
import static dev.sigpage.impl.report.ScenarioKit.firstClaim;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;
import java.util.List;

/** The report's scenarios of generation: what a send leaves pending, with which info, and who may send. */
final class GenerationScenarios {
    private GenerationScenarios() {}

    static void generation(final List<Scenario> l) {
        add(l, "kill of a blocked SIGUSR1: pending set", "remains pending while blocked (2.4.1)", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            k.kill(null, t.process().pid(), Signals.SIGUSR1);
            return t.sigpending().toString();
        });
        add(
                l,
                "tgkill of a blocked SIGUSR1: pending in that thread only",
                "pending for the thread (pthread_kill(), " + "2.4.1)",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                    final ModelThread other = t.process().createThread(t);
                    k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR1);
                    return t.threadPendingSet() + " other=" + other.threadPendingSet();
                });
        add(l, "kill of an ignored SIGUSR1 (unblocked)", "discarded (2.4.1)", false, "", k -> {
            final ModelThread t = k.spawn(UID, UID).mainThread();
            t.process().sigaction(Signals.SIGUSR1, SigAction.IGNORE);
            k.kill(null, t.process().pid(), Signals.SIGUSR1);
            return t.pendingSet().toString();
        });
        add(
                l,
                "kill of SIGKILL: pending set",
                "SIGKILL cannot be caught, blocked or ignored (2.4.1); whether it is " + "seen pending is open",
                true,
                "",
                k -> {
                    final ModelProcess p = k.spawn(UID, UID);
                    k.kill(null, p.pid(), Signals.SIGKILL);
                    return p.pendingSet().toString();
                });
        add(
                l,
                "two kills of a blocked SIGUSR1 from two senders: sender seen",
                "one instance; which sender's info is " + "implementation-defined (2.4.1)",
                true,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                    final ModelThread a = k.spawn(UID, UID).mainThread();
                    final ModelThread b = k.spawn(UID, UID).mainThread();
                    k.kill(a, t.process().pid(), Signals.SIGUSR1);
                    k.kill(b, t.process().pid(), Signals.SIGUSR1);
                    final String first = firstClaim(t);
                    return first.startsWith("SIGUSR1 pid=" + a.process().pid() + " ")
                            ? "first sender"
                            : first.startsWith("SIGUSR1 pid=" + b.process().pid() + " ") ? "second sender" : first;
                });
        add(
                l,
                "two tgkills of a blocked SIGUSR1 from two senders: sender seen",
                "one instance; info " + "implementation-defined (2.4.1)",
                true,
                "Redox's procmgr stores a tgkill's sender before its fetch_or, over a pending instance's: modelled as"
                        + " intended",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                    final ModelThread a = k.spawn(UID, UID).mainThread();
                    final ModelThread b = k.spawn(UID, UID).mainThread();
                    k.tgkill(a, t.process().pid(), t.tid(), Signals.SIGUSR1);
                    k.tgkill(b, t.process().pid(), t.tid(), Signals.SIGUSR1);
                    final String first = firstClaim(t);
                    return first.startsWith("SIGUSR1 pid=" + a.process().pid() + " ")
                            ? "first sender"
                            : first.startsWith("SIGUSR1 pid=" + b.process().pid() + " ") ? "second sender" : first;
                });
        add(
                l,
                "claim order of pending SIGTERM, SIGINT, SIGUSR1",
                "unspecified for standard signals (2.4.1)",
                true,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGTERM, Signals.SIGINT, Signals.SIGUSR1);
                    k.kill(null, t.process().pid(), Signals.SIGTERM);
                    k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR1);
                    k.kill(null, t.process().pid(), Signals.SIGINT);
                    return claims(t);
                });
        add(
                l,
                "sigprocmask blocking SIGKILL and SIGSTOP",
                "not blocked, no error (pthread_sigmask())",
                false,
                "",
                k -> {
                    final ModelThread t = k.spawn(UID, UID).mainThread();
                    t.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                    return t.mask().contains(Signals.SIGKILL) || t.mask().contains(Signals.SIGSTOP)
                            ? "blocked"
                            : "not blocked";
                });
        add(l, "new thread: mask and pending", "creator's mask, nothing pending (pthread_create())", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR2);
            final ModelThread n = t.process().createThread(t);
            return "mask=" + n.mask() + " pending=" + n.threadPendingSet();
        });
    }

    static void permission(final List<Scenario> l) {
        add(
                l,
                "kill by a uid equal to the target's saved uid only",
                "permitted: real or effective uid matches real " + "or saved set-user-ID (kill())",
                false,
                "",
                k -> {
                    final ModelProcess target = k.spawn(2000, UID);
                    return attempt(() -> k.kill(k.spawn(UID, UID).mainThread(), target.pid(), Signals.SIGUSR1));
                });
        add(l, "kill by a uid equal to the target's real uid", "permitted (kill())", false, "", k -> {
            final ModelProcess target = k.spawn(UID, 2000);
            return attempt(() -> k.kill(k.spawn(UID, UID).mainThread(), target.pid(), Signals.SIGUSR1));
        });
        add(l, "kill by root", "permitted with appropriate privileges (kill())", false, "", k -> {
            final ModelProcess target = k.spawn(UID, UID);
            return attempt(() -> k.kill(k.spawn(0, 0).mainThread(), target.pid(), Signals.SIGUSR1));
        });
        add(l, "kill by an unrelated uid", "EPERM (kill())", false, "", k -> {
            final ModelProcess target = k.spawn(UID, UID);
            return attempt(() -> k.kill(k.spawn(3000, 3000).mainThread(), target.pid(), Signals.SIGUSR1));
        });
        add(l, "kill of signal 0 to a live process", "error checking only, nothing sent (kill())", false, "", k -> {
            final ModelProcess target = k.spawn(UID, UID);
            return attempt(() -> k.kill(k.spawn(UID, UID).mainThread(), target.pid(), 0)) + " " + target.pendingSet();
        });
        add(l, "kill of signal 0 by an unrelated uid", "EPERM (kill())", false, "", k -> {
            final ModelProcess target = k.spawn(UID, UID);
            return attempt(() -> k.kill(k.spawn(3000, 3000).mainThread(), target.pid(), 0));
        });
        add(l, "kill of signal 0 to an exited process", "ESRCH (kill())", false, "", k -> {
            final ModelProcess p = k.spawn(UID, UID);
            p.exit(0);
            return attempt(() -> k.kill(k.spawn(UID, UID).mainThread(), p.pid(), 0));
        });
        add(
                l,
                "kill of signal 65",
                "EINVAL (kill())",
                false,
                "",
                k -> attempt(() -> k.kill(null, k.spawn(UID, UID).pid(), 65)));
        add(l, "kill of an exited process", "ESRCH (kill())", false, "", k -> {
            final ModelProcess p = k.spawn(UID, UID);
            p.exit(0);
            return attempt(() -> k.kill(null, p.pid(), Signals.SIGUSR1));
        });
    }
}
