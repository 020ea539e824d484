package dev.sigpage.conformance.opts;

import static dev.sigpage.api.Signals.SIGHUP;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static dev.sigpage.conformance.Check.eq;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SignalSet;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Suite;
import dev.sigpage.conformance.Waits;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code sigpending}: assertions of the Open POSIX Test Suite's {@code sigpending/assertions.xml}. */
final class Sigpending {
    private Sigpending() {}

    static void addTo(final List<Case> out) {
        final Cases c = new Cases(Suite.OPTS, "sigpending", out);

        c.test(
                "1",
                "sigpending gives the blocked signals pending on the process or on the calling thread",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1, SIGUSR2, SIGHUP));
                    eq(SignalSet.empty(), sys.sigpending(), "pending before any send");
                    sys.kill(sys.pid(), SIGUSR1);
                    sys.raise(SIGUSR2);
                    final CountDownLatch sent = new CountDownLatch(1);
                    final CountDownLatch done = new CountDownLatch(1);
                    final UserThread other = sys.spawnThread(ts -> {
                        ts.raise(SIGHUP);
                        sent.countDown();
                        Waits.await(done);
                    });
                    Waits.await(sent);
                    eq(
                            SignalSet.of(SIGUSR1, SIGUSR2),
                            sys.sigpending(),
                            "pending: process-directed and own thread-directed, not the other thread's");
                    done.countDown();
                    Waits.join(other);
                }));

        c.test(
                "2",
                "sigpending succeeds (returns 0)",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                    sys.raise(SIGUSR1);
                    eq(SignalSet.of(SIGUSR1), sys.sigpending(), "result");
                }));

        c.notApplicable(
                "3",
                "an unsuccessful sigpending returns -1 and sets errno",
                "no failure to provoke: POSIX defines no error for sigpending and the model's never fails");
    }
}
