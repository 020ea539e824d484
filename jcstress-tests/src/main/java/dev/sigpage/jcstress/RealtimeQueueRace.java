package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.ModelThread;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/*
    Scenario 5: the realtime queue. Why the pending bit of a realtime signal is set after the enqueue and cleared
    only when a re-check finds the queue drained.

    Sender A queues SIGRTMIN to thread T with values 1 then 2; sender B queues it with value 3, and then T claims
    until nothing is deliverable (the claims run on B's actor: T is a model thread, the actor only lends it a CPU).
    The arbiter claims whatever is left. Every instance is delivered once, with its value, and A's 1 comes before
    A's 2.

        sender A                     sender B, then thread T
        sigqueueThread(T, RTMIN, 1)  sigqueueThread(T, RTMIN, 3)
        sigqueueThread(T, RTMIN, 2)  while (claim() != 0) r1 = r1 * 10 + value
                        arbiter: while (claim() != 0) r2 = r2 * 10 + value

    r1 and r2 read as digit strings: "31, 2" means T took 3 then 1 during the race and the arbiter took 2.
    Forbidden: any other result, i.e. a lost, duplicated or reordered instance.

    Broken twin (BrokenClearWithoutRecheck): the claimer dequeues, sees the queue empty and clears the pending bit
    without re-checking; an entry a sender enqueued between the emptiness check and the clear (its own OR of the bit
    fell before the clear) is stranded with no pending bit, and never claimed.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only RealtimeQueueRace

    RESULTS (Intel(R) Xeon(R) Processor, 2 vCPUs, OpenJDK 17.0.15; commands in jcstress-tests/README.md):

      Sigpage: 17,433,108 samples, no forbidden outcome
        RESULT     SAMPLES    FREQ      EXPECT  DESCRIPTION
        123, 0  14,182,357  81.35%  Acceptable  A's 1, B's 3, A's 2 all claimed in the race
         13, 2     119,288   0.68%  Acceptable  1, 3 in the race, 2 queued after the drain
        132, 0     481,825   2.76%  Acceptable  1, 3, 2 all claimed in the race
         3, 12   2,389,398  13.71%  Acceptable  3 in the race, A's 1 and 2 queued after the drain
         31, 2      28,439   0.16%  Acceptable  3, 1 in the race, 2 queued after the drain
        312, 0     231,801   1.33%  Acceptable  3, 1, 2 all claimed in the race

      BrokenClearWithoutRecheck: 8,974,488 samples, twin caught (32,738 forbidden, 0.36%)
        RESULT    SAMPLES    FREQ      EXPECT  DESCRIPTION
        0, 132      2,035   0.02%   Forbidden  an instance lost, delivered twice, or out of order
         1, 23        773  <0.01%   Forbidden  an instance lost, delivered twice, or out of order
        123, 0  7,236,603  80.64%  Acceptable  A's 1, B's 3, A's 2 all claimed in the race
         13, 0      9,683   0.11%   Forbidden  an instance lost, delivered twice, or out of order
         13, 2     96,522   1.08%  Acceptable  1, 3 in the race, 2 queued after the drain
        132, 0    460,404   5.13%  Acceptable  1, 3, 2 all claimed in the race
          3, 0      9,986   0.11%   Forbidden  an instance lost, delivered twice, or out of order
         3, 12    674,863   7.52%  Acceptable  3 in the race, A's 1 and 2 queued after the drain
         31, 0     10,261   0.11%   Forbidden  an instance lost, delivered twice, or out of order
         31, 2    186,907   2.08%  Acceptable  3, 1 in the race, 2 queued after the drain
        312, 0    286,451   3.19%  Acceptable  3, 1, 2 all claimed in the race
*/
@Outcome(id = "123, 0", expect = ACCEPTABLE, desc = "A's 1, B's 3, A's 2 all claimed in the race")
@Outcome(id = "132, 0", expect = ACCEPTABLE, desc = "1, 3, 2 all claimed in the race")
@Outcome(id = "312, 0", expect = ACCEPTABLE, desc = "3, 1, 2 all claimed in the race")
@Outcome(id = "13, 2", expect = ACCEPTABLE, desc = "1, 3 in the race, 2 queued after the drain")
@Outcome(id = "31, 2", expect = ACCEPTABLE, desc = "3, 1 in the race, 2 queued after the drain")
@Outcome(id = "3, 12", expect = ACCEPTABLE, desc = "3 in the race, A's 1 and 2 queued after the drain")
@Outcome(expect = FORBIDDEN, desc = "an instance lost, delivered twice, or out of order")
public class RealtimeQueueRace {

    private static final int SIGRTMIN = Signals.SIGRTMIN;

    /** The library: Kernel.sigqueueThread from two threads, ModelThread.claim by the owner. */
    @JCStressTest
    @JCStressMeta(RealtimeQueueRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(1);
        private final Fixture f = POOL.acquire();
        private final ModelThread senderB = f.more[0];
        private final MutableSigInfo info = new MutableSigInfo();

        private int drain() {
            int order = 0;
            int sig;
            while ((sig = f.target.claim(info)) != 0) {
                order = order * 10 + (sig == SIGRTMIN ? (int) info.value() : 9);
            }
            return order;
        }

        @Actor
        public void senderA() {
            f.kernel.sigqueueThread(f.sender, f.pid(), f.target.tid(), SIGRTMIN, 1);
            f.kernel.sigqueueThread(f.sender, f.pid(), f.target.tid(), SIGRTMIN, 2);
        }

        @Actor
        public void senderBThenOwner(II_Result r) {
            f.kernel.sigqueueThread(senderB, f.pid(), f.target.tid(), SIGRTMIN, 3);
            r.r1 = drain();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r2 = drain();
            POOL.release(f);
        }
    }

    /** The pending bit cleared when the queue looks empty, with no re-check after the clear. */
    @JCStressTest
    @JCStressMeta(RealtimeQueueRace.class)
    @State
    public static class BrokenClearWithoutRecheck {
        private static final int WORD_1 = 0;
        private final AtomicBuffer word = RawAtomics.words(1);
        private final ManyToOneConcurrentArrayQueue<Integer> queue = new ManyToOneConcurrentArrayQueue<>(8);

        private void send(int value) {
            queue.offer(value);
            RawAtomics.getAndOr(word, WORD_1, RawAtomics.pendingBit(SIGRTMIN));
        }

        private int claim() {
            if ((word.getLongVolatile(WORD_1) & RawAtomics.pendingBit(SIGRTMIN)) == 0) {
                return 0;
            }
            Integer value = queue.poll();
            if (queue.isEmpty()) {
                // Wrong: a send between isEmpty() and this clear is stranded; the fix re-checks after clearing.
                RawAtomics.getAndClear(word, WORD_1, RawAtomics.pendingBit(SIGRTMIN));
            }
            return value == null ? 0 : value;
        }

        private int drain() {
            int order = 0;
            int value;
            while ((value = claim()) != 0) {
                order = order * 10 + value;
            }
            return order;
        }

        @Actor
        public void senderA() {
            send(1);
            send(2);
        }

        @Actor
        public void senderBThenOwner(II_Result r) {
            send(3);
            r.r1 = drain();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r2 = drain();
        }
    }
}
