package dev.sigpage.conformance.opts;

import static dev.sigpage.api.Signals.SIGHUP;
import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;
import static dev.sigpage.conformance.Check.that;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Suite;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.ProcessEvent;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;

/** {@code sigsuspend}: assertions of the Open POSIX Test Suite's {@code sigsuspend/assertions.xml}. */
final class Sigsuspend {
    private Sigsuspend() {}

    static void addTo(final List<Case> out) {
        final Cases c = new Cases(Suite.OPTS, "sigsuspend", out);

        c.test(
                "1",
                "sigsuspend replaces the mask with its argument and waits for a signal that runs a handler",
                lab -> {
                    final Events ev = new Events();
                    final UserThread t = lab.start(sys -> {
                        sys.sigaction(
                                SIGUSR1, (s, i, x) -> ev.add(x.sys().mask().toString()), SignalSet.empty(), 0);
                        sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGUSR1, SIGUSR2));
                        fails(Errno.EINTR, () -> sys.sigsuspend(SignalSet.of(SIGHUP)), "sigsuspend");
                    });
                    lab.blocked(t);
                    lab.tgkill(t, SIGUSR1);
                    lab.join(t);
                    eq(
                            List.of(SignalSet.of(SIGHUP, SIGUSR1).toString()),
                            ev.list(),
                            "mask in the handler: the argument plus the signal, not the old mask");
                });

        c.test(
                "2",
                "signals pending on the process while a thread is in sigsuspend do not become pending on it",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(SIGUSR1, (s, i, x) -> ev.add("usr1"), SignalSet.empty(), 0);
                    sys.sigaction(SIGUSR2, (s, i, x) -> ev.add("usr2"), SignalSet.empty(), 0);
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGUSR1, SIGUSR2));
                    sys.kill(sys.pid(), SIGUSR2);
                    sys.kill(sys.pid(), SIGUSR1);
                    fails(Errno.EINTR, () -> sys.sigsuspend(SignalSet.of(SIGUSR2)), "sigsuspend");
                    eq(List.of("usr1"), ev.list(), "handlers run");
                    that(sys.process().model().pendingSet().contains(SIGUSR2), "SIGUSR2 still pending on the process");
                    that(!sys.thread().threadPendingSet().contains(SIGUSR2), "SIGUSR2 not pending on the thread");
                }));

        c.test("3", "sigsuspend never returns when the signal's action terminates the process", lab -> {
            final Events ev = new Events();
            final EngineProcess p = lab.spawn();
            final UserThread t = p.start(sys -> {
                try {
                    sys.sigsuspend(SignalSet.empty());
                    ev.add("sigsuspend returned");
                } catch (final RuntimeException e) {
                    ev.add("sigsuspend failed: " + e.getMessage());
                } finally {
                    ev.add("returned");
                }
            });
            lab.blocked(t);
            lab.kill(p, Signals.SIGTERM);
            eq(new ProcessEvent(ProcessEvent.Kind.KILLED, p.pid(), Signals.SIGTERM), lab.end(p), "end");
            lab.join(t);
            // the thread unwinds (ThreadTerminated) through the finally block: sigsuspend never returned a value.
            eq(List.of("returned"), ev.list(), "the ended thread unwound once");
        });

        c.test("4", "after the handler returns, sigsuspend returns with the mask from before the call", lab -> {
            final Events ev = new Events();
            final UserThread t = lab.start(sys -> {
                sys.sigaction(SIGUSR1, (s, i, x) -> ev.add("handler"), SignalSet.empty(), 0);
                final SignalSet before = SignalSet.of(SIGUSR1, Signals.SIGINT, Signals.SIGRTMIN);
                sys.sigprocmask(MaskHow.SETMASK, before);
                fails(Errno.EINTR, () -> sys.sigsuspend(SignalSet.empty()), "sigsuspend");
                eq(before, sys.mask(), "mask after sigsuspend");
            });
            lab.blocked(t);
            lab.tgkill(t, SIGUSR1);
            lab.join(t);
            eq(List.of("handler"), ev.list(), "handlers run");
        });

        c.test("5", "a mask given to sigsuspend cannot block SIGKILL or SIGSTOP, and that is not an error", lab -> {
            final EngineProcess p = lab.spawn();
            final UserThread t = p.start(sys -> sys.sigsuspend(SignalSet.full()));
            lab.blocked(t);
            lab.kill(p, Signals.SIGSTOP);
            eq(ProcessEvent.Kind.STOPPED, lab.event(p).kind(), "event after SIGSTOP");
            lab.kill(p, SIGKILL);
            final ProcessEvent end = lab.end(p);
            eq(new ProcessEvent(ProcessEvent.Kind.KILLED, p.pid(), SIGKILL), end, "end after SIGKILL");
        });

        c.test("6", "sigsuspend has no success return: it always ends with -1 and errno", lab -> {
            final UserThread t = lab.start(sys -> {
                sys.sigaction(SIGUSR2, (s, i, x) -> {}, SignalSet.empty(), dev.sigpage.api.SaFlags.SA_RESTART);
                fails(Errno.EINTR, () -> sys.sigsuspend(SignalSet.empty()), "sigsuspend with an SA_RESTART handler");
            });
            lab.blocked(t);
            lab.tgkill(t, SIGUSR2);
            lab.join(t);
        });

        c.test("7", "sigsuspend fails with EINTR once a caught signal's handler has returned", lab -> {
            final Events ev = new Events();
            final UserThread t = lab.start(sys -> {
                sys.sigaction(SIGUSR2, (s, i, x) -> ev.add("handler"), SignalSet.empty(), 0);
                sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
                fails(Errno.EINTR, () -> sys.sigsuspend(SignalSet.empty()), "sigsuspend");
                ev.add("EINTR");
            });
            lab.blocked(t);
            lab.tgkill(t, SIGUSR2);
            lab.join(t);
            eq(List.of("handler", "EINTR"), ev.list(), "order");
        });
    }
}
