package dev.sigpage.conformance.opts;

import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGSTOP;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;
import static dev.sigpage.conformance.Check.that;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Libc;
import dev.sigpage.conformance.Sigs;
import dev.sigpage.conformance.Suite;
import dev.sigpage.impl.engine.ProcessEvent;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;

/**
 * {@code sighold}, {@code sigrelse}, {@code sigignore}, {@code sigset}, {@code sigpause} and {@code signal}: the
 * C library's functions over {@code sigaction}, {@code sigprocmask} and {@code sigsuspend} ({@link Libc}), run
 * against the engine.
 */
final class SystemV {
    private static final String NO_ZOMBIES = "zombie reaping and wait() for any child: the engine does not reap the"
            + " children of a parent that ignores SIGCHLD, and its waitpid names one child";

    private SystemV() {}

    static void addTo(final List<Case> out) {
        sighold(new Cases(Suite.OPTS, "sighold", out));
        sigrelse(new Cases(Suite.OPTS, "sigrelse", out));
        sigignore(new Cases(Suite.OPTS, "sigignore", out));
        sigset(new Cases(Suite.OPTS, "sigset", out));
        sigpause(new Cases(Suite.OPTS, "sigpause", out));
        signal(new Cases(Suite.OPTS, "signal", out));
    }

