package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.MaskHow;
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
    Scenario 2: send vs block. Why the allow half is changed by an atomic add, never by a load and a store.

    Thread T allows SIGUSR1; it makes its return-to-user check and then blocks SIGUSR1, while a sender sends
    SIGUSR1 to it (Kernel.tgkill). The signal is either seen deliverable before the block, or stays pending behind
    the new mask; it is never lost. In sigpage the block is one getAndAdd of the (negative) allow delta: the
    sender's OR of the pending bit cannot fall between a read and a write of the word.

        sender                              thread T
        tgkill(T, SIGUSR1):                 r1 = deliveryDue()
          OR(word, pending bit)             getAndAdd(word, -allow bit << 32)
                                            arbiter: r2 = SIGUSR1 still pending

    Forbidden: r2 = 0, the signal lost (nobody claims, so the bit must survive the block).

    Acceptable, with the interleaving that yields each:
        "1, 1"  OR; deliveryDue sees it; getAndAdd blocks it; still pending
        "0, 1"  deliveryDue (nothing yet); OR before or after the getAndAdd; still pending

    Broken twin (BrokenPlainAllowUpdate): T blocks by reading the whole word and writing it back with the allow bit
    cleared (volatile load, volatile store: each access is atomic, the pair is not). A send landing between the two
    is overwritten.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only SendVsBlockRace

    RESULTS (Intel(R) Xeon(R) Processor, 2 vCPUs, OpenJDK 17.0.15; commands in jcstress-tests/README.md):

      Sigpage: 20,976,148 samples, no forbidden outcome
        RESULT     SAMPLES    FREQ      EXPECT  DESCRIPTION
          0, 0           0   0.00%   Forbidden  lost: the block erased the pending bit
          0, 1  10,045,547  47.89%  Acceptable  sent after T's check: stays pending behind the mask
          1, 0           0   0.00%   Forbidden  lost: the block erased a signal T had seen deliverable
          1, 1  10,930,601  52.11%  Acceptable  seen deliverable before the block, then pending behind it

      BrokenPlainAllowUpdate: 24,682,648 samples, twin caught (995,331 forbidden, 4.03%)
        RESULT     SAMPLES    FREQ      EXPECT  DESCRIPTION
          0, 0     995,331   4.03%   Forbidden  lost: the block erased the pending bit
          0, 1   9,554,091  38.71%  Acceptable  sent after T's check: stays pending behind the mask
          1, 0           0   0.00%   Forbidden  lost: the block erased a signal T had seen deliverable
          1, 1  14,133,226  57.26%  Acceptable  seen deliverable before the block, then pending behind it
*/
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "seen deliverable before the block, then pending behind it")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "sent after T's check: stays pending behind the mask")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "lost: the block erased a signal T had seen deliverable")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost: the block erased the pending bit")
@Outcome(expect = FORBIDDEN, desc = "not a state the protocol can reach")
public class SendVsBlockRace {

    private static final int SIGUSR1 = Signals.SIGUSR1;

    /** The library: Kernel.tgkill against ModelThread.sigprocmask(BLOCK). */
    @JCStressTest
    @JCStressMeta(SendVsBlockRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(0);
        private final Fixture f = POOL.acquire();

        @Actor
        public void sender() {
            f.kernel.tgkill(f.sender, f.pid(), f.target.tid(), SIGUSR1);
        }

        @Actor
        public void thread(II_Result r) {
            r.r1 = f.target.deliveryDue() ? 1 : 0;
            f.target.sigprocmask(MaskHow.BLOCK, Signals.bit(SIGUSR1));
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r2 = f.target.pendingSet().contains(SIGUSR1) ? 1 : 0;
            POOL.release(f);
        }
    }

    /** The allow half updated by a load and a store of the whole word. */
    @JCStressTest
    @JCStressMeta(SendVsBlockRace.class)
    @State
    public static class BrokenPlainAllowUpdate {
        private static final int WORD = 0;
        private final AtomicBuffer words = RawAtomics.words(1);

        public BrokenPlainAllowUpdate() {
            words.putLongVolatile(WORD, RawAtomics.allowBit(SIGUSR1));
        }

        @Actor
        public void sender() {
            RawAtomics.getAndOr(words, WORD, RawAtomics.pendingBit(SIGUSR1));
        }

        @Actor
        public void thread(II_Result r) {
            long word = words.getLongVolatile(WORD);
            r.r1 = (word & (word >>> 32) & RawAtomics.pendingBit(SIGUSR1)) != 0 ? 1 : 0;
            // Wrong: read, then write back; a pending bit raised in between is overwritten.
            long now = words.getLongVolatile(WORD);
            words.putLongVolatile(WORD, now & ~RawAtomics.allowBit(SIGUSR1));
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r2 = (words.getLongVolatile(WORD) & RawAtomics.pendingBit(SIGUSR1)) != 0 ? 1 : 0;
        }
    }
}
