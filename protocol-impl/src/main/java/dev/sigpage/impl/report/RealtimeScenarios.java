package dev.sigpage.impl.report;

import static dev.sigpage.impl.report.ScenarioKit.UID;
import static dev.sigpage.impl.report.ScenarioKit.add;
import static dev.sigpage.impl.report.ScenarioKit.attempt;
import static dev.sigpage.impl.report.ScenarioKit.blockedApp;
import static dev.sigpage.impl.report.ScenarioKit.claims;
import static dev.sigpage.impl.report.ScenarioKit.firstClaim;
import static dev.sigpage.impl.report.ScenarioKit.handler;
import static dev.sigpage.impl.report.ScenarioKit.waitResult;

import dev.sigpage.api.SaFlags;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.ModelThread;
import java.util.List;

/** The report's scenarios of queued signals and of waiting for signals ({@code sigtimedwait}). */
final class RealtimeScenarios {
    private RealtimeScenarios() {}

    static void realtime(final List<Scenario> l) {
        add(
                l,
                "two sigqueue of SIGRTMIN (SA_SIGINFO handler, blocked)",
                "both queued, with their values (2.4.2)",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                    t.process().sigaction(Signals.SIGRTMIN, handler(SaFlags.SA_SIGINFO));
                    k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 1);
                    k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 2);
                    return claims(t);
                });
        add(
                l,
                "two tgkills of SIGRTMIN to a blocked thread",
                "queueing required only with a value (2.4.2); " + "otherwise implementation-defined (2.4.1)",
                true,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                    k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGRTMIN);
                    k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGRTMIN);
                    return claims(t);
                });
        add(
                l,
                "kill of SIGRTMIN (not pending)",
                "the signal is generated (kill())",
                false,
                "Redox's procmgr fails with ESRCH unless already pending: modelled as intended",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                    final String r = attempt(() -> k.kill(null, t.process().pid(), Signals.SIGRTMIN));
                    return r + " " + claims(t);
                });
        add(
                l,
                "sigqueue of SIGUSR1 with value 42: code and value",
                "sent with the value; si_code SI_QUEUE " + "(sigqueue(), <signal.h>)",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                    k.sigqueue(k.spawn(UID, UID).mainThread(), t.process().pid(), Signals.SIGUSR1, 42);
                    final String c = firstClaim(t);
                    return c.substring(c.indexOf("code="));
                });
        add(
                l,
                "33rd sigqueue of SIGRTMIN with 32 queued",
                "EAGAIN when no resources remain (sigqueue())",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                    for (int i = 0; i < 32; i++) {
                        k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, i);
                    }
                    return attempt(() -> k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 32));
                });
        add(
                l,
                "realtime claim order: SIGRTMIN+1 queued to the process, SIGRTMIN to the thread",
                "lowest number " + "first (2.4.2)",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGRTMIN, Signals.SIGRTMIN + 1);
                    k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN + 1, 1);
                    k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGRTMIN);
                    return claims(t);
                });
    }

    static void waiting(final List<Scenario> l) {
        add(
                l,
                "sigtimedwait for a pending blocked SIGUSR1",
                "the signal is accepted (sigtimedwait())",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                    k.kill(null, t.process().pid(), Signals.SIGUSR1);
                    return waitResult(t, Signals.SIGUSR1);
                });
        add(
                l,
                "sigtimedwait for SIGUSR1 with a caught SIGUSR2 deliverable",
                "EINTR: interrupted by an unblocked, " + "caught signal (sigtimedwait())",
                false,
                "",
                k -> {
                    final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                    t.process().sigaction(Signals.SIGUSR2, handler(0));
                    k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR2);
                    return waitResult(t, Signals.SIGUSR1) + " " + t.threadPendingSet();
                });
        add(
                l,
                "sigtimedwait with nothing arriving",
                "EAGAIN when the timeout expires (sigtimedwait())",
                false,
                "",
                k -> waitResult(blockedApp(k, Signals.SIGUSR1), Signals.SIGUSR1));
        add(l, "sigtimedwait: the mask afterwards", "unchanged by the call (sigtimedwait())", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1, Signals.SIGTERM);
            waitResult(t, Signals.SIGUSR1);
            return t.mask().toString();
        });
    }
}