    private static void sighold(final Cases c) {
        c.test(
                "1",
                "sighold adds the signal to the calling process's mask: raised, it stays pending",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(SIGUSR1, Sigs.recording(ev), SignalSet.empty(), 0);
                    Libc.sighold(sys, SIGUSR1);
                    sys.raise(SIGUSR1);
                    eq(0, ev.size(), "handlers while held");
                    that(sys.sigpending().contains(SIGUSR1), "pending while held");
                    that(sys.mask().contains(SIGUSR1), "in the mask");
                }));
        c.test(
                "2",
                "sighold returns 0 on success",
                lab -> lab.runOk(sys -> {
                    for (final int sig : Sigs.CATCHABLE) {
                        Libc.sighold(sys, sig);
                    }
                    eq(Sigs.CATCHABLE.length, sys.mask().size(), "signals held");
                }));
        c.test(
                "3",
                "sighold of an illegal signal number fails with EINVAL",
                lab -> lab.runOk(sys -> {
                    for (final int sig : new int[] {0, -1, Signals.RESERVED, 65}) {
                        fails(Errno.EINVAL, () -> Libc.sighold(sys, sig), "sighold(" + sig + ")");
                    }
                    eq(SignalSet.empty(), sys.mask(), "mask");
                }));
    }

    private static void sigrelse(final Cases c) {
        c.test(
                "1",
                "sigrelse removes the signal from the mask, and the pending signal is then delivered",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(SIGUSR1, Sigs.recording(ev), SignalSet.empty(), 0);
                    Libc.sighold(sys, SIGUSR1);
                    sys.raise(SIGUSR1);
                    Libc.sigrelse(sys, SIGUSR1);
                    eq(1, ev.size(), "handlers after sigrelse");
                    that(!sys.mask().contains(SIGUSR1), "not in the mask");
                }));
        c.test(
                "2",
                "sigrelse returns 0 on success",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                    for (final int sig : Sigs.CATCHABLE) {
                        Libc.sigrelse(sys, sig);
                    }
                    for (final int sig : Sigs.CATCHABLE) {
                        that(!sys.mask().contains(sig), Signals.name(sig) + " released");
                    }
                }));
        c.test(
                "3",
                "sigrelse of an illegal signal number fails with EINVAL",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGUSR2));
                    for (final int sig : new int[] {0, -7, Signals.RESERVED, 99}) {
                        fails(Errno.EINVAL, () -> Libc.sigrelse(sys, sig), "sigrelse(" + sig + ")");
                    }
                    eq(SignalSet.of(SIGUSR2), sys.mask(), "mask");
                }));
    }

    private static void sigignore(final Cases c) {
        c.test("1", "sigignore sets the disposition to SIG_IGN: the signal raised afterwards has no effect", lab -> {
            final Events ev = new Events();
            final ProcessEvent end = lab.run(sys -> {
                for (final int sig : Sigs.CATCHABLE) {
                    if (sig == Signals.SIGCONT) {
                        continue;
                    }
                    Libc.sigignore(sys, sig);
                    that(sys.process().model().sigaction(sig).isIgnored(), Signals.name(sig) + " ignored");
                    sys.raise(sig);
                }
                ev.add("survived");
            });
            eq(List.of("survived"), ev.list(), "the process survived every ignored signal");
            eq(ProcessEvent.Kind.EXITED, end.kind(), "end");
        });
        c.notApplicable("2", "with SIGCHLD set to SIG_IGN, ending children do not become zombies", NO_ZOMBIES);
        c.notApplicable(
                "3", "with SIGCHLD ignored, wait blocks until every child ends and then fails with ECHILD", NO_ZOMBIES);
        c.test("4", "sigignore returns 0 on success", lab -> lab.runOk(sys -> Libc.sigignore(sys, SIGUSR1)));
        c.test(
                "5",
                "sigignore of an illegal signal number fails with EINVAL",
                lab -> lab.runOk(sys -> {
                    for (final int sig : new int[] {0, Signals.RESERVED, 65, -3}) {
                        fails(Errno.EINVAL, () -> Libc.sigignore(sys, sig), "sigignore(" + sig + ")");
                    }
                }));
        c.test(
                "6",
                "sigignore of a signal that cannot be ignored (SIGKILL, SIGSTOP) fails with EINVAL",
                lab -> lab.runOk(sys -> {
                    fails(Errno.EINVAL, () -> Libc.sigignore(sys, SIGKILL), "sigignore(SIGKILL)");
                    fails(Errno.EINVAL, () -> Libc.sigignore(sys, SIGSTOP), "sigignore(SIGSTOP)");
                    that(sys.process().model().sigaction(SIGKILL).isDefault(), "SIGKILL's action unchanged");
                }));
    }

    private static void sigset(final Cases c) {
        c.test("1", "sigset with SIG_DFL restores the default action: SIGUSR1 then ends the process", lab -> {
            final ProcessEvent end = lab.run(sys -> {
                sys.sigaction(SIGUSR1, SigAction.IGNORE);
                Libc.sigset(sys, SIGUSR1, SigAction.SIG_DFL);
                sys.raise(SIGUSR1);
            });
            eq(new ProcessEvent(ProcessEvent.Kind.KILLED, end.pid(), SIGUSR1), end, "end");
        });
        c.test(
                "2",
                "sigset with SIG_IGN ignores the signal",
                lab -> lab.runOk(sys -> {
                    Libc.sigset(sys, SIGUSR1, SigAction.SIG_IGN);
                    sys.raise(SIGUSR1);
                    eq(SignalSet.empty(), sys.sigpending(), "pending");
                }));
        c.test(
                "3",
                "sigset with a handler's address runs the handler when the signal comes",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    Libc.sigset(sys, SIGUSR2, Libc.handler(sys, Sigs.recording(ev)));
                    sys.raise(SIGUSR2);
                    eq(List.of(Sigs.ran(SIGUSR2)), ev.list(), "handlers");
                }));
        c.test(
                "4",
                "sigset with a handler adds the signal to the mask while the handler runs",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    Libc.sigset(
                            sys,
                            SIGUSR2,
                            Libc.handler(
                                    sys, (s, i, x) -> ev.add("" + x.sys().mask().contains(s))));
                    sys.raise(SIGUSR2);
                    eq(List.of("true"), ev.list(), "SIGUSR2 blocked in its handler");
                }));
        c.test(
                "5",
                "when the handler returns, the mask from before the delivery comes back",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(Signals.SIGHUP));
                    Libc.sigset(sys, SIGUSR2, Libc.handler(sys, (s, i, x) -> {}));
                    sys.raise(SIGUSR2);
                    eq(SignalSet.of(Signals.SIGHUP), sys.mask(), "mask after the handler");
                }));
        c.test(
                "6",
                "sigset with SIG_HOLD adds the signal to the mask",
                lab -> lab.runOk(sys -> {
                    Libc.sigset(sys, SIGUSR1, Libc.SIG_HOLD);
                    that(sys.mask().contains(SIGUSR1), "SIGUSR1 in the mask");
                    sys.raise(SIGUSR1);
                    that(sys.sigpending().contains(SIGUSR1), "SIGUSR1 pending");
                }));
        c.test(
                "7",
                "sigset with SIG_HOLD leaves the disposition as it was",
                lab -> lab.runOk(sys -> {
                    final long h = Libc.handler(sys, (s, i, x) -> {});
                    Libc.sigset(sys, SIGUSR1, h);
                    Libc.sigset(sys, SIGUSR1, Libc.SIG_HOLD);
                    eq(h, sys.process().model().sigaction(SIGUSR1).handler(), "disposition");
                }));
        c.test(
                "8",
                "sigset returns SIG_HOLD when the signal had been blocked",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                    eq(Libc.SIG_HOLD, Libc.sigset(sys, SIGUSR1, SigAction.SIG_IGN), "result");
                }));
        c.test(
                "9",
                "sigset returns the previous disposition when the signal had not been blocked",
                lab -> lab.runOk(sys -> {
                    final long h = Libc.handler(sys, (s, i, x) -> {});
                    eq(SigAction.SIG_DFL, Libc.sigset(sys, SIGUSR1, h), "first result");
                    eq(h, Libc.sigset(sys, SIGUSR1, SigAction.SIG_IGN), "second result");
                }));
        c.test(
                "10",
                "a failed sigset reports the error (EINVAL for SIGKILL or an invalid number)",
                lab -> lab.runOk(sys -> {
                    fails(Errno.EINVAL, () -> Libc.sigset(sys, SIGKILL, SigAction.SIG_IGN), "sigset(SIGKILL)");
                    fails(Errno.EINVAL, () -> Libc.sigset(sys, 65, SigAction.SIG_IGN), "sigset(65)");
                }));
    }

    private static void sigpause(final Cases c) {
        c.test("1", "sigpause removes the signal from the mask and suspends the caller until a signal comes", lab -> {
            final Events ev = new Events();
            final UserThread t = lab.start(sys -> {
                sys.sigaction(SIGUSR1, (s, i, x) -> ev.add("handler"), SignalSet.empty(), 0);
                Libc.sighold(sys, SIGUSR1);
                fails(Errno.EINTR, () -> Libc.sigpause(sys, SIGUSR1), "sigpause");
            });
            lab.blocked(t);
            eq(0, ev.size(), "handlers before the send");
            lab.tgkill(t, SIGUSR1);
            lab.join(t);
            eq(List.of("handler"), ev.list(), "handlers");
        });
        c.test("2", "sigpause restores the mask it started with before returning", lab -> {
            final UserThread t = lab.start(sys -> {
                sys.sigaction(SIGUSR1, (s, i, x) -> {}, SignalSet.empty(), 0);
                sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGUSR1, SIGUSR2));
                fails(Errno.EINTR, () -> Libc.sigpause(sys, SIGUSR1), "sigpause");
                eq(SignalSet.of(SIGUSR1, SIGUSR2), sys.mask(), "mask after sigpause");
            });
            lab.blocked(t);
            lab.tgkill(t, SIGUSR1);
            lab.join(t);
        });
        c.test("3", "sigpause suspends until a signal is received, then returns -1 with EINTR", lab -> {
            final UserThread t = lab.start(sys -> {
                sys.sigaction(SIGUSR2, (s, i, x) -> {}, SignalSet.empty(), 0);
                fails(Errno.EINTR, () -> Libc.sigpause(sys, SIGUSR1), "sigpause");
            });
            lab.blocked(t);
            lab.tgkill(t, SIGUSR2);
            lab.join(t);
        });
        c.test(
                "4",
                "sigpause of an illegal signal number fails with EINVAL",
                lab -> lab.runOk(sys -> {
                    for (final int sig : new int[] {0, Signals.RESERVED, 65}) {
                        fails(Errno.EINVAL, () -> Libc.sigpause(sys, sig), "sigpause(" + sig + ")");
                    }
                }));
    }

    private static void signal(final Cases c) {
        c.test("1", "signal with SIG_DFL gives the default action: SIGTERM ends the process", lab -> {
            final ProcessEvent end = lab.run(sys -> {
                Libc.signal(sys, Signals.SIGTERM, Libc.handler(sys, (s, i, x) -> {}));
                Libc.signal(sys, Signals.SIGTERM, SigAction.SIG_DFL);
                sys.raise(Signals.SIGTERM);
            });
            eq(new ProcessEvent(ProcessEvent.Kind.KILLED, end.pid(), Signals.SIGTERM), end, "end");
        });
        c.test(
                "2",
                "signal with SIG_IGN ignores the signal",
                lab -> lab.runOk(sys -> {
                    for (final int sig : Sigs.CATCHABLE) {
                        Libc.signal(sys, sig, SigAction.SIG_IGN);
                        sys.raise(sig);
                    }
                }));
        c.test(
                "3",
                "with a function, the signal runs func(sig)",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    for (final int sig : Sigs.CATCHABLE) {
                        Libc.signal(sys, sig, Libc.handler(sys, (s, i, x) -> ev.add("func " + s)));
                        sys.raise(sig);
                        eq(1, ev.count("func " + sig), "func(" + sig + ") calls");
                    }
                }));
        c.test("4", "when the handler returns, execution resumes where the signal interrupted it", lab -> {
                    final Events ev = new Events();
                    final dev.sigpage.impl.engine.Pipe pipe = new dev.sigpage.impl.engine.Pipe(4);
                    final UserThread t = lab.start(sys -> {
                        Libc.signal(sys, SIGUSR1, Libc.handler(sys, (s, i, x) -> ev.add("handler")));
                        final byte[] b = new byte[1];
                        eq(1, sys.read(pipe, b, 0, 1), "read resumed and completed");
                        ev.add("resumed " + b[0]);
                    });
                    lab.blocked(t, 1);
                    lab.tgkill(t, SIGUSR1);
                    lab.blocked(t, 2);
                    pipe.offer(new byte[] {9});
                    lab.join(t);
                    eq(List.of("handler", "resumed 9"), ev.list(), "events");
                })
                .choice("signal() has BSD semantics (SA_RESTART, the handler stays installed), as glibc; System V's"
                        + " one-shot, non-restarting signal() is also permitted.");
        c.test(
                "5",
                "signal returns the function of the previous call for that signal",
                lab -> lab.runOk(sys -> {
                    final long f = Libc.handler(sys, (s, i, x) -> {});
                    final long g = Libc.handler(sys, (s, i, x) -> {});
                    eq(SigAction.SIG_DFL, Libc.signal(sys, SIGUSR1, f), "first");
                    eq(f, Libc.signal(sys, SIGUSR1, g), "second");
                    sys.raise(SIGUSR1);
                    eq(g, Libc.signal(sys, SIGUSR1, SigAction.SIG_IGN), "after the handler was called");
                }));
        c.test(
                "6",
                "signal of an invalid signal number fails with EINVAL (SIG_ERR)",
                lab -> lab.runOk(sys -> {
                    for (final int sig : new int[] {0, -1, Signals.RESERVED, 65}) {
                        fails(Errno.EINVAL, () -> Libc.signal(sys, sig, SigAction.SIG_IGN), "signal(" + sig + ")");
                    }
                }));
        c.test(
                "7",
                "signal fails with EINVAL when asked to catch or ignore SIGKILL or SIGSTOP",
                lab -> lab.runOk(sys -> {
                    final long f = Libc.handler(sys, (s, i, x) -> {});
                    for (final int sig : new int[] {SIGKILL, SIGSTOP}) {
                        fails(Errno.EINVAL, () -> Libc.signal(sys, sig, f), "catch " + Signals.name(sig));
                        fails(
                                Errno.EINVAL,
                                () -> Libc.signal(sys, sig, SigAction.SIG_IGN),
                                "ignore " + Signals.name(sig));
                    }
                }));
    }
}
