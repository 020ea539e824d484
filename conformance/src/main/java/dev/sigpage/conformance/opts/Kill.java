package dev.sigpage.conformance.opts;

import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;
import static dev.sigpage.conformance.Check.succeeds;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Sigs;
import dev.sigpage.conformance.Suite;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.Sys;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code kill}: assertions of the Open POSIX Test Suite's {@code kill/assertions.xml}. */
final class Kill {
    private Kill() {}

    /** A pid no process has. */
    static final int NO_SUCH_PID = 999_999;

    static void addTo(final List<Case> out) {
        final Cases c = new Cases(Suite.OPTS, "kill", out);

        c.test(
                "1",
                "kill sends the signal to the process named by pid: a child waiting in sigwait receives it",
                lab -> {
                    final AtomicInteger got = new AtomicInteger();
                    final EngineProcess target = lab.spawn();
                    final UserThread t = target.start(sys -> {
                        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                        got.set(sys.sigwait(SignalSet.of(SIGUSR1)));
                    });
                    lab.blocked(t);
                    lab.self().kill(target.pid(), SIGUSR1);
                    lab.join(t);
                    eq(SIGUSR1, got.get(), "signal sigwait returned");
                });

        c.test(
                "2",
                "with the null signal kill only checks pid and sends nothing",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                    succeeds(() -> sys.kill(sys.pid(), 0), "kill(self, 0)");
                    eq(SignalSet.empty(), sys.sigpending(), "pending after kill(self, 0)");
                    fails(Errno.ESRCH, () -> sys.kill(NO_SUCH_PID, 0), "kill(no such pid, 0)");
                }));

        c.test("3", "kill fails with EPERM unless the sender's uid matches the target's real or saved uid", lab -> {
                    final EngineProcess other = lab.spawn(2000, 2000);
                    final EngineProcess saved = lab.spawn(2000, 1000);
                    final Sys sys = lab.self();
                    fails(Errno.EPERM, () -> sys.kill(other.pid(), SIGUSR1), "uid 1000 to ruid 2000 suid 2000");
                    fails(Errno.EPERM, () -> sys.kill(other.pid(), 0), "null signal to ruid 2000 suid 2000");
                    eq(SignalSet.empty(), other.model().pendingSet(), "pending on the refused target");
                    succeeds(() -> sys.kill(saved.pid(), Signals.SIGCHLD), "uid 1000 to ruid 2000 suid 1000");
                    final EngineProcess root = lab.spawn(0, 0);
                    final UserThread r = root.start(rs -> rs.kill(other.pid(), Signals.SIGCHLD));
                    lab.join(r);
                })
                .choice(
                        "the model keeps one uid per sender (no separate effective uid): the sender's real uid is compared"
                                + " with the target's real and saved uids, and uid 0 may signal anyone.");

        c.test("4", "a positive pid sends to that process only", lab -> {
            final EngineProcess a = lab.spawn();
            final EngineProcess b = lab.spawn();
            lab.self().kill(a.pid(), SIGUSR2);
            eq(SignalSet.of(SIGUSR2), a.model().pendingSet(), "pending on the target");
            eq(SignalSet.empty(), b.model().pendingSet(), "pending on the other process");
        });

        // The engine's Sys has no setpgid: a process joins a group through its model's setpgid, which moves the
        // process itself as setpgid(0, pgid) does, before the case sends.
        c.test("5", "pid 0 sends to every process of the sender's process group it may signal", lab -> {
            final Sys sys = lab.self();
            sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
            final EngineProcess leader = lab.spawn();
            final EngineProcess stranger = lab.spawn(2000, 2000);
            final EngineProcess outsider = lab.spawn();
            sys.process().model().setpgid(leader.pid());
            stranger.model().setpgid(leader.pid());
            sys.kill(0, SIGUSR1);
            eq(SignalSet.of(SIGUSR1), sys.sigpending(), "pending on the sender, a member of its own group");
            eq(SignalSet.of(SIGUSR1), leader.model().pendingSet(), "pending on the group's leader");
            eq(SignalSet.empty(), stranger.model().pendingSet(), "pending on the member of another uid");
            eq(SignalSet.empty(), outsider.model().pendingSet(), "pending on the process of another group");
        });
        c.test("6", "pid -1 sends to every process the sender may signal", lab -> {
                    final Sys sys = lab.self();
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
                    final EngineProcess a = lab.spawn();
                    final EngineProcess b = lab.spawn();
                    final EngineProcess stranger = lab.spawn(2000, 2000);
                    b.model().setpgid(a.pid());
                    sys.kill(-1, SIGUSR2);
                    eq(SignalSet.of(SIGUSR2), a.model().pendingSet(), "pending on a process of another group");
                    eq(SignalSet.of(SIGUSR2), b.model().pendingSet(), "pending on a second process of that group");
                    eq(SignalSet.empty(), stranger.model().pendingSet(), "pending on the process of another uid");
                })
                .choice(
                        "POSIX lets the broadcast leave out an unspecified set of system processes; whether the sender itself"
                                + " is signalled is therefore open, and the case does not check it. The posix profile leaves the sender"
                                + " out, as Linux does; the redox profile signals it too, as Redox's process manager signals every"
                                + " process it may.");
        c.test("7", "a pid below -1 sends to the process group |pid|", lab -> {
            final Sys sys = lab.self();
            sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
            final EngineProcess leader = lab.spawn();
            final EngineProcess member = lab.spawn();
            final EngineProcess stranger = lab.spawn(2000, 2000);
            final EngineProcess outsider = lab.spawn();
            member.model().setpgid(leader.pid());
            stranger.model().setpgid(leader.pid());
            sys.kill(-leader.pid(), SIGUSR1);
            eq(SignalSet.of(SIGUSR1), leader.model().pendingSet(), "pending on the group's leader");
            eq(SignalSet.of(SIGUSR1), member.model().pendingSet(), "pending on the group's other member");
            eq(SignalSet.empty(), stranger.model().pendingSet(), "pending on the member of another uid");
            eq(SignalSet.empty(), outsider.model().pendingSet(), "pending on the process of another group");
            eq(SignalSet.empty(), sys.sigpending(), "pending on the sender, outside the group");
        });

        c.test(
                "8",
                "a signal kill sends to the sender itself is delivered (if unblocked) before kill returns",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    for (final int sig : Sigs.CATCHABLE) {
                        sys.sigaction(sig, Sigs.recording(ev), SignalSet.empty(), 0);
                        sys.kill(sys.pid(), sig);
                        eq(1, ev.count(Sigs.ran(sig)), "handlers of " + Signals.name(sig) + " when kill returns");
                    }
                }));

        c.notApplicable(
                "9",
                "SIGCONT to a process of the sender's session is exempt from the uid check",
                "sessions: the model has no session ids");
        c.notApplicable(
                "10",
                "an implementation may restrict sends further, even of the null signal",
                "a latitude with no behaviour to check: the model adds no restriction beyond the uid rule");

        c.test("11", "kill succeeds (returns 0) when the sender may signal the target", lab -> {
            final EngineProcess target = lab.spawn(1000, 1000);
            succeeds(() -> lab.self().kill(target.pid(), Signals.SIGCHLD), "kill to a process of the same uid");
        });

        c.test("12", "an unsuccessful kill reports an error and sends nothing", lab -> {
            final EngineProcess target = lab.spawn(2000, 2000);
            fails(Errno.EPERM, () -> lab.self().kill(target.pid(), SIGUSR1), "kill without permission");
            fails(Errno.EINVAL, () -> lab.self().kill(lab.self().pid(), 65), "kill with signal 65");
            eq(SignalSet.empty(), target.model().pendingSet(), "pending on the target");
            eq(SignalSet.empty(), lab.self().sigpending(), "pending on the sender");
        });

        c.test(
                        "13",
                        "kill fails with EINVAL for an invalid or unsupported signal number",
                        lab -> lab.runOk(sys -> {
                            for (final int sig : new int[] {-1, Signals.RESERVED, 65, 1000, Integer.MIN_VALUE}) {
                                final SignalException e =
                                        fails(Errno.EINVAL, () -> sys.kill(sys.pid(), sig), "kill(self, " + sig + ")");
                                eq((long) sig, e.value(), "offending value named");
                            }
                        }))
                .choice(Sigs.RESERVED_CHOICE);

        c.test("14", "kill fails with EPERM when the sender may signal no receiving process", lab -> {
            final EngineProcess target = lab.spawn(3000, 3000);
            for (final int sig : new int[] {Signals.SIGTERM, Signals.SIGKILL, Signals.SIGSTOP, Signals.SIGRTMIN}) {
                fails(Errno.EPERM, () -> lab.self().kill(target.pid(), sig), "kill(" + Signals.name(sig) + ")");
            }
            eq(false, target.isEnded() || target.isStopped(), "target neither killed nor stopped");
        });

        c.test("15", "kill fails with ESRCH when no process has the pid", lab -> {
            final EngineProcess gone = lab.spawn();
            final UserThread t = gone.start(s -> s.exit(0));
            lab.join(t);
            lab.end(gone);
            fails(Errno.ESRCH, () -> lab.self().kill(NO_SUCH_PID, SIGUSR1), "kill(no such pid)");
            fails(Errno.ESRCH, () -> lab.self().kill(gone.pid(), SIGUSR1), "kill(a process that exited)");
        });
    }
}
