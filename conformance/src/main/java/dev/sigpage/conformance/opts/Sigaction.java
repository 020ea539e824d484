package dev.sigpage.conformance.opts;

import static dev.sigpage.api.Signals.SIGCHLD;
import static dev.sigpage.api.Signals.SIGCONT;
import static dev.sigpage.api.Signals.SIGHUP;
import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGSTOP;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;
import static dev.sigpage.conformance.Check.that;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Libc;
import dev.sigpage.conformance.Sigs;
import dev.sigpage.conformance.Suite;
import dev.sigpage.conformance.Waits;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.Pipe;
import dev.sigpage.impl.engine.ProcessEvent;
import dev.sigpage.impl.engine.Sys;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code sigaction}: assertions of the Open POSIX Test Suite's {@code sigaction/assertions.xml}. */
final class Sigaction {
    private Sigaction() {}

    static void addTo(final List<Case> out) {
        final Cases c = new Cases(Suite.OPTS, "sigaction", out);

        c.test(
                "1",
                "a non-null act installs the action: every catchable signal raised runs the new handler",
                lab -> lab.runOk(sys -> {
                    for (final int sig : Sigs.CATCHABLE) {
                        final Events ev = new Events();
                        sys.sigaction(sig, Sigs.recording(ev), SignalSet.empty(), 0);
                        sys.raise(sig);
                        eq(List.of(Sigs.ran(sig)), ev.list(), "handlers run by raise(" + Signals.name(sig) + ")");
                    }
                }));

        c.test(
                "2",
                "a non-null oact receives the action installed before the call",
                lab -> lab.runOk(sys -> {
                    for (final int sig : Sigs.CATCHABLE) {
                        final long first = sys.sigaction(sig, (s, i, x) -> {}, SignalSet.of(SIGHUP), 0);
                        final SigAction old = sys.sigaction(sig, SigAction.IGNORE);
                        eq(first, old.handler(), "oact handler of " + Signals.name(sig));
                        eq(SignalSet.of(SIGHUP), old.mask(), "oact mask of " + Signals.name(sig));
                    }
                }));

        c.test(
                "3",
                "a null act leaves the handling unchanged: the handler still runs after a query",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    final long h = sys.sigaction(SIGUSR1, Sigs.recording(ev), SignalSet.empty(), 0);
                    // the query form (act == NULL) is the model's one-argument sigaction
                    eq(h, sys.process().model().sigaction(SIGUSR1).handler(), "queried handler");
                    sys.raise(SIGUSR1);
                    eq(1, ev.count(Sigs.ran(SIGUSR1)), "handler runs after the query");
                }));

        c.test(
                "4",
                "SIGKILL and SIGSTOP in sa_mask are not added to the mask, and sigaction does not fail",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> ev.add(x.sys().mask().toString()),
                            SignalSet.of(SIGKILL, SIGSTOP, SIGHUP),
                            0);
                    sys.raise(SIGUSR1);
                    eq(1, ev.size(), "handler runs");
                    final SignalSet inHandler = sys.mask();
                    that(
                            !ev.list().get(0).contains("SIGKILL")
                                    && !ev.list().get(0).contains("SIGSTOP"),
                            "mask inside the handler must hold neither SIGKILL nor SIGSTOP: "
                                    + ev.list().get(0));
                    that(
                            ev.list().get(0).contains("SIGHUP"),
                            "the rest of sa_mask is applied: " + ev.list().get(0));
                    eq(SignalSet.empty(), inHandler, "mask after the handler");
                }));

        c.test(
                "5",
                "without SA_SIGINFO the handler (sa_handler) is the action and gets the signal number",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(SIGUSR2, (s, i, x) -> ev.add("signo " + s), SignalSet.empty(), 0);
                    sys.raise(SIGUSR2);
                    eq(List.of("signo " + SIGUSR2), ev.list(), "handler calls");
                }));

        c.test(
                "6",
                "with SA_SIGINFO the three-argument handler (sa_sigaction) catches the signal",
                lab -> lab.runOk(sys -> {
                    for (final int sig : Sigs.CATCHABLE) {
                        final Events ev = new Events();
                        sys.sigaction(
                                sig, (s, i, x) -> ev.add(s + "/" + i.signo()), SignalSet.empty(), SaFlags.SA_SIGINFO);
                        sys.raise(sig);
                        eq(List.of(sig + "/" + sig), ev.list(), "sa_sigaction calls for " + Signals.name(sig));
                    }
                }));

        c.test(
                "7",
                "sa_mask is added to the thread's mask before the catching function runs (SA_SIGINFO or not)",
                lab -> lab.runOk(sys -> {
                    for (final int flags : new int[] {0, SaFlags.SA_SIGINFO}) {
                        final Events ev = new Events();
                        sys.sigaction(
                                SIGUSR1,
                                (s, i, x) -> ev.add(x.sys().mask().toString()),
                                SignalSet.of(SIGUSR2, SIGHUP),
                                flags);
                        sys.raise(SIGUSR1);
                        eq(
                                List.of(SignalSet.of(SIGHUP, SIGUSR1, SIGUSR2).toString()),
                                ev.list(),
                                "mask in the handler, flags " + SaFlags.toString(flags));
                    }
                }));

        c.test(
                "8",
                "sa_mask is added to the process's mask before the catching function, for every catchable signal",
                lab -> lab.runOk(sys -> {
                    for (final int sig : Sigs.CATCHABLE) {
                        final int extra = sig == SIGHUP ? SIGUSR2 : SIGHUP;
                        final Events ev = new Events();
                        sys.sigaction(
                                sig,
                                (s, i, x) ->
                                        ev.add(String.valueOf(x.sys().mask().contains(extra))),
                                SignalSet.of(extra),
                                0);
                        sys.raise(sig);
                        eq(
                                List.of("true"),
                                ev.list(),
                                Signals.name(extra) + " blocked in the handler of " + Signals.name(sig));
                    }
                }));

        c.test(
                "9",
                "with SA_NOCLDSTOP on SIGCHLD, a child stopping or continuing sends no SIGCHLD",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGCHLD, Sigs.recording(ev), SignalSet.empty(), SaFlags.SA_NOCLDSTOP | SaFlags.SA_RESTART);
                    final CountDownLatch exit = new CountDownLatch(1);
                    final EngineProcess child = sys.fork(cs -> {
                        cs.raise(SIGSTOP);
                        Waits.await(exit);
                    });
                    eq(ProcessEvent.Kind.STOPPED, sys.waitpid(child).kind(), "first child event");
                    sys.kill(child.pid(), SIGCONT);
                    eq(ProcessEvent.Kind.CONTINUED, sys.waitpid(child).kind(), "second child event");
                    sys.checkpoint();
                    eq(0, ev.size(), "SIGCHLD handlers for a stop and a continue");
                    exit.countDown();
                    eq(ProcessEvent.Kind.EXITED, sys.waitpid(child).kind(), "third child event");
                    eq(1, ev.size(), "SIGCHLD handlers after the child exits (SA_NOCLDSTOP spares exits)");
                }));

        c.test(
                "10",
                "without SA_NOCLDSTOP, a child that stops sends its parent SIGCHLD",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    // SA_RESTART: waitpid restarts when SIGCHLD arrives before the event it reports.
                    sys.sigaction(SIGCHLD, Sigs.recording(ev), SignalSet.empty(), SaFlags.SA_RESTART);
                    final EngineProcess child = sys.fork(cs -> cs.raise(SIGSTOP));
                    eq(ProcessEvent.Kind.STOPPED, sys.waitpid(child).kind(), "child event");
                    eq(List.of(Sigs.ran(SIGCHLD)), ev.list(), "SIGCHLD handlers after the stop");
                    sys.kill(child.pid(), SIGKILL);
                }));

        c.test(
                "11",
                "without SA_NOCLDSTOP, a stopped child that continues sends its parent SIGCHLD",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    // SA_RESTART: waitpid restarts when SIGCHLD arrives before the event it reports.
                    sys.sigaction(SIGCHLD, Sigs.recording(ev), SignalSet.empty(), SaFlags.SA_RESTART);
                    final CountDownLatch exit = new CountDownLatch(1);
                    final EngineProcess child = sys.fork(cs -> {
                        cs.raise(SIGSTOP);
                        Waits.await(exit);
                    });
                    eq(ProcessEvent.Kind.STOPPED, sys.waitpid(child).kind(), "child event");
                    final int afterStop = ev.size();
                    sys.kill(child.pid(), SIGCONT);
                    eq(ProcessEvent.Kind.CONTINUED, sys.waitpid(child).kind(), "child event");
                    eq(afterStop + 1, ev.size(), "SIGCHLD handlers after the continue");
                    exit.countDown();
                }));

        c.test(
                "12",
                "with SA_ONSTACK and an alternate stack declared, the handler runs on the alternate stack",
                lab -> lab.runOk(sys -> {
                    everyHandlerRunsOnTheAlternateStack(sys, SaFlags.SA_ONSTACK, true);
                    that(!sys.sigaltstack(null).isOnStack(), "off the alternate stack after the handlers");
                }));

        c.test(
                "13",
                "without SA_ONSTACK the handler runs on the current stack, even with an alternate one declared",
                lab -> lab.runOk(sys -> {
                    everyHandlerRunsOnTheAlternateStack(sys, 0, false);
                }));

        c.test(
                        "14",
                        "SA_RESETHAND resets the disposition to SIG_DFL and clears SA_SIGINFO on entry to the handler",
                        lab -> lab.runOk(sys -> {
                            for (final int sig : new int[] {SIGUSR1, SIGUSR2, SIGHUP, Signals.SIGRTMIN}) {
                                final Events ev = new Events();
                                sys.sigaction(
                                        sig,
                                        (s, i, x) -> {
                                            final SigAction now =
                                                    x.sys().process().model().sigaction(s);
                                            ev.add(now.isDefault() + " " + ((now.flags() & SaFlags.SA_SIGINFO) == 0));
                                        },
                                        SignalSet.empty(),
                                        SaFlags.SA_RESETHAND | SaFlags.SA_SIGINFO);
                                sys.raise(sig);
                                eq(
                                        List.of("true true"),
                                        ev.list(),
                                        "disposition SIG_DFL, SA_SIGINFO clear, in the handler of "
                                                + Signals.name(sig));
                            }
                        }))
                .choice(
                        "SA_RESETHAND does not also act as SA_NODEFER: the signal stays blocked while its handler"
                                + " runs (as Linux). POSIX says sigaction may behave as if SA_NODEFER were set, so either is permitted.");

        c.test(
                "15",
                "without SA_RESETHAND the disposition is unchanged on entry to the handler",
                lab -> lab.runOk(sys -> {
                    for (final int sig : Sigs.CATCHABLE) {
                        final Events ev = new Events();
                        final long h = sys.sigaction(
                                sig,
                                (s, i, x) -> ev.add(Long.toString(
                                        x.sys().process().model().sigaction(s).handler())),
                                SignalSet.empty(),
                                0);
                        sys.raise(sig);
                        eq(List.of(Long.toString(h)), ev.list(), "disposition in the handler of " + Signals.name(sig));
                        eq(h, sys.process().model().sigaction(sig).handler(), "disposition after the handler");
                    }
                }));

        c.test(
                "16",
                "with SA_RESTART an interruptible call (a pipe read) restarts instead of failing with EINTR",
                lab -> {
                    final Pipe pipe = new Pipe(8);
                    final Events ev = new Events();
                    final UserThread t = lab.start(sys -> {
                        sys.sigaction(SIGUSR1, Sigs.recording(ev), SignalSet.empty(), SaFlags.SA_RESTART);
                        final byte[] b = new byte[4];
                        eq(1, sys.read(pipe, b, 0, 4), "bytes read after the restart");
                        eq((byte) 7, b[0], "byte read");
                    });
                    lab.blocked(t, 1);
                    lab.tgkill(t, SIGUSR1);
                    lab.blocked(t, 2);
                    eq(1, ev.count(Sigs.ran(SIGUSR1)), "handler runs while the read waits");
                    pipe.offer(new byte[] {7});
                    lab.join(t);
                });

        c.test("17", "without SA_RESTART an interruptible call (a pipe read) fails with EINTR", lab -> {
            final Pipe pipe = new Pipe(8);
            final UserThread t = lab.start(sys -> {
                sys.sigaction(SIGUSR1, (s, i, x) -> {}, SignalSet.empty(), 0);
                fails(Errno.EINTR, () -> sys.read(pipe, new byte[4], 0, 4), "read interrupted by SIGUSR1");
            });
            lab.blocked(t);
            lab.tgkill(t, SIGUSR1);
            lab.join(t);
        });

        c.test(
                "18",
                "without SA_SIGINFO the handler is entered as func(signo): only the number is passed",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(SIGUSR1, (s, i, x) -> ev.add(i.toString()), SignalSet.empty(), 0);
                    sys.sigqueue(sys.pid(), SIGUSR1, 42);
                    eq(List.of(new SigInfo(SIGUSR1, 0, 0, 0, 0).toString()), ev.list(), "what the handler gets");
                }));

        c.test(
                "19",
                "with SA_SIGINFO the handler is entered as func(signo, info, context) with a filled siginfo",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> ev.add(s + " " + i.signo() + " " + i.code() + " " + i.senderPid() + " "
                                    + i.value() + " " + (x != null)),
                            SignalSet.empty(),
                            SaFlags.SA_SIGINFO);
                    sys.sigqueue(sys.pid(), SIGUSR1, 42);
                    eq(
                            List.of(SIGUSR1 + " " + SIGUSR1 + " " + SigInfo.SI_QUEUE + " " + sys.pid() + " 42 true"),
                            ev.list(),
                            "signo, si_signo, si_code, si_pid, si_value, context");
                }));

        c.notApplicable(
                "20",
                "with SA_NOCLDWAIT on SIGCHLD, children do not become zombies when they end",
                "zombie reaping: the model refuses SA_NOCLDWAIT with EINVAL and has no wait-for-any-child");
        c.notApplicable(
                "21",
                "with SA_NOCLDWAIT, a wait for children blocks until all end and then fails with ECHILD",
                "zombie reaping, wait() for any child and ECHILD: the engine's waitpid names one child");

        c.test(
                "22",
                "with SA_NODEFER the signal is not added to the mask in its handler unless sa_mask holds it",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> ev.add("blocked " + x.sys().mask().contains(SIGUSR1)),
                            SignalSet.empty(),
                            SaFlags.SA_NODEFER);
                    sys.raise(SIGUSR1);
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> ev.add("blocked " + x.sys().mask().contains(SIGUSR1)),
                            SignalSet.of(SIGUSR1),
                            SaFlags.SA_NODEFER);
                    sys.raise(SIGUSR1);
                    eq(List.of("blocked false", "blocked true"), ev.list(), "SIGUSR1 in the handler's mask");
                }));

        c.test(
                "23",
                "without SA_NODEFER the signal is added to the mask while its handler runs",
                lab -> lab.runOk(sys -> {
                    for (final int sig : Sigs.CATCHABLE) {
                        final Events ev = new Events();
                        sys.sigaction(
                                sig,
                                (s, i, x) -> ev.add("blocked " + x.sys().mask().contains(s)),
                                SignalSet.empty(),
                                0);
                        sys.raise(sig);
                        eq(List.of("blocked true"), ev.list(), Signals.name(sig) + " in its handler's mask");
                    }
                }));

        c.test(
                "24",
                "a new mask is installed for the handler's duration: a signal sent in it waits until the return",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(SIGUSR2, Sigs.recording(ev), SignalSet.empty(), 0);
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> {
                                ev.add("enter");
                                x.sys().raise(SIGUSR2);
                                ev.add("leave");
                            },
                            SignalSet.of(SIGUSR2),
                            0);
                    sys.raise(SIGUSR1);
                    eq(List.of("enter", "leave", Sigs.ran(SIGUSR2)), ev.list(), "order of events");
                }));

        c.test(
                "25",
                "the handler's mask is the union of the current mask, sa_mask and the signal itself",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(Signals.SIGTERM));
                    sys.sigaction(SIGUSR1, (s, i, x) -> ev.add(x.sys().mask().toString()), SignalSet.of(SIGHUP), 0);
                    sys.raise(SIGUSR1);
                    eq(List.of(SignalSet.of(Signals.SIGTERM, SIGHUP, SIGUSR1).toString()), ev.list(), "handler mask");
                }));

        c.test(
                "26",
                "when the handler returns normally the mask in force before the signal comes back",
                lab -> lab.runOk(sys -> {
                    final SignalSet before = SignalSet.of(Signals.SIGTERM, Signals.SIGRTMIN + 1);
                    sys.sigprocmask(MaskHow.SETMASK, before);
                    for (final int sig : new int[] {SIGUSR1, SIGHUP, Signals.SIGRTMIN}) {
                        sys.sigaction(
                                sig,
                                (s, i, x) -> x.sys().sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2)),
                                SignalSet.of(Signals.SIGINT),
                                0);
                        sys.raise(sig);
                        eq(before, sys.mask(), "mask after the handler of " + Signals.name(sig));
                    }
                }));

        c.test(
                "27",
                "a sigaction that fails installs nothing",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    final long h = sys.sigaction(SIGUSR1, Sigs.recording(ev), SignalSet.empty(), 0);
                    for (final int bad : new int[] {SIGKILL, SIGSTOP, 0, Signals.RESERVED, 65}) {
                        fails(
                                Errno.EINVAL,
                                () -> sys.sigaction(bad, (s, i, x) -> ev.add("wrong handler"), SignalSet.empty(), 0),
                                "sigaction(" + bad + ", handler)");
                    }
                    that(sys.process().model().sigaction(SIGKILL).isDefault(), "SIGKILL's action stays SIG_DFL");
                    that(sys.process().model().sigaction(SIGSTOP).isDefault(), "SIGSTOP's action stays SIG_DFL");
                    eq(h, sys.process().model().sigaction(SIGUSR1).handler(), "SIGUSR1's handler untouched");
                    sys.raise(SIGUSR1);
                    eq(List.of(Sigs.ran(SIGUSR1)), ev.list(), "handlers run");
                }));

        c.test(
                "28",
                "an action set with signal(), read back through oact and reinstalled with sigaction, still works",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    final long h1 = Libc.handler(sys, (s, i, x) -> ev.add("h1"));
                    Libc.signal(sys, Signals.SIGABRT, h1);
                    final SigAction saved = sys.sigaction(
                            Signals.SIGABRT,
                            SigAction.handler(Libc.handler(sys, (s, i, x) -> ev.add("h2")), SignalSet.empty(), 0));
                    sys.raise(Signals.SIGABRT);
                    sys.sigaction(Signals.SIGABRT, saved);
                    sys.raise(Signals.SIGABRT);
                    eq(List.of("h2", "h1"), ev.list(), "handlers run");
                }));

        c.test(
                "29",
                "with SA_SIGINFO, queued realtime signals from sigqueue are delivered in FIFO order",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    final int sig = Signals.SIGRTMIN + 2;
                    sys.sigaction(
                            sig, (s, i, x) -> ev.add(Long.toString(i.value())), SignalSet.empty(), SaFlags.SA_SIGINFO);
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(sig));
                    for (int v = 1; v <= 5; v++) {
                        sys.sigqueue(sys.pid(), sig, v);
                    }
                    sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(sig));
                    eq(List.of("1", "2", "3", "4", "5"), ev.list(), "values in delivery order");
                }));

        c.test(
                "30",
                "sigaction fails with EINVAL for an invalid signal number or for catching SIGKILL or SIGSTOP",
                lab -> lab.runOk(sys -> {
                    for (final int sig : new int[] {0, -1, Signals.RESERVED, 65, 1000}) {
                        final SignalException e = fails(
                                Errno.EINVAL, () -> sys.sigaction(sig, SigAction.IGNORE), "sigaction(" + sig + ")");
                        eq((long) sig, e.value(), "offending value named");
                    }
                    for (final int sig : new int[] {SIGKILL, SIGSTOP}) {
                        fails(
                                Errno.EINVAL,
                                () -> sys.sigaction(sig, SigAction.IGNORE),
                                "sigaction(" + sig + ", SIG_IGN)");
                        fails(
                                Errno.EINVAL,
                                () -> sys.sigaction(sig, (s, i, x) -> {}, SignalSet.empty(), 0),
                                "sigaction(" + sig + ", handler)");
                    }
                }));
    }

    /** Declares an alternate stack, then raises every catchable signal with a handler of these flags. */
    private static void everyHandlerRunsOnTheAlternateStack(final Sys sys, final int flags, final boolean onStack) {
        sys.sigaltstack(new AltStack(0x7000_0000L, 8 * AltStack.MINSIGSTKSZ, 0));
        for (final int sig : Sigs.CATCHABLE) {
            final Events ev = new Events();
            sys.sigaction(
                    sig,
                    (s, i, x) -> ev.add("onstack " + x.sys().sigaltstack(null).isOnStack()),
                    SignalSet.empty(),
                    flags);
            sys.raise(sig);
            eq(List.of("onstack " + onStack), ev.list(), "handler of " + Signals.name(sig));
        }
    }
}
