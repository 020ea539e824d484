package dev.sigpage.conformance.opts;

import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGSTOP;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;
import static dev.sigpage.conformance.Check.succeeds;
import static dev.sigpage.conformance.Check.that;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.CaseFailure;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Libc;
import dev.sigpage.conformance.Sigs;
import dev.sigpage.conformance.Suite;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.Sys;
import java.util.List;

/**
 * The signal-set functions ({@code sigemptyset}, {@code sigfillset}, {@code sigaddset}, {@code sigdelset},
 * {@code sigismember}: the api's {@link SignalSet}, checked also through the mask it sets) and {@code killpg}, written
 * in {@link Libc} over {@code kill(-pgrp)}.
 */
final class SetsAndGroups {
    private static final String UNINITIALISED = "an uninitialised sigset_t: Java has no uninitialised objects";
    private static final String NO_FAILURE = "no failure to provoke: the operation cannot fail on a Java value";

    private SetsAndGroups() {}

    static void addTo(final List<Case> out) {
        sets(out);
        killpg(new Cases(Suite.OPTS, "killpg", out));
    }

    /** The Java counterpart of EINVAL for a pure value: IllegalArgumentException naming the number. */
    private static void refuses(final Runnable r, final int sig) {
        try {
            r.run();
        } catch (final IllegalArgumentException e) {
            that(e.getMessage().contains("signal=" + sig), "message names the number: " + e.getMessage());
            return;
        }
        throw new CaseFailure("signal " + sig + " must be refused");
    }

    private static void sets(final List<Case> out) {
        final Cases empty = new Cases(Suite.OPTS, "sigemptyset", out);
        empty.test(
                "1",
                "sigemptyset excludes every signal; set as the mask, it blocks nothing",
                lab -> lab.runOk(sys -> {
                    for (int s = 1; s <= Signals.NSIG; s++) {
                        that(!SignalSet.empty().contains(s), "member " + s);
                    }
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.empty());
                    eq(SignalSet.empty(), sys.mask(), "mask");
                }));
        empty.test(
                "2",
                "sigemptyset succeeds (returns 0)",
                lab -> eq(0, SignalSet.empty().size(), "size"));
        empty.notApplicable("3", "an unsuccessful sigemptyset returns -1 and sets errno", NO_FAILURE);

        final Cases fill = new Cases(Suite.OPTS, "sigfillset", out);
        fill.test(
                "1",
                "sigfillset includes every signal; as the mask it blocks all but SIGKILL and SIGSTOP",
                lab -> lab.runOk(sys -> {
                    for (final int s : Sigs.CATCHABLE) {
                        that(SignalSet.full().contains(s), "member " + s);
                    }
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                    for (final int s : Sigs.CATCHABLE) {
                        that(sys.mask().contains(s), Signals.name(s) + " blocked");
                    }
                }));
        fill.test(
                "2",
                "sigfillset succeeds (returns 0)",
                lab -> eq(Signals.NSIG, SignalSet.full().size(), "size"));
        fill.notApplicable("3", "an unsuccessful sigfillset returns -1 and sets errno", NO_FAILURE);

