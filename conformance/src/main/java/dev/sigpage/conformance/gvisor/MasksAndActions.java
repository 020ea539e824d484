package dev.sigpage.conformance.gvisor;

import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGSTOP;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Sigs;
import dev.sigpage.conformance.Suite;
import java.util.List;

/** gVisor's {@code sigprocmask.cc} and {@code sigaction.cc}. */
final class MasksAndActions {
    /** The two signals gVisor's mask tests use. */
    private static final int TEST1 = SIGUSR1;

    private static final int TEST2 = SIGUSR2;

    private MasksAndActions() {}

    static void addTo(final List<Case> out) {
        sigprocmask(new Cases(Suite.GVISOR, "sigprocmask", out));
        sigaction(new Cases(Suite.GVISOR, "sigaction", out));
    }

    private static void sigprocmask(final Cases c) {
        c.test(
                        "NullAddress",
                        "with no set, every how succeeds and changes nothing",
                        lab -> lab.runOk(sys -> {
                            sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(TEST1));
                            for (int i = 0; i < 3; i++) {
                                eq(SignalSet.of(TEST1), sys.mask(), "mask after a query");
                            }
                        }))
                .choice("the null set is the query call mask(); the binding has no how to pass with it.");
        c.notApplicable(
                "BadAddress",
                "a set or old-set pointer outside the address space fails with EFAULT",
                "user pointers: the binding passes Java values, there is no address to fault on");
        c.test(
                "BadParameter",
                "how = -1 or 42 fails with EINVAL",
                lab -> lab.runOk(sys -> {
                    fails(Errno.EINVAL, () -> sys.sigprocmask(MaskHow.fromCode(-1), SignalSet.empty()), "how=-1");
                    fails(Errno.EINVAL, () -> sys.sigprocmask(MaskHow.fromCode(42), SignalSet.empty()), "how=42");
                }));
        c.test(
                "GetMask",
                "two reads of the mask agree",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(TEST2, Signals.SIGRTMIN));
                    eq(sys.mask(), sys.mask(), "two reads");
                }));
        c.test(
                        "SetMask",
                        "setting the full set blocks all but SIGKILL and SIGSTOP; the empty set and one signal read"
                                + " back exactly",
                        lab -> lab.runOk(sys -> {
                            sys.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                            eq(SignalSet.full().without(SIGKILL).without(SIGSTOP), sys.mask(), "after the full set");
                            sys.sigprocmask(MaskHow.SETMASK, SignalSet.empty());
                            eq(SignalSet.empty(), sys.mask(), "after the empty set");
                            sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(TEST1));
                            eq(SignalSet.of(TEST1), sys.mask(), "after one signal");
                        }))
                .choice("the full set includes the reserved number 32 and reads back with it, as the Linux kernel"
                        + " (glibc hides 32 and 33 from programs).");
        c.test(
                "BlockUnblock",
                "SIG_BLOCK adds and SIG_UNBLOCK removes, read back after each",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(TEST1));
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(TEST2));
                    eq(SignalSet.of(TEST1, TEST2), sys.mask(), "after SIG_BLOCK");
                    sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(TEST1));
                    eq(SignalSet.of(TEST2), sys.mask(), "after SIG_UNBLOCK");
                }));
        c.test(
                "SignalHandler",
                "a blocked raised signal waits; unblocking it runs its handler before the call returns",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(TEST1, Sigs.recording(ev), SignalSet.empty(), 0);
                    sys.sigaction(TEST2, Sigs.recording(ev), SignalSet.empty(), 0);
                    sys.raise(TEST1);
                    sys.raise(TEST2);
                    eq(1, ev.count(Sigs.ran(TEST1)), "first signal, unblocked");
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(TEST1));
                    sys.raise(TEST1);
                    sys.raise(TEST2);
                    eq(1, ev.count(Sigs.ran(TEST1)), "first signal, blocked");
                    eq(2, ev.count(Sigs.ran(TEST2)), "second signal");
                    sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(TEST1));
                    eq(2, ev.count(Sigs.ran(TEST1)), "first signal after unblocking");
                }));
        c.test(
                "AliasedSets",
                "one variable as both set and old set: the old mask comes back and the new one holds",
                lab -> lab.runOk(sys -> {
                    SignalSet mask = SignalSet.of(TEST1);
                    sys.sigprocmask(MaskHow.SETMASK, mask);
                    mask = SignalSet.of(TEST2);
                    mask = sys.sigprocmask(MaskHow.SETMASK, mask);
                    eq(SignalSet.of(TEST1), mask, "old mask in the shared variable");
                    eq(SignalSet.of(TEST2), sys.mask(), "new mask");
                }));
    }

    private static void sigaction(final Cases c) {
        c.test(
                "GetLessThanOrEqualToZeroFails",
                "reading the action of signal -1 or 0 fails with EINVAL",
                lab -> lab.runOk(sys -> {
                    fails(Errno.EINVAL, () -> sys.process().model().sigaction(-1), "sigaction(-1, NULL, &old)");
                    fails(Errno.EINVAL, () -> sys.process().model().sigaction(0), "sigaction(0, NULL, &old)");
                }));
        c.test(
                "SetLessThanOrEqualToZeroFails",
                "setting the action of signal 0 fails with EINVAL",
                lab -> lab.runOk(
                        sys -> fails(Errno.EINVAL, () -> sys.sigaction(0, SigAction.DEFAULT), "sigaction(0, &act)")));
        c.test(
                "GetGreaterThanMaxFails",
                "reading the action of SIGRTMAX + 1 fails with EINVAL",
                lab -> lab.runOk(sys -> fails(
                        Errno.EINVAL,
                        () -> sys.process().model().sigaction(Signals.SIGRTMAX + 1),
                        "sigaction(SIGRTMAX + 1, NULL, &old)")));
        c.test(
                "SetGreaterThanMaxFails",
                "setting the action of SIGRTMAX + 1 fails with EINVAL",
                lab -> lab.runOk(sys -> fails(
                        Errno.EINVAL,
                        () -> sys.sigaction(Signals.SIGRTMAX + 1, SigAction.DEFAULT),
                        "sigaction(SIGRTMAX + 1, &act)")));
        c.test(
                "SetSigkillFails",
                "the action of SIGKILL can be read but not set (EINVAL)",
                lab -> lab.runOk(sys -> {
                    eq(SigAction.DEFAULT, sys.process().model().sigaction(SIGKILL), "SIGKILL's action");
                    fails(Errno.EINVAL, () -> sys.sigaction(SIGKILL, SigAction.DEFAULT), "sigaction(SIGKILL, &act)");
                }));
        c.test(
                "SetSigstopFails",
                "the action of SIGSTOP can be read but not set (EINVAL)",
                lab -> lab.runOk(sys -> {
                    eq(SigAction.DEFAULT, sys.process().model().sigaction(SIGSTOP), "SIGSTOP's action");
                    fails(Errno.EINVAL, () -> sys.sigaction(SIGSTOP, SigAction.DEFAULT), "sigaction(SIGSTOP, &act)");
                }));
        c.notApplicable(
                "BadSigsetFails",
                "rt_sigaction with a wrong sigset size fails with EINVAL",
                "the raw system call's sigsetsize argument: the binding's set has one size");
    }
}
