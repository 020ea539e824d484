package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.Signals;
import org.agrona.concurrent.AtomicBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/*
    Scenario 9: sender info against the pending bit. Why the sender writes its info before it raises the bit.

    An earlier SIGUSR1 from the kernel (pid 0) was sent to thread T and claimed, so T's sender-info slot for SIGUSR1
    holds pid 0. Now thread 2 of process 1 sends SIGUSR1 to T while T claims. The sender writes its info (release),
    then raises the pending bit (atomic OR); the claimer clears the bit (atomic and-not) and then reads the info
    (acquire). A claimer that wins the bit therefore sees this send's info, never the older one.

        sender (pid 1)                         thread T
        tgkill(T, SIGUSR1):                    r1 = claim(info)
          putSenderInfo(pid 1)   (release)       andNot(word, pending bit)
          OR(word, pending bit)                  info = senderInfo   (acquire)
                                               r2 = info.senderPid(), -1 if nothing claimed

    Forbidden: "10, 0", stale sender info: the claimer names the earlier sender.

    Acceptable, with the interleaving that yields each:
        "0, -1"  the claim's read of the word precedes the send's OR: nothing deliverable
        "10, 1"  info written, OR, then the claim's and-not and its read of the info

    Broken twin (BrokenInfoAfterBit): the sender raises the bit first and writes its info after; a claimer that
    wins in between reads the slot before the new info lands.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only SenderInfoRace

    RESULTS (Intel(R) Xeon(R) Processor, 2 vCPUs, OpenJDK 17.0.15; commands in jcstress-tests/README.md):

      Sigpage: 20,883,988 samples, no forbidden outcome
        RESULT     SAMPLES    FREQ      EXPECT  DESCRIPTION
         0, -1  10,798,195  51.71%  Acceptable  claimed before the send: nothing deliverable
         10, 0           0   0.00%   Forbidden  stale sender info: the earlier sender, older than the send
         10, 1  10,085,793  48.29%  Acceptable  claimed with this send's sender info (pid 1)

      BrokenInfoAfterBit: 14,555,288 samples, twin caught (590,928 forbidden, 4.06%)
        RESULT    SAMPLES    FREQ      EXPECT  DESCRIPTION
         0, -1  7,426,428  51.02%  Acceptable  claimed before the send: nothing deliverable
         10, 0    590,928   4.06%   Forbidden  stale sender info: the earlier sender, older than the send
         10, 1  6,537,932  44.92%  Acceptable  claimed with this send's sender info (pid 1)
*/
@Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "claimed before the send: nothing deliverable")
@Outcome(id = "10, 1", expect = ACCEPTABLE, desc = "claimed with this send's sender info (pid 1)")
@Outcome(id = "10, 0", expect = FORBIDDEN, desc = "stale sender info: the earlier sender, older than the send")
@Outcome(expect = FORBIDDEN, desc = "not a state the protocol can reach")
public class SenderInfoRace {

    private static final int SIGUSR1 = Signals.SIGUSR1;

    /** The library: Kernel.tgkill against ModelThread.claim. */
    @JCStressTest
    @JCStressMeta(SenderInfoRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(0);
        private final Fixture f = POOL.acquire();
        private final MutableSigInfo info = new MutableSigInfo();

        public Sigpage() {
            f.kernel.tgkill(null, f.pid(), f.target.tid(), SIGUSR1);
            f.target.claim(info);
        }

        @Actor
        public void sender() {
            f.kernel.tgkill(f.sender, f.pid(), f.target.tid(), SIGUSR1);
        }

        @Actor
        public void thread(II_Result r) {
            int sig = f.target.claim(info);
            r.r1 = sig;
            r.r2 = sig == 0 ? -1 : info.senderPid();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            POOL.release(f);
        }
    }

    /** The sender raises the bit first and writes its info after. */
    @JCStressTest
    @JCStressMeta(SenderInfoRace.class)
    @State
    public static class BrokenInfoAfterBit {
        private static final int WORD_0 = 0;
        private static final int INFO = 8;
        private static final int SENDER_PID = 1;
        private final AtomicBuffer region = RawAtomics.words(2);

        public BrokenInfoAfterBit() {
            region.putLongVolatile(WORD_0, RawAtomics.allowBit(SIGUSR1));
        }

        @Actor
        public void sender() {
            RawAtomics.getAndOr(region, WORD_0, RawAtomics.pendingBit(SIGUSR1));
            // Wrong: the info is published after the bit that makes the signal claimable.
            region.putLongRelease(INFO, SENDER_PID);
        }

        @Actor
        public void thread(II_Result r) {
            long prev = RawAtomics.getAndClear(region, WORD_0, RawAtomics.pendingBit(SIGUSR1));
            boolean won = (prev & RawAtomics.pendingBit(SIGUSR1)) != 0;
            r.r1 = won ? SIGUSR1 : 0;
            r.r2 = won ? (int) region.getLongAcquire(INFO) : -1;
        }
    }
}