        final Cases add = new Cases(Suite.OPTS, "sigaddset", out);
        add.test(
                "1",
                "sigaddset adds the signal to the set; blocking the set then holds that signal pending",
                lab -> lab.runOk(sys -> {
                    for (final int s : Sigs.CATCHABLE) {
                        that(SignalSet.empty().with(s).contains(s), "added " + s);
                    }
                    sys.sigaction(SIGUSR1, (s, i, x) -> {}, SignalSet.empty(), 0);
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.empty().with(SIGUSR1));
                    sys.raise(SIGUSR1);
                    eq(SignalSet.of(SIGUSR1), sys.sigpending(), "pending");
                }));
        add.notApplicable("2", "sigaddset on a set not first initialised is undefined", UNINITIALISED);
        add.test(
                "3",
                "sigaddset succeeds (returns 0) and keeps the other members",
                lab -> eq(SignalSet.of(SIGUSR1, SIGKILL), SignalSet.of(SIGKILL).with(SIGUSR1), "set"));
        add.test("4", "an unsuccessful sigaddset reports the error and leaves the set unchanged", lab -> {
                    final SignalSet s = SignalSet.of(SIGUSR1);
                    refuses(() -> s.with(65), 65);
                    eq(SignalSet.of(SIGUSR1), s, "set");
                })
                .choice("the set is a Java value: an out-of-range number is IllegalArgumentException naming it, the"
                        + " counterpart of -1 with EINVAL.");
        add.test("5", "sigaddset refuses an invalid or unsupported signal number", lab -> {
                    for (final int sig : new int[] {0, -1, 65, 1000}) {
                        refuses(() -> SignalSet.empty().with(sig), sig);
                    }
                })
                .choice(
                        "the reserved number 32 is a valid member of the 64-bit set (Linux's kernel sigset_t holds it too);"
                                + " the calls that take a single signal refuse it with EINVAL.");

        final Cases del = new Cases(Suite.OPTS, "sigdelset", out);
        del.test(
                "1",
                "sigdelset removes the signal from the set; unblocking with it delivers the pending signal",
                lab -> lab.runOk(sys -> {
                    for (final int s : Sigs.CATCHABLE) {
                        that(!SignalSet.full().without(s).contains(s), "removed " + s);
                    }
                    final int[] ran = {0};
                    sys.sigaction(SIGUSR1, (s, i, x) -> ran[0]++, SignalSet.empty(), 0);
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                    sys.raise(SIGUSR1);
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.full().without(SIGUSR1));
                    eq(1, ran[0], "handlers run");
                }));
        del.notApplicable("2", "sigdelset on a set not first initialised is undefined", UNINITIALISED);
        del.test(
                "3",
                "sigdelset succeeds (returns 0) and keeps the other members",
                lab -> eq(SignalSet.of(SIGSTOP), SignalSet.of(SIGSTOP, SIGUSR1).without(SIGUSR1), "set"));
        del.test("4", "an unsuccessful sigdelset reports the error and leaves the set unchanged", lab -> {
            final SignalSet s = SignalSet.full();
            refuses(() -> s.without(0), 0);
            eq(SignalSet.full(), s, "set");
        });
        del.test("5", "sigdelset refuses an invalid or unsupported signal number", lab -> {
            for (final int sig : new int[] {0, -5, 65, Integer.MAX_VALUE}) {
                refuses(() -> SignalSet.full().without(sig), sig);
            }
        });

        final Cases member = new Cases(Suite.OPTS, "sigismember", out);
        member.test(
                "1",
                "sigismember tells whether the signal is in the set, the mask read back included",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGUSR1));
                    that(sys.mask().contains(SIGUSR1), "SIGUSR1 in the mask");
                    that(!sys.mask().contains(Signals.SIGUSR2), "SIGUSR2 not in the mask");
                }));
        member.notApplicable("2", "sigismember on a set not first initialised is undefined", UNINITIALISED);
        member.test("3", "sigismember answers 1 (true) for a member", lab -> {
            for (final int s : Sigs.CATCHABLE) {
                that(SignalSet.of(s).contains(s), "member " + s);
            }
        });
        member.test("4", "sigismember answers 0 (false) for a non-member", lab -> {
            for (final int s : Sigs.CATCHABLE) {
                that(!SignalSet.full().without(s).contains(s), "non-member " + s);
            }
        });
        member.test(
                "5",
                "an unsuccessful sigismember reports an error",
                lab -> refuses(() -> SignalSet.full().contains(65), 65));
        member.test("6", "sigismember refuses a number that is not a valid signal", lab -> {
            for (final int sig : new int[] {0, -1, 65, 4096}) {
                refuses(() -> SignalSet.empty().contains(sig), sig);
            }
        });
    }

    private static void killpg(final Cases c) {
        // The engine's Sys has no setpgid: a process joins a group through its model's setpgid, which moves the
        // process itself as setpgid(0, pgid) does, before the case sends. Libc.killpg is kill(-pgrp). The case's
        // own process (lab.self()) is created first and takes the first pid, so that every group a case names has
        // an id above 1: killpg(1) would be kill(-1), a broadcast.
        c.test("1", "killpg sends the signal to the process group pgrp", lab -> {
            final Sys sys = lab.self();
            final EngineProcess leader = lab.spawn();
            final EngineProcess member = lab.spawn();
            final EngineProcess outsider = lab.spawn();
            member.model().setpgid(leader.pid());
            Libc.killpg(sys, leader.pid(), SIGUSR1);
            eq(SignalSet.of(SIGUSR1), leader.model().pendingSet(), "pending on the group's leader");
            eq(SignalSet.of(SIGUSR1), member.model().pendingSet(), "pending on the group's other member");
            eq(SignalSet.empty(), outsider.model().pendingSet(), "pending on the process of another group");
            eq(SignalSet.empty(), sys.sigpending(), "pending on the sender, outside the group");
        });
        c.test("2", "for pgrp above 1, killpg(pgrp, sig) is kill(-pgrp, sig)", lab -> {
            final Sys sys = lab.self();
            final EngineProcess leader = lab.spawn();
            final EngineProcess member = lab.spawn();
            final EngineProcess stranger = lab.spawn(2000, 2000);
            member.model().setpgid(leader.pid());
            stranger.model().setpgid(leader.pid());
            Libc.killpg(sys, leader.pid(), SIGUSR1);
            sys.kill(-leader.pid(), SIGUSR2);
            for (final EngineProcess p : List.of(leader, member)) {
                eq(SignalSet.of(SIGUSR1, SIGUSR2), p.model().pendingSet(), "pending on member pid=" + p.pid());
            }
            eq(SignalSet.empty(), stranger.model().pendingSet(), "pending on the member of another uid");
            fails(Errno.ESRCH, () -> Libc.killpg(sys, Kill.NO_SUCH_PID, SIGUSR1), "killpg(no such group)");
            fails(Errno.ESRCH, () -> sys.kill(-Kill.NO_SUCH_PID, SIGUSR1), "kill(-no such group)");
        });
        c.test("3", "killpg with pgrp at most 1 is undefined", lab -> {
                    final Sys sys = lab.self();
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                    final EngineProcess member = lab.spawn();
                    member.model().setpgid(sys.pid());
                    Libc.killpg(sys, 0, SIGUSR1);
                    eq(SignalSet.of(SIGUSR1), sys.sigpending(), "pending on the sender after killpg(0)");
                    eq(
                            SignalSet.of(SIGUSR1),
                            member.model().pendingSet(),
                            "pending on its group's member after killpg(0)");
                    final SignalException e =
                            fails(Errno.EINVAL, () -> Libc.killpg(sys, -member.pid(), SIGUSR2), "killpg(-pid)");
                    eq((long) -member.pid(), e.value(), "offending value named");
                    eq(SignalSet.of(SIGUSR1), member.model().pendingSet(), "pending on the process -pgrp names");
                })
                .choice(
                        "undefined, so open: Libc's killpg passes 0 and 1 on as kill(0) (the caller's group) and kill(-1)"
                                + " (a broadcast), as glibc and musl do, and refuses a negative pgrp with EINVAL naming it, so that it"
                                + " never signals the single process its negation names.");
        c.test("4", "killpg returns 0 on success", lab -> {
            final Sys sys = lab.self();
            final EngineProcess leader = lab.spawn();
            succeeds(() -> Libc.killpg(sys, leader.pid(), Signals.SIGCHLD), "killpg(a group of the same uid)");
            succeeds(() -> Libc.killpg(sys, leader.pid(), 0), "killpg(a group, 0)");
        });
        c.test("5", "killpg returns -1 on failure", lab -> {
                    final Sys sys = lab.self();
                    final EngineProcess leader = lab.spawn();
                    fails(Errno.EINVAL, () -> Libc.killpg(sys, leader.pid(), 65), "killpg(group, 65)");
                    fails(Errno.ESRCH, () -> Libc.killpg(sys, Kill.NO_SUCH_PID, SIGUSR1), "killpg(no such group)");
                    eq(SignalSet.empty(), leader.model().pendingSet(), "pending on the group after the failures");
                })
                .choice("a failing call of the model throws SignalException with the errno, the counterpart of -1 and"
                        + " errno.");
        c.test("6", "killpg fails with EINVAL for an invalid or unsupported signal number", lab -> {
                    final Sys sys = lab.self();
                    final EngineProcess leader = lab.spawn();
                    for (final int sig : new int[] {-1, Signals.RESERVED, 65, 1000}) {
                        final SignalException e = fails(
                                Errno.EINVAL, () -> Libc.killpg(sys, leader.pid(), sig), "killpg(group, " + sig + ")");
                        eq((long) sig, e.value(), "offending value named");
                    }
                    eq(SignalSet.empty(), leader.model().pendingSet(), "pending on the group");
                })
                .choice(Sigs.RESERVED_CHOICE);
        c.test("7", "killpg fails with EPERM when the sender may signal no process of the group", lab -> {
            final Sys sys = lab.self();
            final EngineProcess leader = lab.spawn(2000, 2000);
            final EngineProcess member = lab.spawn(3000, 3000);
            member.model().setpgid(leader.pid());
            for (final int sig : new int[] {SIGUSR1, SIGKILL, SIGSTOP, 0}) {
                fails(Errno.EPERM, () -> Libc.killpg(sys, leader.pid(), sig), "killpg(" + sig + ")");
            }
            for (final EngineProcess p : List.of(leader, member)) {
                eq(SignalSet.empty(), p.model().pendingSet(), "pending on member pid=" + p.pid());
                that(!p.isEnded() && !p.isStopped(), "member pid=" + p.pid() + " neither killed nor stopped");
            }
        });
        c.test("8", "killpg fails with ESRCH when no process group has the id", lab -> {
            final Sys sys = lab.self();
            final EngineProcess member = lab.spawn();
            fails(Errno.ESRCH, () -> Libc.killpg(sys, Kill.NO_SUCH_PID, SIGUSR1), "killpg(no such group)");
            final EngineProcess gone = lab.spawn();
            lab.join(gone.start(s -> s.exit(0)));
            lab.end(gone);
            fails(Errno.ESRCH, () -> Libc.killpg(sys, gone.pid(), SIGUSR1), "killpg(a group whose member exited)");
            eq(SignalSet.empty(), member.model().pendingSet(), "pending on a process of another group");
        });
    }
}
