package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.Signals;
import org.agrona.concurrent.AtomicBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/*
    Scenario 8: sigaction(SIG_IGN) racing a send. Why the claim re-checks the action.

    Thread T allows SIGUSR1, whose action is the default (terminate). One actor sets SIGUSR1 to SIG_IGN, which
    discards pending instances; the other sends SIGUSR1 to T and looks at T's pending set right after. A send that
    reads the action before the ignore and raises the bit after the discard leaves an ignored signal pending; the
    claim re-checks the action and drops it. After both, T's claim (arbiter) must deliver nothing: the signal was
    either discarded, or it would have been delivered before the ignore took effect; a discarded signal never
    reappears.

        process (any thread)                 sender
        sigaction(SIGUSR1, SIG_IGN)          tgkill(T, SIGUSR1)
          action = IGN; discard pending      r1 = SIGUSR1 pending for T
                        arbiter: r2 = T.claim(); r3 = SIGUSR1 still pending

    Forbidden: r2 = 10 (an ignored signal delivered), r3 = 1 (an ignored signal left pending after a claim).

    Acceptable, with the interleaving that yields each:
        "1, 0, 0"  the send raises the bit and reads it back, then sigaction discards it; or the send read the
                   action before the ignore and raised the bit after the discard, and the claim drops it
        "0, 0, 0"  sigaction first, the send finds SIG_IGN and discards; or the discard falls between the send's
                   OR and its read of the pending set

    Broken twin (BrokenCheckThenRaise): the send reads the action and then raises the bit; sigaction writes the
    action and then discards; the claim trusts the pending bit. A send between the two steps of sigaction leaves
    the bit raised, and the claim delivers a signal whose action is SIG_IGN.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only IgnoreVsSendRace

    RESULTS (Intel(R) Xeon(R) Processor, 2 vCPUs, OpenJDK 17.0.15; commands in jcstress-tests/README.md):

      Sigpage: 19,225,108 samples, no forbidden outcome
          RESULT    SAMPLES    FREQ      EXPECT  DESCRIPTION
         0, 0, 0  9,832,620  51.14%  Acceptable  sent while ignored: discarded
         0, 0, 1          0   0.00%   Forbidden  an ignored signal left pending after the claim
        0, 10, 0          0   0.00%   Forbidden  a discarded signal reappears: delivered while SIG_IGN
        0, 10, 1          0   0.00%   Forbidden  a discarded signal reappears: delivered while SIG_IGN
         1, 0, 0  9,392,488  48.86%  Acceptable  sent first, then discarded by SIG_IGN (or at the claim)
         1, 0, 1          0   0.00%   Forbidden  an ignored signal left pending after the claim
        1, 10, 0          0   0.00%   Forbidden  a discarded signal reappears: delivered while SIG_IGN
        1, 10, 1          0   0.00%   Forbidden  a discarded signal reappears: delivered while SIG_IGN

      BrokenCheckThenRaise: 18,600,088 samples, twin caught (522,959 forbidden, 2.81%)
          RESULT     SAMPLES    FREQ      EXPECT  DESCRIPTION
         0, 0, 0   4,540,937  24.41%  Acceptable  sent while ignored: discarded
         0, 0, 1           0   0.00%   Forbidden  an ignored signal left pending after the claim
        0, 10, 0           0   0.00%   Forbidden  a discarded signal reappears: delivered while SIG_IGN
        0, 10, 1           0   0.00%   Forbidden  a discarded signal reappears: delivered while SIG_IGN
         1, 0, 0  13,536,192  72.77%  Acceptable  sent first, then discarded by SIG_IGN (or at the claim)
         1, 0, 1           0   0.00%   Forbidden  an ignored signal left pending after the claim
        1, 10, 0     522,959   2.81%   Forbidden  a discarded signal reappears: delivered while SIG_IGN
        1, 10, 1           0   0.00%   Forbidden  a discarded signal reappears: delivered while SIG_IGN
*/
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "sent first, then discarded by SIG_IGN (or at the claim)")
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "sent while ignored: discarded")
@Outcome(
        id = {"0, 10, 0", "1, 10, 0", "0, 10, 1", "1, 10, 1"},
        expect = FORBIDDEN,
        desc = "a discarded signal reappears: delivered while SIG_IGN")
@Outcome(
        id = {"0, 0, 1", "1, 0, 1"},
        expect = FORBIDDEN,
        desc = "an ignored signal left pending after the claim")
@Outcome(expect = FORBIDDEN, desc = "not a state the protocol can reach")
public class IgnoreVsSendRace {

    private static final int SIGUSR1 = Signals.SIGUSR1;

    /** The library: ModelProcess.sigaction against Kernel.tgkill, then ModelThread.claim. */
    @JCStressTest
    @JCStressMeta(IgnoreVsSendRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(0);
        private final Fixture f = POOL.acquire();
        private final MutableSigInfo info = new MutableSigInfo();

        @Actor
        public void ignore() {
            f.process.sigaction(SIGUSR1, SigAction.IGNORE);
        }

        @Actor
        public void sender(III_Result r) {
            f.kernel.tgkill(f.sender, f.pid(), f.target.tid(), SIGUSR1);
            r.r1 = f.target.pendingSet().contains(SIGUSR1) ? 1 : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r2 = f.target.claim(info);
            r.r3 = f.target.pendingSet().contains(SIGUSR1) ? 1 : 0;
            POOL.release(f);
        }
    }

    /** The send checks the action before raising the bit, and the claim trusts the bit. */
    @JCStressTest
    @JCStressMeta(IgnoreVsSendRace.class)
    @State
    public static class BrokenCheckThenRaise {
        private static final int WORD_0 = 0;
        private static final int ACTION = 8;
        private static final long IGNORED = Long.MIN_VALUE;
        private final AtomicBuffer words = RawAtomics.words(2);

        public BrokenCheckThenRaise() {
            words.putLongVolatile(WORD_0, RawAtomics.allowBit(SIGUSR1));
        }

        @Actor
        public void ignore() {
            words.putLongVolatile(ACTION, IGNORED);
            RawAtomics.getAndClear(words, WORD_0, RawAtomics.pendingBit(SIGUSR1));
        }

        @Actor
        public void sender(III_Result r) {
            // Wrong: the action is checked once, before the bit is raised, and never again.
            if ((words.getLongVolatile(ACTION) & IGNORED) == 0) {
                RawAtomics.getAndOr(words, WORD_0, RawAtomics.pendingBit(SIGUSR1));
            }
            r.r1 = (words.getLongVolatile(WORD_0) & RawAtomics.pendingBit(SIGUSR1)) != 0 ? 1 : 0;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            long prev = RawAtomics.getAndClear(words, WORD_0, RawAtomics.pendingBit(SIGUSR1));
            r.r2 = (prev & RawAtomics.pendingBit(SIGUSR1)) != 0 ? SIGUSR1 : 0;
            r.r3 = (words.getLongVolatile(WORD_0) & RawAtomics.pendingBit(SIGUSR1)) != 0 ? 1 : 0;
        }
    }
}
