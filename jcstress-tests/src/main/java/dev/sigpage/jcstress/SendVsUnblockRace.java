package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;
import org.agrona.concurrent.AtomicBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/*
    Scenario 1: send vs unblock. Why the pending and allow halves share one word.

    Thread T blocks SIGUSR1. A sender raises SIGUSR1 for T while T unblocks it. Each side decides from what it saw:
    the sender wakes T if the word it changed already had T's allow bit; T, back from sigprocmask, delivers if its
    return-to-user check finds the signal deliverable. In sigpage both steps are one atomic read-modify-write of the
    same word (the sender's OR of the pending bit, T's getAndAdd of the allow delta), so the word's modification
    order puts one of them first and the later one sees the other's bit.

        sender                                   thread T
        prev = OR(word, pending bit)             getAndAdd(word, +allow bit << 32)
        r1 = allow bit in prev ? wake : -        r2 = deliveryDue()

    Forbidden: r1 = 0 and r2 = 0, a lost wake-up: the signal is pending and allowed, and nobody acts on it.

    Acceptable, with the interleaving that yields each:
        "1, 0"  getAndAdd; deliveryDue (nothing pending yet); OR sees the allow bit
        "0, 1"  OR (allow bit clear); getAndAdd; deliveryDue sees it
        "1, 1"  getAndAdd; OR sees the allow bit; deliveryDue sees it (one delivery, one spurious wake-up)

    Broken twin (BrokenSeparateWords): pending and allow in separate words, the owner publishing its allow word
    with a release store ("only the owner writes it") and both sides reading the other word with acquire. That is
    the store-buffering shape (jcstress-samples BasicJMM_07_Consensus): release/acquire cannot order a store
    before a later load, so both reads can miss, even on x86.

    The sender side is Kernel.sendToThread, the send behind tgkill, which returns the word its atomic OR found (the
    sender's decision); T's side is ModelThread.sigprocmask and ModelThread.deliveryDue.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only SendVsUnblockRace

    RESULTS (Intel(R) Xeon(R) Processor, 2 vCPUs, OpenJDK 17.0.15; commands in jcstress-tests/README.md):

      Sigpage: 25,041,428 samples, no forbidden outcome
        RESULT     SAMPLES    FREQ      EXPECT  DESCRIPTION
          0, 0           0   0.00%   Forbidden  lost wake-up: pending and allowed, neither side acts
          0, 1  11,015,757  43.99%  Acceptable  send first: T's check after the unblock delivers it
          1, 0  13,864,793  55.37%  Acceptable  unblock first: the sender saw the allow bit, wakes T
          1, 1     160,878   0.64%  Acceptable  both saw it deliverable: one delivery, a spurious wake-up

      BrokenSeparateWords: 26,003,608 samples, twin caught (1,712,829 forbidden, 6.59%)
        RESULT     SAMPLES    FREQ      EXPECT  DESCRIPTION
          0, 0   1,712,829   6.59%   Forbidden  lost wake-up: pending and allowed, neither side acts
          0, 1   5,550,511  21.35%  Acceptable  send first: T's check after the unblock delivers it
          1, 0  18,460,519  70.99%  Acceptable  unblock first: the sender saw the allow bit, wakes T
          1, 1     279,749   1.08%  Acceptable  both saw it deliverable: one delivery, a spurious wake-up
*/
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "unblock first: the sender saw the allow bit, wakes T")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "send first: T's check after the unblock delivers it")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "both saw it deliverable: one delivery, a spurious wake-up")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: pending and allowed, neither side acts")
@Outcome(expect = FORBIDDEN, desc = "not a decision either side can make")
public class SendVsUnblockRace {

    private static final int SIGUSR1 = Signals.SIGUSR1;

    /** The library: one word, the sender's atomic OR against the owner's getAndAdd. */
    @JCStressTest
    @JCStressMeta(SendVsUnblockRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(0);
        private final Fixture f = POOL.acquire();

        public Sigpage() {
            f.target.sigprocmask(MaskHow.BLOCK, Signals.bit(SIGUSR1));
        }

        @Actor
        public void sender(II_Result r) {
            long prev = f.kernel.sendToThread(f.sender, f.pid(), f.target.tid(), SIGUSR1, SigInfo.SI_TKILL, 0);
            r.r1 = (prev & ThreadControlDescriptor.allowBit(SIGUSR1)) != 0 ? 1 : 0;
        }

        @Actor
        public void thread(II_Result r) {
            f.target.sigprocmask(MaskHow.UNBLOCK, Signals.bit(SIGUSR1));
            r.r2 = f.target.deliveryDue() ? 1 : 0;
        }

        @Arbiter
        public void arbiter(II_Result r) {
            POOL.release(f);
        }
    }

    /** Pending and allow in two words with release stores and acquire loads: store-buffering loses the wake-up. */
    @JCStressTest
    @JCStressMeta(SendVsUnblockRace.class)
    @State
    public static class BrokenSeparateWords {
        private static final int PENDING = 0;
        private static final int ALLOW = 8;
        private static final long BIT = 1L << (SIGUSR1 - 1);
        private final AtomicBuffer words = RawAtomics.words(2);

        @Actor
        public void sender(II_Result r) {
            RawAtomics.getAndOr(words, PENDING, BIT);
            r.r1 = (words.getLongAcquire(ALLOW) & BIT) != 0 ? 1 : 0;
        }

        @Actor
        public void thread(II_Result r) {
            // Wrong: a release store is not ordered before the following load.
            words.putLongRelease(ALLOW, words.getLong(ALLOW) | BIT);
            r.r2 = (words.getLongAcquire(PENDING) & words.getLongAcquire(ALLOW) & BIT) != 0 ? 1 : 0;
        }
    }
}
