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
import dev.sigpage.conformance.Waits;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;

/** {@code pthread_kill} ({@code tgkill}): assertions of the suite's {@code pthread_kill/assertions.xml}. */
final class PthreadKill {
    private PthreadKill() {}

    static void addTo(final List<Case> out) {
        final Cases c = new Cases(Suite.OPTS, "pthread_kill", out);

        c.test(
                "1",
                "pthread_kill delivers the signal to the thread named, not to another",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(SIGUSR1, (s, i, x) -> ev.add("tid " + x.sys().tid()), SignalSet.empty(), 0);
                    final UserThread other = sys.spawnThread(ts -> {
                        ts.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
                        while (true) {
                            try {
                                ts.sigwait(SignalSet.of(SIGUSR2));
                                return;
                            } catch (final SignalException e) {
                                eq(Errno.EINTR, e.errno(), "sigwait interrupted by the handler");
                            }
                        }
                    });
                    Waits.blocked(other, 1);
                    sys.tgkill(sys.pid(), other.tid(), SIGUSR1);
                    Waits.blocked(other, 2);
                    eq(List.of("tid " + other.tid()), ev.list(), "thread the handler ran on");
                    sys.tgkill(sys.pid(), other.tid(), SIGUSR2);
                    Waits.join(other);
                }));

        c.test(
                "2",
                "with signal 0 pthread_kill checks the thread and sends nothing",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                    succeeds(() -> sys.tgkill(sys.pid(), sys.tid(), 0), "pthread_kill(self, 0)");
                    eq(SignalSet.empty(), sys.sigpending(), "pending");
                    final UserThread done = sys.spawnThread(ts -> {});
                    Waits.join(done);
                    fails(Errno.ESRCH, () -> sys.tgkill(sys.pid(), done.tid(), 0), "pthread_kill(ended thread, 0)");
                }));

        c.test(
                "3",
                "pthread_kill returns 0 on success",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
                    succeeds(() -> sys.tgkill(sys.pid(), sys.tid(), SIGUSR2), "pthread_kill(self, SIGUSR2)");
                    eq(SignalSet.of(SIGUSR2), sys.sigpending(), "pending");
                }));

        c.test(
                "4",
                "otherwise pthread_kill returns an error number (ESRCH for a thread that has ended)",
                lab -> lab.runOk(sys -> {
                    final UserThread done = sys.spawnThread(ts -> {});
                    Waits.join(done);
                    fails(Errno.ESRCH, () -> sys.tgkill(sys.pid(), done.tid(), SIGUSR1), "pthread_kill(ended thread)");
                }));

        c.test(
                "5",
                "a failed pthread_kill sends no signal",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                    for (final int sig : Sigs.INVALID) {
                        fails(Errno.EINVAL, () -> sys.tgkill(sys.pid(), sys.tid(), sig), "pthread_kill(" + sig + ")");
                    }
                    fails(Errno.ESRCH, () -> sys.tgkill(sys.pid(), 987_654, SIGUSR1), "pthread_kill(no such thread)");
                    eq(SignalSet.empty(), sys.sigpending(), "pending");
                    eq(SignalSet.empty(), sys.process().model().pendingSet(), "pending on the process");
                }));

        c.test(
                "7",
                "pthread_kill fails with EINVAL for an invalid or unsupported signal number",
                lab -> lab.runOk(sys -> {
                    for (final int sig : new int[] {-1, Signals.RESERVED, 65, 128}) {
                        fails(Errno.EINVAL, () -> sys.tgkill(sys.pid(), sys.tid(), sig), "pthread_kill(" + sig + ")");
                    }
                }));

        c.test(
                "8",
                "pthread_kill never fails with EINTR, even when the handler of the signal it sends runs",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> {
                                ev.add("h");
                                if (x.depth() < 3) {
                                    x.sys().tgkill(x.sys().pid(), x.sys().tid(), SIGUSR2);
                                }
                            },
                            SignalSet.empty(),
                            0);
                    sys.sigaction(SIGUSR2, (s, i, x) -> ev.add("h2"), SignalSet.empty(), 0);
                    for (int i = 0; i < 20; i++) {
                        sys.tgkill(sys.pid(), sys.tid(), SIGUSR1);
                    }
                    eq(40, ev.size(), "handlers run, every call returned normally");
                }));
    }
}
