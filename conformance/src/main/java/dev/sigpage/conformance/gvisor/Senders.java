package dev.sigpage.conformance.gvisor;

import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;
import static dev.sigpage.conformance.Check.succeeds;
import static dev.sigpage.conformance.Check.that;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Lab;
import dev.sigpage.conformance.Suite;
import dev.sigpage.conformance.Waits;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.ProcessEvent;
import dev.sigpage.impl.engine.Sys;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** gVisor's {@code kill.cc}, {@code tgkill.cc}, {@code tkill.cc}, {@code rtsignal.cc} and {@code pause.cc}. */
final class Senders {
    private static final String LINUX_EINVAL = "Linux refuses a thread or process id of 0 or below with EINVAL;"
            + " the model looks the id up and answers ESRCH. POSIX does not define tgkill.";
    private static final String KILL_TID = "Linux's kill accepts any thread id, as thread ids share the pid space;"
            + " the model's kill looks up processes only and answers ESRCH. POSIX's kill takes process ids.";

    private Senders() {}

    static void addTo(final List<Case> out) {
        kill(new Cases(Suite.GVISOR, "kill", out));
        tgkill(new Cases(Suite.GVISOR, "tgkill", out));
        tkill(new Cases(Suite.GVISOR, "tkill", out));
        rtsignal(new Cases(Suite.GVISOR, "rtsignal", out));
        pause(new Cases(Suite.GVISOR, "pause", out));
    }

    /**
     * Forks a child that moves itself into a process group ({@code setpgid(0, group)}: 0 for a group of its own),
     * then waits in pause() until a signal ends it; returns once the child has moved.
     */
    private static EngineProcess groupLeader(final Sys sys, final int group) {
        final CountDownLatch moved = new CountDownLatch(1);
        final EngineProcess child = sys.fork(cs -> {
            cs.process().model().setpgid(group);
            moved.countDown();
            pause(cs);
        });
        Waits.await(moved);
        return child;
    }

    /** Forks a child of the case's own process that waits in pause() until a signal ends it. */
    private static EngineProcess pausingChild(final Sys sys) {
        return sys.fork(Senders::pause);
    }

    /** pause() for ever: only a signal that ends the process ends it. */
    private static void pause(final Sys cs) {
        while (true) {
            try {
                cs.sigsuspend(cs.mask());
            } catch (final dev.sigpage.api.SignalException e) {
                eq(Errno.EINTR, e.errno(), "pause");
            }
        }
    }

