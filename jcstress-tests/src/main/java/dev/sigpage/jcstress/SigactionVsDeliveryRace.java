package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/*
    Scenario 13: a sigaction change against a delivery that reads the action. The handler, the flags and the
    sa_mask one delivery uses must belong to one action.

    SIGUSR1 is pending for thread T (tgkill) with action A installed; thread S of the same process changes it to B
    while T's delivery claims SIGUSR1 and reads its action:
        A: handler 0x1000, sa_mask {SIGUSR2}, SA_SIGINFO
        B: handler 0x2000, sa_mask {SIGTERM}, SA_RESTART
    An action is two words of the page: `first` (handler | flags) and `user_data` (sa_mask). sigaction writes both
    under the process's sigaction lock (user_data, then first); the delivery reads both under the same lock (as
    redox-rt's trampoline takes its SIGACTIONS_LOCK), then blocks sa_mask | SIGUSR1.

        thread S                               thread T
        sigaction(SIGUSR1, B):                 deliver():
          lock                                   claim SIGUSR1 (atomic and-not)
          user_data = {SIGTERM}                  lock
          first = 0x2000 | SA_RESTART            first, user_data
          unlock                                 unlock
                                                 mask |= sa_mask | SIGUSR1
        r1 = handler (1 A's, 2 B's, 0 none), r2 = which sa_mask T's mask holds after the delivery (1 SIGUSR2 alone,
        2 SIGTERM alone, 3 both or neither), r3 = flags (1 A's, 2 B's, 3 other)

    Acceptable, with the interleaving that yields each:
        "1, 1, 1"  the delivery's locked read precedes sigaction's: all of A
        "2, 2, 2"  sigaction's locked writes precede the delivery's read: all of B
    Forbidden: any mix, e.g. "1, 2, 1" (A's handler and flags with B's sa_mask: the delivery read first before the
    change and user_data after it), and "0, ..." (the pending signal was not delivered).

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only SigactionVsDeliveryRace

    RESULTS (AMD EPYC, 2 vCPUs, OpenJDK 17.0.15, load average about 20; the quick pass: run-proofs.sh --quick):

      Sigpage: 134,850 samples, no forbidden outcome
        RESULT   SAMPLES    FREQ      EXPECT  DESCRIPTION
        1, 1, 1   31,704  23.51%  Acceptable  delivered with A: handler, flags and sa_mask of A
        1, 2, 1        0   0.00%   Forbidden  torn action: A's handler and flags with B's sa_mask
        2, 1, 2        0   0.00%   Forbidden  torn action: B's handler and flags with A's sa_mask
        2, 2, 2  103,146  76.49%  Acceptable  delivered with B: handler, flags and sa_mask of B

    Against the library with the fault (the delivery reading first, decoding it, then reading user_data, without
    the sigaction lock) the window is two reads apart and the torn action is rare: the quick pass saw "1, 2, 1" once
    in 184,202 samples, and with -time 8000 five times in 335,242. ActionReadTest (JUnit) catches the same fault
    deterministically: it holds the lock with the action half written and requires the delivery to wait.
*/
public class SigactionVsDeliveryRace {

    private static final int SIGUSR1 = Signals.SIGUSR1;
    private static final long HANDLER_A = 0x1000;
    private static final long HANDLER_B = 0x2000;
    private static final SigAction A = SigAction.handler(HANDLER_A, SignalSet.of(Signals.SIGUSR2), SaFlags.SA_SIGINFO);
    private static final SigAction B = SigAction.handler(HANDLER_B, SignalSet.of(Signals.SIGTERM), SaFlags.SA_RESTART);

    /** The library: ModelProcess.sigaction by S against ModelThread.deliver by T. */
    @JCStressTest
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "delivered with A: handler, flags and sa_mask of A")
    @Outcome(id = "2, 2, 2", expect = ACCEPTABLE, desc = "delivered with B: handler, flags and sa_mask of B")
    @Outcome(id = "1, 2, 1", expect = FORBIDDEN, desc = "torn action: A's handler and flags with B's sa_mask")
    @Outcome(id = "2, 1, 2", expect = FORBIDDEN, desc = "torn action: B's handler and flags with A's sa_mask")
    @Outcome(expect = FORBIDDEN, desc = "a torn action, or the pending signal not delivered")
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(0);
        private final Fixture f = POOL.acquire();
        private final Delivery delivery = new Delivery();

        public Sigpage() {
            f.process.sigaction(SIGUSR1, A);
            f.kernel.tgkill(null, f.pid(), f.target.tid(), SIGUSR1);
        }

        @Actor
        public void sigaction() {
            f.process.sigaction(f.sender, SIGUSR1, B);
        }

        @Actor
        public void deliver(III_Result r) {
            int sig = f.target.deliver(delivery);
            long handler = delivery.handler();
            r.r1 = sig != SIGUSR1 ? 0 : handler == HANDLER_A ? 1 : handler == HANDLER_B ? 2 : 3;
            long mask = f.target.maskBits();
            boolean usr2 = (mask & Signals.bit(Signals.SIGUSR2)) != 0;
            boolean term = (mask & Signals.bit(Signals.SIGTERM)) != 0;
            r.r2 = usr2 && !term ? 1 : term && !usr2 ? 2 : 3;
            int flags = delivery.flags();
            r.r3 = flags == SaFlags.SA_SIGINFO ? 1 : flags == SaFlags.SA_RESTART ? 2 : 3;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            POOL.release(f);
        }
    }
}
