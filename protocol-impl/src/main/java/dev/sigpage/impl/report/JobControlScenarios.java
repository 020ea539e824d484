package dev.sigpage.impl.report;

import static dev.sigpage.impl.report.ScenarioKit.UID;
import static dev.sigpage.impl.report.ScenarioKit.add;
import static dev.sigpage.impl.report.ScenarioKit.attempt;
import static dev.sigpage.impl.report.ScenarioKit.blockedApp;
import static dev.sigpage.impl.report.ScenarioKit.handler;
import static dev.sigpage.impl.report.ScenarioKit.jobApp;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;
import java.util.List;

/** The report's scenarios of job control: stop and continue signals, and sends to process groups. */
final class JobControlScenarios {
    private JobControlScenarios() {}

    static void stopContinue(final List<Scenario> l) {
        add(
                l,
                "kill of SIGSTOP: pending set and run state",
                "stops the process (2.4.3); pending until delivered " + "is open",
                true,
                "",
                k -> {
                    final ModelProcess p = k.spawn(UID, UID);
                    k.kill(null, p.pid(), Signals.SIGSTOP);
                    return p.pendingSet() + (p.isStopped() ? " stopped" : "");
                });
        add(l, "kill of SIGTSTP (SIG_DFL) while blocked", "a blocked signal remains pending (2.4.1)", false, "", k -> {
            final ModelThread t = jobApp(k, Signals.SIGTSTP);
            k.kill(null, t.process().pid(), Signals.SIGTSTP);
            return t.process().pendingSet() + (t.process().isStopped() ? " stopped" : "");
        });
        add(
                l,
                "kill of SIGTSTP with a SA_NOCLDSTOP handler",
                "pending, the handler runs (2.4.3)",
                false,
                "Redox's procmgr reads bit 62 as stop-by-default and stops: modelled as intended",
                k -> {
                    final ModelThread t = jobApp(k, Signals.SIGTSTP);
                    t.process().sigaction(Signals.SIGTSTP, handler(SaFlags.SA_NOCLDSTOP));
                    k.kill(null, t.process().pid(), Signals.SIGTSTP);
                    return t.process().pendingSet() + (t.process().isStopped() ? " stopped" : "");
                });
        add(
                l,
                "SIGCONT to a running process with a caught SIGTSTP pending",
                "pending stop signals discarded when " + "SIGCONT is generated (2.4.1)",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGTSTP, Signals.SIGCONT);
                    t.process().sigaction(Signals.SIGTSTP, handler(0));
                    k.kill(null, t.process().pid(), Signals.SIGTSTP);
                    k.kill(null, t.process().pid(), Signals.SIGCONT);
                    return t.process().pendingSet().toString();
                });
        add(
                l,
                "stop signal discards a pending SIGCONT",
                "pending SIGCONT discarded when a stop signal is generated " + "(2.4.1)",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGCONT);
                    k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGCONT);
                    k.kill(null, t.process().pid(), Signals.SIGSTOP);
                    return "thread=" + t.threadPendingSet() + " process="
                            + t.process()
                                    .pendingSet()
                                    .toString()
                                    .replace("SIGSTOP", "")
                                    .replace("{,", "{");
                });
        add(
                l,
                "SIGCONT (blocked) after SIGSTOP",
                "continued even if SIGCONT is blocked; SIGCONT stays pending " + "(2.4.1)",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGCONT);
                    k.kill(null, t.process().pid(), Signals.SIGSTOP);
                    k.kill(null, t.process().pid(), Signals.SIGCONT);
                    return t.process().pendingSet() + (t.process().isStopped() ? " stopped" : " running");
                });
        add(
                l,
                "SIGCONT (ignored) after SIGSTOP",
                "continued even if SIGCONT is ignored; SIGCONT discarded (2.4.1)",
                false,
                "",
                k -> {
                    final ModelThread t = k.spawn(UID, UID).mainThread();
                    t.process().sigaction(Signals.SIGCONT, SigAction.IGNORE);
                    k.kill(null, t.process().pid(), Signals.SIGSTOP);
                    k.kill(null, t.process().pid(), Signals.SIGCONT);
                    return t.process().pendingSet() + (t.process().isStopped() ? " stopped" : " running");
                });
    }

    static void groups(final List<Scenario> l) {
        add(
                l,
                "kill(0): the sender's group and another process",
                "every process in the sender's group (kill())",
                false,
                "",
                k -> {
                    final ModelThread sender = k.spawn(UID, UID).mainThread();
                    final ModelThread member = sender.process().fork(sender).mainThread();
                    final ModelThread outsider = k.spawn(UID, UID).mainThread();
                    member.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
                    outsider.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
                    sender.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
                    k.kill(sender, 0, Signals.SIGUSR1);
                    return "sender=" + sender.pendingSet() + " member=" + member.pendingSet() + " outsider="
                            + outsider.pendingSet();
                });
        add(l, "kill(-pgid) of a job's group", "every process in the group (kill())", false, "", k -> {
            final ModelThread job = jobApp(k, Signals.SIGUSR1);
            final ModelThread sibling = job.process().fork(job).mainThread();
            k.kill(null, -job.process().pgid(), Signals.SIGUSR1);
            return "job=" + job.pendingSet() + " sibling=" + sibling.pendingSet();
        });
        add(
                l,
                "kill(-pgid) of a group with no member",
                "ESRCH (kill())",
                false,
                "",
                k -> attempt(() -> k.kill(k.spawn(UID, UID).mainThread(), -9999, Signals.SIGUSR1)));
        add(
                l,
                "kill(-1): is the sender signalled",
                "every process it may signal, except an unspecified set of " + "system processes (kill())",
                true,
                "",
                k -> {
                    final ModelThread sender = blockedApp(k, Signals.SIGUSR1);
                    final ModelThread other = blockedApp(k, Signals.SIGUSR1);
                    k.kill(sender, -1, Signals.SIGUSR1);
                    return "sender=" + sender.pendingSet() + " other=" + other.pendingSet();
                });
        add(
                l,
                "kill(-1) by a uid that may signal no other process",
                "EPERM unless it may signal some process " + "(kill()); whether that includes itself is open",
                true,
                "",
                k -> {
                    k.spawn(UID, UID);
                    final ModelThread sender = k.spawn(4000, 4000).mainThread();
                    sender.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
                    return attempt(() -> k.kill(sender, -1, Signals.SIGUSR1)) + " " + sender.pendingSet();
                });
        add(
                l,
                "SIGTSTP (SIG_DFL) to a process of an orphaned group",
                "not stopped: discarded where delivery would " + "stop it (2.4.3)",
                true,
                "",
                k -> {
                    final ModelProcess p = k.spawn(UID, UID);
                    k.kill(null, p.pid(), Signals.SIGTSTP);
                    return p.pendingSet() + (p.isStopped() ? " stopped" : "");
                });
        add(
                l,
                "SIGSTOP to a process of an orphaned group",
                "stops: SIGSTOP cannot be caught or ignored (2.4.3)",
                true,
                "",
                k -> {
                    final ModelProcess p = k.spawn(UID, UID);
                    k.kill(null, p.pid(), Signals.SIGSTOP);
                    return p.pendingSet() + (p.isStopped() ? " stopped" : "");
                });
    }
}
