package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/*
    Scenario 12: sigaction against a delivery. Why sigaction writes the action's sa_mask (user_data) before its
    handler and flags (first).

    SIGUSR1 is pending for thread T, and its action is handler H1 with sa_mask {SIGUSR2}. A sigaction installs
    handler H2 with sa_mask {SIGTERM} while T delivers SIGUSR1. sigaction writes user_data (release), then first
    (volatile); the delivery reads first (volatile), then user_data (acquire), and blocks sa_mask | SIGUSR1.

        sigaction(SIGUSR1, H2, {SIGTERM})      thread T
          user_data = {SIGTERM}   (release)      deliver(d):
          first = H2              (volatile)       first      (volatile)  -> r1 = 1 for H1, 2 for H2
                                                   user_data  (acquire)   -> the mask T blocks
                                               r2 = 1 if T now blocks SIGUSR2 only, 2 if SIGTERM only

    Forbidden: "2, 1", the new handler with the old mask: a delivery that read the new first must see the user_data
    written before it. Every other outcome but the three below is forbidden too (the catch-all).

    Acceptable, with the interleaving that yields each:
        "1, 1"  both reads of the delivery precede both writes of sigaction
        "2, 2"  both writes precede both reads
    Acceptable, interesting:
        "1, 2"  the delivery reads first before sigaction writes it, and user_data after sigaction wrote it: the two
                words are read with two loads, not as one, so the old handler runs with the new mask

    Library mutant: the catalogue's 26-action-mask-after-first (sigaction writing first before user_data) yields
    "2, 1". There is no broken twin: the mutant is the library with the two stores swapped.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only ActionPairRace

    RESULTS (Intel(R) Xeon(R) Processor, 2 vCPUs, OpenJDK 17.0.15, machine shared with other builds):

      Sigpage (ProofRunner --quick): 149,573 samples, no forbidden outcome
        RESULT   SAMPLES    FREQ       EXPECT  DESCRIPTION
          1, 1    33,059  22.10%   Acceptable  old action: delivered before the change
          1, 2         1   <0.01%  Interesting  old handler, new mask: first read before the change
          2, 1         0   0.00%    Forbidden  new handler with the old mask: user_data not published by first
          2, 2   116,513  77.90%   Acceptable  new action: delivered after the change
*/
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "old action: delivered before the change")
@Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "new action: delivered after the change")
@Outcome(id = "1, 2", expect = ACCEPTABLE_INTERESTING, desc = "old handler, new mask: first read before the change")
@Outcome(id = "2, 1", expect = FORBIDDEN, desc = "new handler with the old mask: user_data not published by first")
@Outcome(expect = FORBIDDEN, desc = "not a state the protocol can reach")
public class ActionPairRace {

    private static final int SIGUSR1 = Signals.SIGUSR1;
    private static final long H1 = 0x1000;
    private static final long H2 = 0x2000;
    private static final SigAction OLD = new SigAction(H1, SignalSet.of(Signals.SIGUSR2), 0);
    private static final SigAction NEW = new SigAction(H2, SignalSet.of(Signals.SIGTERM), 0);

    /** The library: ModelProcess.sigaction against ModelThread.deliver. */
    @JCStressTest
    @JCStressMeta(ActionPairRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(0);
        private final Fixture f = POOL.acquire();
        private final Delivery delivery = new Delivery();

        public Sigpage() {
            f.process.sigaction(SIGUSR1, OLD);
            f.kernel.tgkill(null, f.pid(), f.target.tid(), SIGUSR1);
        }

        @Actor
        public void sigaction() {
            f.process.sigaction(SIGUSR1, NEW);
        }

        @Actor
        public void thread(II_Result r) {
            int sig = f.target.deliver(delivery);
            long handler = delivery.handler();
            r.r1 = sig != SIGUSR1 ? 0 : handler == H1 ? 1 : handler == H2 ? 2 : 3;
            long mask = f.target.maskBits();
            boolean usr2 = (mask & Signals.bit(Signals.SIGUSR2)) != 0;
            boolean term = (mask & Signals.bit(Signals.SIGTERM)) != 0;
            r.r2 = usr2 && !term ? 1 : term && !usr2 ? 2 : usr2 ? 3 : 0;
        }

        @Arbiter
        public void arbiter(II_Result r) {
            POOL.release(f);
        }
    }
}
