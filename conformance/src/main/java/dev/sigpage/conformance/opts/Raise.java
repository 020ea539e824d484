package dev.sigpage.conformance.opts;

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
import dev.sigpage.conformance.Sigs;
import dev.sigpage.conformance.Suite;
import dev.sigpage.conformance.Waits;
import dev.sigpage.impl.engine.ProcessEvent;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code raise}: assertions of the Open POSIX Test Suite's {@code raise/assertions.xml}. */
final class Raise {
    private Raise() {}

    static void addTo(final List<Case> out) {
        final Cases c = new Cases(Suite.OPTS, "raise", out);

        c.test(
                "1",
                "raise sends the signal to the calling thread: its handler runs on that thread",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(SIGUSR1, (s, i, x) -> ev.add("tid " + x.sys().tid()), SignalSet.empty(), 0);
                    sys.raise(SIGUSR1);
                    eq(List.of("tid " + sys.tid()), ev.list(), "thread the handler ran on");
                }));

        c.test(
                "2",
                "when a handler runs, raise returns only after the handler has returned",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    for (final int sig : Sigs.CATCHABLE) {
                        sys.sigaction(sig, (s, i, x) -> ev.add("handler " + s), SignalSet.empty(), 0);
                        ev.add("before " + sig);
                        sys.raise(sig);
                        ev.add("after " + sig);
                        final List<String> l = ev.list();
                        eq(
                                List.of("before " + sig, "handler " + sig, "after " + sig),
                                l.subList(l.size() - 3, l.size()),
                                "order for " + Signals.name(sig));
                    }
                }));

        c.test(
                "3",
                "with threads, raise is pthread_kill(pthread_self()): another thread allowing it never gets it",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(SIGUSR1, (s, i, x) -> ev.add("tid " + x.sys().tid()), SignalSet.empty(), 0);
                    final CountDownLatch release = new CountDownLatch(1);
                    final UserThread other = sys.spawnThread(ts -> {
                        ts.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGUSR1));
                        Waits.await(release);
                        ts.checkpoint();
                    });
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                    sys.raise(SIGUSR1);
                    that(sys.thread().threadPendingSet().contains(SIGUSR1), "SIGUSR1 pending on the calling thread");
                    that(!sys.process().model().pendingSet().contains(SIGUSR1), "not pending on the process");
                    release.countDown();
                    Waits.join(other);
                    eq(0, ev.size(), "handlers run on the other thread");
                    sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGUSR1));
                    eq(List.of("tid " + sys.tid()), ev.list(), "handler after unblocking");
                }));

        c.test(
                "4",
                "without threads raise is kill(getpid()): in a one-thread process both deliver before returning",
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(SIGUSR2, Sigs.recording(ev), SignalSet.empty(), 0);
                    sys.raise(SIGUSR2);
                    eq(1, ev.size(), "handlers after raise");
                    sys.kill(sys.pid(), SIGUSR2);
                    eq(2, ev.size(), "handlers after kill(getpid())");
                }));

        c.test(
                "5",
                "a successful raise returns normally (0)",
                lab -> lab.runOk(sys -> {
                    sys.sigaction(Signals.SIGCHLD, dev.sigpage.api.SigAction.DEFAULT);
                    sys.raise(Signals.SIGCHLD);
                    sys.raise(Signals.SIGWINCH);
                }));

        c.test(
                "6",
                "an unsuccessful raise reports an error",
                lab -> lab.runOk(sys -> {
                    for (final int sig : Sigs.INVALID) {
                        fails(Errno.EINVAL, () -> sys.raise(sig), "raise(" + sig + ")");
                    }
                }));

        c.test(
                "7",
                "raise of an invalid signal number fails with EINVAL and sends nothing",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                    for (final int sig : new int[] {Signals.RESERVED, 65, 10_000}) {
                        fails(Errno.EINVAL, () -> sys.raise(sig), "raise(" + sig + ")");
                    }
                    eq(SignalSet.empty(), sys.sigpending(), "pending");
                }));

        c.test(
                "10000",
                "raise with a default action: SIGCHLD is ignored, SIGTERM ends the process with SIGTERM",
                lab -> {
                    final Events ev = new Events();
                    final ProcessEvent end = lab.run(sys -> {
                        sys.raise(Signals.SIGCHLD);
                        ev.add("after SIGCHLD");
                        sys.raise(Signals.SIGTERM);
                        ev.add("after SIGTERM");
                    });
                    eq(List.of("after SIGCHLD"), ev.list(), "code that ran");
                    eq(
                            new ProcessEvent(ProcessEvent.Kind.KILLED, end.pid(), Signals.SIGTERM),
                            end,
                            "end of the process");
                });
    }
}
