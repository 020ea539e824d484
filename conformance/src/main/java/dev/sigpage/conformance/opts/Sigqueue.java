package dev.sigpage.conformance.opts;

import static dev.sigpage.api.Signals.SIGRTMIN;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;
import static dev.sigpage.conformance.Check.succeeds;
import static dev.sigpage.conformance.Check.that;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Sigs;
import dev.sigpage.conformance.Suite;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** {@code sigqueue}: assertions of the Open POSIX Test Suite's {@code sigqueue/assertions.xml}. */
final class Sigqueue {
    private Sigqueue() {}

    static void addTo(final List<Case> out) {
        final Cases c = new Cases(Suite.OPTS, "sigqueue", out);

        c.test("1", "sigqueue sends the signal with the value to the process pid", lab -> {
            final AtomicLong value = new AtomicLong();
            final EngineProcess target = lab.spawn();
            final UserThread t = target.start(sys -> {
                sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGRTMIN));
                value.set(sys.sigtimedwait(SignalSet.of(SIGRTMIN), -1).value());
            });
            lab.blocked(t);
            lab.self().sigqueue(target.pid(), SIGRTMIN, 0x5157_0000_1234L);
            lab.join(t);
            eq(0x5157_0000_1234L, value.get(), "value received");
        });

        c.test(
                "2",
                "with signal 0 sigqueue checks pid and queues nothing",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                    succeeds(() -> sys.sigqueue(sys.pid(), 0, 7), "sigqueue(self, 0)");
                    eq(SignalSet.empty(), sys.sigpending(), "pending");
                    fails(Errno.ESRCH, () -> sys.sigqueue(Kill.NO_SUCH_PID, 0, 7), "sigqueue(no such pid, 0)");
                }));

        c.test("3", "sigqueue needs the same permission as kill", lab -> {
            final EngineProcess other = lab.spawn(2000, 2000);
            final EngineProcess saved = lab.spawn(2000, 1000);
            fails(Errno.EPERM, () -> lab.self().sigqueue(other.pid(), SIGRTMIN, 1), "to ruid 2000 suid 2000");
            succeeds(() -> lab.self().sigqueue(saved.pid(), SIGRTMIN, 1), "to ruid 2000 suid 1000");
            eq(SignalSet.empty(), other.model().pendingSet(), "pending on the refused target");
        });

        c.test(
                "4",
                "with SA_SIGINFO every queued instance is delivered",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGRTMIN + 1,
                            (s, i, x) -> ev.add(Long.toString(i.value())),
                            SignalSet.empty(),
                            SaFlags.SA_SIGINFO);
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGRTMIN + 1));
                    for (int v = 0; v < 10; v++) {
                        sys.sigqueue(sys.pid(), SIGRTMIN + 1, v);
                    }
                    sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGRTMIN + 1));
                    eq(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), ev.list(), "values delivered");
                }));

        c.test(
                        "5",
                        "without SA_SIGINFO the signal is delivered at least once",
                        lab -> lab.runOk(sys -> {
                            final Events ev = new Events();
                            sys.sigaction(SIGUSR1, Sigs.recording(ev), SignalSet.empty(), 0);
                            sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                            sys.sigqueue(sys.pid(), SIGUSR1, 1);
                            sys.sigqueue(sys.pid(), SIGUSR1, 2);
                            sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGUSR1));
                            that(ev.size() >= 1, "SIGUSR1 delivered at least once: " + ev);
                        }))
                .choice(
                        "a standard signal queued twice while blocked is delivered once (as Linux); POSIX permits more.");

        c.test(
                "6",
                "a signal sigqueue sends to the caller's own process is delivered before sigqueue returns",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    for (final int sig : Sigs.CATCHABLE) {
                        sys.sigaction(sig, Sigs.recording(ev), SignalSet.empty(), SaFlags.SA_SIGINFO);
                        sys.sigqueue(sys.pid(), sig, sig);
                        eq(1, ev.count(Sigs.ran(sig)), "handlers of " + Signals.name(sig) + " when sigqueue returns");
                    }
                }));

        c.test(
                "7",
                "of several pending realtime signals the lowest numbered is delivered first",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    final int[] order = {SIGRTMIN + 7, SIGRTMIN + 2, Signals.SIGRTMAX, SIGRTMIN, SIGRTMIN + 4};
                    final SignalSet all = SignalSet.of(order);
                    for (final int sig : order) {
                        sys.sigaction(sig, (s, i, x) -> ev.add(Signals.name(s)), SignalSet.empty(), SaFlags.SA_SIGINFO);
                    }
                    sys.sigprocmask(MaskHow.BLOCK, all);
                    for (final int sig : order) {
                        sys.sigqueue(sys.pid(), sig, 0);
                    }
                    sys.sigprocmask(MaskHow.UNBLOCK, all);
                    eq(
                            List.of("SIGRTMIN", "SIGRTMIN+2", "SIGRTMIN+4", "SIGRTMIN+7", "SIGRTMIN+31"),
                            ev.list(),
                            "delivery order");
                }));

        c.test(
                "8",
                "on success the signal is queued (pending while blocked) and sigqueue returns 0",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGRTMIN + 3));
                    succeeds(() -> sys.sigqueue(sys.pid(), SIGRTMIN + 3, 9), "sigqueue");
                    eq(SignalSet.of(SIGRTMIN + 3), sys.sigpending(), "pending");
                }));

        c.test(
                        "9",
                        "sigqueue fails with EAGAIN once the receiver's queue holds the most it can",
                        lab -> lab.runOk(sys -> {
                            final int sig = SIGRTMIN + 9;
                            final Events ev = new Events();
                            sys.sigaction(
                                    sig,
                                    (s, i, x) -> ev.add(Long.toString(i.value())),
                                    SignalSet.empty(),
                                    SaFlags.SA_SIGINFO);
                            sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(sig));
                            int queued = 0;
                            SignalException full = null;
                            while (full == null && queued < 100_000) {
                                try {
                                    sys.sigqueue(sys.pid(), sig, queued);
                                    queued++;
                                } catch (final SignalException e) {
                                    full = e;
                                }
                            }
                            that(
                                    full != null && full.errno() == Errno.EAGAIN,
                                    "EAGAIN after " + queued + " queued: " + full);
                            sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(sig));
                            eq(queued, ev.size(), "instances delivered: every accepted one, the refused one not");
                        }))
                .choice(
                        "the queue bound is per process and per thread (KernelConfig.realtimeQueueDepth, 32 by default);"
                                + " POSIX's SIGQUEUE_MAX may be per sender or system-wide.");

        c.test(
                        "10",
                        "sigqueue fails with EINVAL for an invalid signal number",
                        lab -> lab.runOk(sys -> {
                            for (final int sig : Sigs.INVALID) {
                                fails(Errno.EINVAL, () -> sys.sigqueue(sys.pid(), sig, 0), "sigqueue(" + sig + ")");
                            }
                            fails(Errno.EINVAL, () -> sys.sigqueue(sys.pid(), Signals.RESERVED, 0), "sigqueue(32)");
                        }))
                .choice(Sigs.RESERVED_CHOICE);

        c.test(
                "11",
                "sigqueue fails with ESRCH when no process has the pid",
                lab -> lab.runOk(sys -> {
                    fails(Errno.ESRCH, () -> sys.sigqueue(Kill.NO_SUCH_PID, SIGRTMIN, 0), "sigqueue(no such pid)");
                    fails(Errno.ESRCH, () -> sys.sigqueue(-5, SIGRTMIN, 0), "sigqueue(-5)");
                }));

        c.test("12", "sigqueue fails with EPERM when the sender may not signal the receiver", lab -> {
            final EngineProcess other = lab.spawn(4242, 4242);
            for (final int sig : new int[] {SIGUSR1, SIGRTMIN, Signals.SIGKILL}) {
                fails(Errno.EPERM, () -> lab.self().sigqueue(other.pid(), sig, 0), "sigqueue(" + sig + ")");
            }
            eq(false, other.isEnded(), "target still alive");
        });
    }
}
