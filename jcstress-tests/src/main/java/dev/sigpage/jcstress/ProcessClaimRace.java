package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.ModelThread;
import org.agrona.concurrent.AtomicBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/*
    Scenario 3: two threads claim the same process-directed signal.

    A kill leaves SIGUSR1 (10) pending in the process word; threads A and B of that process both allow it, and
    both reach their trampoline at the same time. Each claims the next deliverable signal. A process pending bit
    is claimed competitively: an atomic and-not whose previous value says who won, so exactly one thread
    receives the signal.

        thread A                          thread B
        claim(): prev = andNot(P, bit)    claim(): prev = andNot(P, bit)
                 won iff prev has bit              won iff prev has bit

    Acceptable, with the interleaving that yields each:
        "10, 0"  A's and-not first (prev has the bit); B's finds it clear
        "0, 10"  B's and-not first; A's finds it clear
    Forbidden: both (delivered twice) and neither (the bit was set before both claims).

    Broken twin (BrokenReadThenClear): a non-competitive claim, "if the bit is set, take it and clear it": both
    threads can read the bit before either clears it, and both run the handler.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only ProcessClaimRace
    or, with jcstress's own runner:
        java -jar jcstress-tests/target/jcstress.jar -t ProcessClaimRace \
             -jvmArgsPrepend --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED

    RESULTS (Intel(R) Xeon(R) Processor, 2 vCPUs, OpenJDK 17.0.15; commands in jcstress-tests/README.md):

      Sigpage: 17,842,708 samples, no forbidden outcome
        RESULT     SAMPLES    FREQ      EXPECT  DESCRIPTION
          0, 0           0   0.00%   Forbidden  lost: pending and allowed, yet nobody claimed it
         0, 10   6,064,469  33.99%  Acceptable  B claimed it, A found nothing: exactly one winner
         10, 0  11,778,239  66.01%  Acceptable  A claimed it, B found nothing: exactly one winner
        10, 10           0   0.00%   Forbidden  delivered twice: both threads claimed one instance

      BrokenReadThenClear: 18,395,288 samples, twin caught (4,004,991 forbidden, 21.77%)
        RESULT    SAMPLES    FREQ      EXPECT  DESCRIPTION
          0, 0          0   0.00%   Forbidden  lost: pending and allowed, yet nobody claimed it
         0, 10  6,774,813  36.83%  Acceptable  B claimed it, A found nothing: exactly one winner
         10, 0  7,615,484  41.40%  Acceptable  A claimed it, B found nothing: exactly one winner
        10, 10  4,004,991  21.77%   Forbidden  delivered twice: both threads claimed one instance
*/
@Outcome(id = "10, 0", expect = ACCEPTABLE, desc = "A claimed it, B found nothing: exactly one winner")
@Outcome(id = "0, 10", expect = ACCEPTABLE, desc = "B claimed it, A found nothing: exactly one winner")
@Outcome(id = "10, 10", expect = FORBIDDEN, desc = "delivered twice: both threads claimed one instance")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost: pending and allowed, yet nobody claimed it")
@Outcome(expect = FORBIDDEN, desc = "a signal that was never sent")
public class ProcessClaimRace {

    private static final int SIGUSR1 = Signals.SIGUSR1;

    /** The library: Kernel.kill, then ModelThread.claim on two threads (ProcessControl.claimPending inside). */
    @JCStressTest
    @JCStressMeta(ProcessClaimRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(1);
        private final Fixture f = POOL.acquire();
        private final ModelThread a = f.target;
        private final ModelThread b = f.more[0];
        private final MutableSigInfo infoA = new MutableSigInfo();
        private final MutableSigInfo infoB = new MutableSigInfo();

        public Sigpage() {
            f.kernel.kill(f.sender, f.pid(), SIGUSR1);
        }

        @Actor
        public void threadA(II_Result r) {
            r.r1 = a.claim(infoA);
        }

        @Actor
        public void threadB(II_Result r) {
            r.r2 = b.claim(infoB);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            POOL.release(f);
        }
    }

    /** A non-competitive claim over a raw process word: read the bit, then clear it. */
    @JCStressTest
    @JCStressMeta(ProcessClaimRace.class)
    @State
    public static class BrokenReadThenClear {
        private static final int PROCESS_PENDING = 0;
        private final AtomicBuffer page = RawAtomics.words(1);

        public BrokenReadThenClear() {
            RawAtomics.getAndOr(page, PROCESS_PENDING, 1L << (SIGUSR1 - 1));
        }

        private int claim() {
            long bit = 1L << (SIGUSR1 - 1);
            long word = page.getLongVolatile(PROCESS_PENDING);
            if ((word & bit) == 0) {
                return 0;
            }
            // Wrong: the decision was taken on the read above; the store does not say who won.
            page.putLongVolatile(PROCESS_PENDING, page.getLongVolatile(PROCESS_PENDING) & ~bit);
            return SIGUSR1;
        }

        @Actor
        public void threadA(II_Result r) {
            r.r1 = claim();
        }

        @Actor
        public void threadB(II_Result r) {
            r.r2 = claim();
        }
    }
}
