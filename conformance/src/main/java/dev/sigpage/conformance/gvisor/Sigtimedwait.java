package dev.sigpage.conformance.gvisor;

import static dev.sigpage.api.Signals.SIGALRM;
import static dev.sigpage.api.Signals.SIGCHLD;
import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Suite;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.ProcessEvent;
import dev.sigpage.impl.engine.Sys;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;

/**
 * gVisor's {@code sigtimedwait.cc}. Its test binary blocks SIGALRM and SIGCHLD in main before any test; the
 * scenarios do the same at their start.
 */
final class Sigtimedwait {
    private static final long FOREVER = -1;
    private static final long SHORT_NANOS = 20_000_000L;
    /** Long enough for a hand-off send to land inside the wait; a late send only weakens the check, never fails it. */
    private static final long WAIT_NANOS = 300_000_000L;

    private static final String DISCARD = "the model discards a signal whose action is to ignore it when it is"
            + " generated, even while blocked (SIGCHLD's default action is to ignore); POSIX leaves it unspecified whether"
            + " such a signal is discarded or stays pending, Linux keeps a blocked one pending, so sigtimedwait for it"
            + " returns it there.";

    private Sigtimedwait() {}

    private static void testMain(final Sys sys) {
        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGALRM, SIGCHLD));
    }

    static void addTo(final List<Case> out) {
        final Cases c = new Cases(Suite.GVISOR, "sigtimedwait", out);
        c.notApplicable(
                "InvalidTimeout",
                "a timespec with nanoseconds out of range or a negative part fails with" + " EINVAL",
                "a timespec: the binding's timeout is a nanosecond count, negative meaning no timeout");
        c.notApplicable(
                "AlarmReturnsAlarm",
                "a blocked SIGALRM from an interval timer is returned by sigtimedwait",
                "timers (setitimer): the engine has no timer that sends signals");
        c.test(
                        "NullTimeoutReturnsEINTR",
                        "with no timeout and an empty set, a caught signal ends the wait with EINTR",
                        lab -> {
                            final Events ev = new Events();
                            final UserThread t = lab.start(sys -> {
                                testMain(sys);
                                sys.sigaction(
                                        SIGALRM, (s, i, x) -> ev.add("handler"), SignalSet.full(), SaFlags.SA_SIGINFO);
                                sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGALRM));
                                fails(Errno.EINTR, () -> sys.sigtimedwait(SignalSet.empty(), FOREVER), "sigtimedwait");
                            });
                            lab.blocked(t);
                            lab.tgkill(t, SIGALRM);
                            lab.join(t);
                            eq(List.of("handler"), ev.list(), "handlers");
                        })
                .choice("the SIGALRM comes from another sender after a hand-off instead of an interval timer (the"
                        + " engine has none); what is checked is the wait's end.");
        c.test(
                "LegitTimeoutReturnsEAGAIN",
                "an empty set and a real timeout: EAGAIN when it expires",
                lab -> lab.runOk(sys -> {
                    testMain(sys);
                    fails(Errno.EAGAIN, () -> sys.sigtimedwait(SignalSet.empty(), SHORT_NANOS), "sigtimedwait");
                }));
        c.test(
                "ZeroTimeoutReturnsEAGAIN",
                "an empty set and a zero timeout: EAGAIN at once",
                lab -> lab.runOk(sys -> {
                    testMain(sys);
                    fails(Errno.EAGAIN, () -> sys.sigtimedwait(SignalSet.empty(), 0), "sigtimedwait");
                }));
        c.test(
                        "KillGeneratedSIGCHLD",
                        "a blocked SIGCHLD the process sends itself is returned by sigtimedwait",
                        lab -> lab.runOk(sys -> {
                            testMain(sys);
                            sys.kill(sys.pid(), SIGCHLD);
                            eq(
                                    SIGCHLD,
                                    sys.sigtimedwait(SignalSet.of(SIGCHLD), WAIT_NANOS)
                                            .signo(),
                                    "signal returned");
                        }))
                .failsWith("EAGAIN")
                .choice(DISCARD);
        c.test(
                        "ChildExitGeneratedSIGCHLD",
                        "after a child exits and is waited for, the blocked SIGCHLD it sent is"
                                + " returned by sigtimedwait",
                        lab -> lab.runOk(sys -> {
                            testMain(sys);
                            final EngineProcess child = sys.fork(cs -> {});
                            eq(
                                    new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 0),
                                    sys.waitpid(child),
                                    "child's end");
                            eq(
                                    SIGCHLD,
                                    sys.sigtimedwait(SignalSet.of(SIGCHLD), WAIT_NANOS)
                                            .signo(),
                                    "signal returned");
                        }))
                .failsWith("EAGAIN")
                .choice(DISCARD);
        c.test(
                "ChildExitGeneratedSIGCHLDWithHandler",
                "with a SIGCHLD handler installed, the blocked SIGCHLD of a"
                        + " child's exit is returned by sigtimedwait; waitpid then reports the exit",
                lab -> lab.runOk(sys -> {
                    testMain(sys);
                    sys.sigaction(SIGCHLD, (s, i, x) -> {}, SignalSet.full(), SaFlags.SA_SIGINFO);
                    final EngineProcess child = sys.fork(cs -> {});
                    eq(
                            SIGCHLD,
                            sys.sigtimedwait(SignalSet.of(SIGCHLD), 5_000_000_000L)
                                    .signo(),
                            "signal returned");
                    eq(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 0), sys.waitpid(child), "child's end");
                }));
        c.test(
                "SIGKILLUncaught",
                "SIGKILL in the set does not make it catchable: the child waiting for it is killed",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    final EngineProcess child = sys.fork(cs -> {
                        cs.sigtimedwait(SignalSet.of(SIGKILL), FOREVER);
                        ev.add("returned");
                    });
                    dev.sigpage.conformance.Waits.blocked(child.threads().get(0), 1);
                    sys.tgkill(child.pid(), child.threads().get(0).tid(), SIGKILL);
                    eq(new ProcessEvent(ProcessEvent.Kind.KILLED, child.pid(), SIGKILL), sys.waitpid(child), "event");
                    eq(0, ev.size(), "code after sigtimedwait ran");
                }));
        c.test(
                "IgnoredUnmaskedSignal",
                "an ignored, unblocked signal sent during the wait is discarded: EAGAIN",
                lab -> {
                    final UserThread t = lab.start(sys -> {
                        testMain(sys);
                        sys.sigaction(SIGUSR1, SigAction.IGNORE);
                        sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGUSR1));
                        fails(Errno.EAGAIN, () -> sys.sigtimedwait(SignalSet.of(SIGUSR1), WAIT_NANOS), "sigtimedwait");
                    });
                    lab.blocked(t);
                    lab.tgkill(t, SIGUSR1);
                    lab.join(t);
                });
        c.test("IgnoredMaskedSignal", "an ignored but blocked signal sent during the wait is returned by it", lab -> {
                    final UserThread t = lab.start(sys -> {
                        testMain(sys);
                        sys.sigaction(SIGUSR1, SigAction.IGNORE);
                        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                        eq(
                                SIGUSR1,
                                sys.sigtimedwait(SignalSet.of(SIGUSR1), 1_000_000_000L)
                                        .signo(),
                                "signal returned");
                    });
                    lab.blocked(t);
                    lab.tgkill(t, SIGUSR1);
                    lab.join(t);
                })
                .failsWith("EAGAIN")
                .choice(DISCARD);
    }
}