    private static void kill(final Cases c) {
        c.test(
                "CanKillValidPid",
                "kill(getpid(), 0) and kill(0, 0) succeed (kill(tid, 0) is CannotKillTid)",
                lab -> lab.runOk(sys -> {
                    succeeds(() -> sys.kill(sys.pid(), 0), "kill(getpid(), 0)");
                    succeeds(() -> sys.kill(0, 0), "kill(0, 0)");
                }));
        // The suite runs this test under gVisor only, where the sandbox holds nothing else; a fresh engine per case
        // is the same closed world. The sender's own SIGWINCH, where the profile signals it (redox), is ignored.
        c.test(
                "CanKillAllPIDs",
                "kill(-1, SIGWINCH) reaches a child waiting in pause (gVisor only)",
                lab -> lab.runOk(sys -> {
                    final CountDownLatch ready = new CountDownLatch(1);
                    final EngineProcess child = sys.fork(cs -> {
                        final AtomicInteger ran = new AtomicInteger();
                        cs.sigaction(Signals.SIGWINCH, (s, i, x) -> ran.incrementAndGet(), SignalSet.empty(), 0);
                        cs.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGWINCH));
                        ready.countDown();
                        while (ran.get() == 0) {
                            try {
                                cs.sigsuspend(SignalSet.empty());
                            } catch (final dev.sigpage.api.SignalException e) {
                                eq(Errno.EINTR, e.errno(), "pause");
                            }
                        }
                        cs.exit(ran.get());
                    });
                    Waits.await(ready);
                    sys.kill(-1, Signals.SIGWINCH);
                    eq(
                            new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 1),
                            sys.waitpid(child),
                            "child's end (its status counts the handler's runs)");
                }));
        c.test(
                "CannotKillInvalidPID",
                "once a child has exited and been waited for, kill(child, 0) fails with ESRCH",
                lab -> lab.runOk(sys -> {
                    final EngineProcess child = sys.fork(cs -> {});
                    eq(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 0), sys.waitpid(child), "child's end");
                    fails(Errno.ESRCH, () -> sys.kill(child.pid(), 0), "kill(child, 0)");
                }));
        c.test(
                "CannotUseInvalidSignal",
                "kill(getpid(), 200) fails with EINVAL",
                lab -> lab.runOk(sys -> fails(Errno.EINVAL, () -> sys.kill(sys.pid(), 200), "kill(getpid(), 200)")));
        c.test(
                "CanKillRemoteProcess",
                "SIGKILL ends a child waiting in pause; waitpid reports it killed by SIGKILL",
                lab -> lab.runOk(sys -> {
                    final EngineProcess child = pausingChild(sys);
                    sys.kill(child.pid(), SIGKILL);
                    eq(new ProcessEvent(ProcessEvent.Kind.KILLED, child.pid(), SIGKILL), sys.waitpid(child), "event");
                }));
        c.test(
                "CanKillOwnProcess",
                "kill(getpid(), 0) succeeds",
                lab -> lab.runOk(sys -> succeeds(() -> sys.kill(sys.pid(), 0), "kill(getpid(), 0)")));
        c.test(
                        "CannotKillTid",
                        "kill with the thread id of another thread of the process succeeds (Linux)",
                        lab -> lab.runOk(sys -> {
                            final CountDownLatch finished = new CountDownLatch(1);
                            final UserThread t = sys.spawnThread(ts -> Waits.await(finished));
                            try {
                                succeeds(() -> sys.kill(t.tid(), 0), "kill(tid, 0)");
                            } finally {
                                finished.countDown();
                                Waits.join(t);
                            }
                        }))
                .failsWith("kill(tid, 0): expected success, got ESRCH")
                .choice(KILL_TID);
        // The engine's Sys has no setpgid and the model's setpgid moves the calling process only: each child moves
        // itself (setpgid(0, pgid)) and the parent waits until it has, where the test's parent also calls
        // setpgid(child, pgid) to close the race.
        c.test(
                "SetPgid",
                "a child put in its own process group is killed and reaped through -pgid",
                lab -> lab.runOk(sys -> {
                    for (int round = 0; round < 10; round++) {
                        final EngineProcess child = groupLeader(sys, 0);
                        sys.kill(-child.pid(), SIGKILL);
                        eq(
                                new ProcessEvent(ProcessEvent.Kind.KILLED, child.pid(), SIGKILL),
                                sys.waitpid(child),
                                "child's end, round " + round);
                    }
                }));
        c.test(
                "ProcessGroups",
                "kill(-pgid, SIGKILL) ends both members of a group, then fails with ESRCH",
                lab -> lab.runOk(sys -> {
                    final EngineProcess first = groupLeader(sys, 0);
                    final EngineProcess second = groupLeader(sys, first.pid());
                    eq(first.pid(), second.model().pgid(), "the second child's group");
                    sys.kill(-first.pid(), SIGKILL);
                    eq(
                            new ProcessEvent(ProcessEvent.Kind.KILLED, first.pid(), SIGKILL),
                            sys.waitpid(first),
                            "first child's end");
                    eq(
                            new ProcessEvent(ProcessEvent.Kind.KILLED, second.pid(), SIGKILL),
                            sys.waitpid(second),
                            "second child's end");
                    fails(Errno.ESRCH, () -> sys.kill(-first.pid(), SIGKILL), "kill(-pgid) once the group is empty");
                }));
        c.test(
                        "ChildDropsPrivsCannotKill",
                        "a process of another uid cannot kill, tgkill, tkill or sigqueue to"
                                + " the parent: EPERM every time",
                        lab -> {
                            final Sys parent = lab.self();
                            final EngineProcess other = lab.spawn(2000, 2000);
                            final UserThread t = other.start(sys -> {
                                fails(Errno.EPERM, () -> sys.kill(parent.pid(), SIGKILL), "kill");
                                fails(Errno.EPERM, () -> sys.tgkill(parent.pid(), parent.tid(), SIGKILL), "tgkill");
                                fails(Errno.EPERM, () -> sys.tgkill(parent.pid(), parent.tid(), SIGKILL), "tkill");
                                fails(Errno.EPERM, () -> sys.sigqueue(parent.pid(), SIGKILL, 0), "sigqueue");
                            });
                            lab.join(t);
                            that(!parent.process().isEnded(), "the parent is alive");
                        })
                .choice("the model has no setresuid: the child that dropped its privileges is a process spawned with"
                        + " uid 2000, the parent has uid 1000.");
        c.notApplicable(
                "CanSIGCONTSameSession",
                "SIGCONT to a process of the same session needs no uid match",
                "sessions: the model has no session ids");
    }

    private static void tgkill(final Cases c) {
        c.test(
                        "InvalidTID",
                        "tgkill(getpid(), -1 or 0, 0) fails with EINVAL",
                        lab -> lab.runOk(sys -> {
                            fails(Errno.EINVAL, () -> sys.tgkill(sys.pid(), -1, 0), "tgkill(getpid(), -1, 0)");
                            fails(Errno.EINVAL, () -> sys.tgkill(sys.pid(), 0, 0), "tgkill(getpid(), 0, 0)");
                        }))
                .failsWith("tgkill(getpid(), -1, 0): expected EINVAL, got ESRCH")
                .choice(LINUX_EINVAL);
        c.test(
                        "InvalidTGID",
                        "tgkill(-1 or 0, gettid(), 0) fails with EINVAL",
                        lab -> lab.runOk(sys -> {
                            fails(Errno.EINVAL, () -> sys.tgkill(-1, sys.tid(), 0), "tgkill(-1, gettid(), 0)");
                            fails(Errno.EINVAL, () -> sys.tgkill(0, sys.tid(), 0), "tgkill(0, gettid(), 0)");
                        }))
                .failsWith("tgkill(-1, gettid(), 0): expected EINVAL, got ESRCH")
                .choice(LINUX_EINVAL);
        c.test(
                "ValidInput",
                "tgkill(getpid(), gettid(), 0) succeeds",
                lab -> lab.runOk(
                        sys -> succeeds(() -> sys.tgkill(sys.pid(), sys.tid(), 0), "tgkill(getpid(), gettid(), 0)")));
    }

    private static void tkill(final Cases c) {
        c.test(
                        "InvalidTID",
                        "tkill(-1 or 0, 0) fails with EINVAL",
                        lab -> lab.runOk(sys -> {
                            // tkill(tid, sig) is the binding's tgkill with the caller's own process.
                            fails(Errno.EINVAL, () -> sys.tgkill(sys.pid(), -1, 0), "tkill(-1, 0)");
                            fails(Errno.EINVAL, () -> sys.tgkill(sys.pid(), 0, 0), "tkill(0, 0)");
                        }))
                .failsWith("tkill(-1, 0): expected EINVAL, got ESRCH")
                .choice(LINUX_EINVAL);
        c.test(
                "ValidTID",
                "tkill(gettid(), 0) succeeds",
                lab -> lab.runOk(sys -> succeeds(() -> sys.tgkill(sys.pid(), sys.tid(), 0), "tkill(gettid(), 0)")));
        c.test(
                "ValidTIDAndRealSignal",
                "tkill(gettid(), SIGRTMAX) runs an SA_SIGINFO handler with si_pid = getpid(),"
                        + " si_uid = getuid(), si_code = SI_TKILL",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(
                            Signals.SIGRTMAX,
                            (s, i, x) -> ev.add(s + " " + i.senderPid() + " " + i.senderUid() + " " + i.code()),
                            SignalSet.full(),
                            SaFlags.SA_SIGINFO);
                    sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(Signals.SIGRTMAX));
                    sys.tgkill(sys.pid(), sys.tid(), Signals.SIGRTMAX);
                    eq(
                            List.of(Signals.SIGRTMAX + " " + sys.pid() + " " + Lab.UID + " " + SigInfo.SI_TKILL),
                            ev.list(),
                            "signo, si_pid, si_uid, si_code");
                }));
    }

    private static void rtsignal(final Cases c) {
        c.test(
                        "InvalidTID",
                        "rt_sigqueueinfo to pid -1 or 0 fails and delivers nothing",
                        lab -> lab.runOk(sys -> {
                            final Events ev = new Events();
                            sys.sigaction(SIGUSR1, (s, i, x) -> ev.add("info"), SignalSet.empty(), SaFlags.SA_SIGINFO);
                            fails(Errno.ESRCH, () -> sys.sigqueue(-1, SIGUSR1, 0), "sigqueue(-1)");
                            fails(Errno.ESRCH, () -> sys.sigqueue(0, SIGUSR1, 0), "sigqueue(0)");
                            eq(0, ev.size(), "handlers run");
                        }))
                .choice(
                        "the test asks only for a failure; the model answers ESRCH (Linux: pid 0 means the caller's group,"
                                + " -1 is refused with ESRCH as well).");
        c.notApplicable(
                "InvalidCodes",
                "rt_sigqueueinfo to another process with a kernel si_code (SI_USER, SI_KERNEL,"
                        + " SI_TKILL) fails with EPERM; SI_QUEUE is allowed",
                "a caller-chosen si_code: the binding's sigqueue always sends SI_QUEUE");
        c.notApplicable(
                "ValueDelivered",
                "the si_errno a sender puts in rt_sigqueueinfo reaches the handler",
                "si_errno: the protocol's siginfo carries signo, code, pid, uid and value only");
        c.test(
                "SignoMatch",
                "a queued SIGUSR1 and then SIGUSR2 reach their handler with si_signo set to each",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> ev.add(Integer.toString(i.signo())),
                            SignalSet.empty(),
                            SaFlags.SA_SIGINFO);
                    sys.sigaction(
                            SIGUSR2,
                            (s, i, x) -> ev.add(Integer.toString(i.signo())),
                            SignalSet.empty(),
                            SaFlags.SA_SIGINFO);
                    sys.sigqueue(sys.pid(), SIGUSR1, 0);
                    sys.sigqueue(sys.pid(), SIGUSR2, 0);
                    eq(List.of(Integer.toString(SIGUSR1), Integer.toString(SIGUSR2)), ev.list(), "si_signo seen");
                }));
    }

    private static void pause(final Cases c) {
        c.test(
                        "OnlyReturnsWhenSignalHandled",
                        "pause ignores an ignored signal and returns EINTR only for a handled one",
                        lab -> {
                            final AtomicInteger sent = new AtomicInteger();
                            final AtomicInteger waking = new AtomicInteger();
                            final EngineProcess p = lab.spawn();
                            final UserThread t = p.start(sys -> {
                                sys.sigaction(SIGUSR1, SigAction.IGNORE);
                                sys.sigaction(SIGUSR2, (s, i, x) -> {}, SignalSet.full(), SaFlags.SA_SIGINFO);
                                fails(Errno.EINTR, () -> sys.sigsuspend(sys.mask()), "pause");
                                waking.set(sent.get());
                            });
                            lab.blocked(t);
                            sent.set(SIGUSR1);
                            lab.tgkill(t, SIGUSR1);
                            sent.set(SIGUSR2);
                            lab.tgkill(t, SIGUSR2);
                            lab.join(t);
                            eq(SIGUSR2, waking.get(), "signal sent last when pause returned");
                        })
                .choice("pause() is sigsuspend with the current mask, as C libraries write it.");
    }
}
