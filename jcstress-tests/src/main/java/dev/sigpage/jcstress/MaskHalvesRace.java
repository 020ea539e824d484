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
import org.openjdk.jcstress.infra.results.IIII_Result;

/*
    Scenario 7: a mask change touching both groups while senders raise signals in both words. Why each word gets
    its own getAndAdd, with the delta of its own allow half.

    Thread T blocks SIGUSR2 and SIGRTMIN+1. It switches (SETMASK) to blocking SIGUSR1 and SIGRTMIN: a standard
    group change in word 0 and a realtime group change in word 1, one getAndAdd each. At the same time a sender
    raises SIGUSR2 (word 0) and queues SIGRTMIN+1 (word 1). At the end each half must hold exactly what its own
    writers put there.

        thread T                                  sender
        sigprocmask(SETMASK, {USR1, RTMIN}):      tgkill(T, SIGUSR2)
          getAndAdd(word 0, delta0 << 32)         sigqueueThread(T, SIGRTMIN+1, 7)
          getAndAdd(word 1, delta1 << 32)
                        arbiter: each half XOR its expected value
                        (r1 word 0 pending, r2 word 0 allow, r3 word 1 pending, r4 word 1 allow)

    The expected allow halves are computed from the halves read before the race, so they do not depend on how the
    library encodes the bits of signals that cannot be blocked or do not exist. Correct: "0, 0, 0, 0".

    Broken twin (BrokenHighHalfIntoWord0): the realtime delta is added into word 0 instead of word 1, which turns
    bits of word 0's pending and allow halves into garbage and leaves word 1's allow half unchanged.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only MaskHalvesRace

    RESULTS (Intel(R) Xeon(R) Processor, 2 vCPUs, OpenJDK 17.0.15; commands in jcstress-tests/README.md):

      Sigpage: 19,911,188 samples, no forbidden outcome
            RESULT     SAMPLES     FREQ      EXPECT  DESCRIPTION
        0, 0, 0, 0  19,911,188  100.00%  Acceptable  every half exact: each changed only by its own writers

      BrokenHighHalfIntoWord0: 17,606,808 samples, twin caught (17,606,808 forbidden, 100.00%)
               RESULT     SAMPLES     FREQ      EXPECT  DESCRIPTION
           0, 0, 0, 0           0    0.00%  Acceptable  every half exact: each changed only by its own writers
        0, 1023, 0, 3  17,606,808  100.00%   Forbidden  a half of one word written into the other, or a bit lost
*/
@Outcome(id = "0, 0, 0, 0", expect = ACCEPTABLE, desc = "every half exact: each changed only by its own writers")
@Outcome(expect = FORBIDDEN, desc = "a half of one word written into the other, or a bit lost")
public class MaskHalvesRace {

    private static final int SIGUSR1 = Signals.SIGUSR1;
    private static final int SIGUSR2 = Signals.SIGUSR2;
    private static final int SIGRTMIN = Signals.SIGRTMIN;
    private static final long OLD_MASK = Signals.bit(SIGUSR2) | Signals.bit(SIGRTMIN + 1);
    private static final long NEW_MASK = Signals.bit(SIGUSR1) | Signals.bit(SIGRTMIN);

    private static int diff(long word, int expectedPending, int expectedAllow, boolean allowHalf) {
        return allowHalf ? (int) (word >>> 32) ^ expectedAllow : (int) word ^ expectedPending;
    }

    /** The library: ModelThread.sigprocmask(SETMASK) against Kernel.tgkill and Kernel.sigqueueThread. */
    @JCStressTest
    @JCStressMeta(MaskHalvesRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(0);
        private final Fixture f = POOL.acquire();
        private final int expectedAllow0;
        private final int expectedAllow1;

        public Sigpage() {
            f.target.sigprocmask(MaskHow.SETMASK, OLD_MASK);
            long before0 = f.target.control().word(0);
            long before1 = f.target.control().word(1);
            expectedAllow0 = ((int) (before0 >>> 32) | 1 << (SIGUSR2 - 1)) & ~(1 << (SIGUSR1 - 1));
            expectedAllow1 = ((int) (before1 >>> 32) | 1 << (SIGRTMIN + 1 - 33)) & ~(1 << (SIGRTMIN - 33));
        }

        @Actor
        public void thread() {
            f.target.sigprocmask(MaskHow.SETMASK, NEW_MASK);
        }

        @Actor
        public void sender() {
            f.kernel.tgkill(f.sender, f.pid(), f.target.tid(), SIGUSR2);
            f.kernel.sigqueueThread(f.sender, f.pid(), f.target.tid(), SIGRTMIN + 1, 7);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            long w0 = f.target.control().word(0);
            long w1 = f.target.control().word(1);
            r.r1 = diff(w0, 1 << (SIGUSR2 - 1), expectedAllow0, false);
            r.r2 = diff(w0, 1 << (SIGUSR2 - 1), expectedAllow0, true);
            r.r3 = diff(w1, 1 << (SIGRTMIN + 1 - 33), expectedAllow1, false);
            r.r4 = diff(w1, 1 << (SIGRTMIN + 1 - 33), expectedAllow1, true);
            POOL.release(f);
        }
    }

    /** SETMASK adds the realtime group's allow delta into word 0. */
    @JCStressTest
    @JCStressMeta(MaskHalvesRace.class)
    @State
    public static class BrokenHighHalfIntoWord0 {
        private static final int WORD_0 = 0;
        private static final int WORD_1 = 8;
        private final AtomicBuffer words = RawAtomics.words(2);
        private final int expectedAllow0;
        private final int expectedAllow1;

        public BrokenHighHalfIntoWord0() {
            long allowAll = 0xFFFF_FFFFL << 32;
            words.putLongVolatile(WORD_0, allowAll & ~(RawAtomics.allowBit(SIGUSR2)));
            words.putLongVolatile(WORD_1, allowAll & ~(RawAtomics.allowBit(SIGRTMIN + 1)));
            expectedAllow0 = ~(1 << (SIGUSR1 - 1));
            expectedAllow1 = ~(1 << (SIGRTMIN - 33));
        }

        @Actor
        public void thread() {
            long old0 = words.getLong(WORD_0) >>> 32;
            long old1 = words.getLong(WORD_1) >>> 32;
            long new0 = ~NEW_MASK & 0xFFFF_FFFFL;
            long new1 = ~NEW_MASK >>> 32;
            words.getAndAddLong(WORD_0, (new0 - old0) << 32);
            // Wrong: the realtime group's delta goes into word 0.
            words.getAndAddLong(WORD_0, (new1 - old1) << 32);
        }

        @Actor
        public void sender() {
            RawAtomics.getAndOr(words, WORD_0, RawAtomics.pendingBit(SIGUSR2));
            RawAtomics.getAndOr(words, WORD_1, RawAtomics.pendingBit(SIGRTMIN + 1));
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            long w0 = words.getLongVolatile(WORD_0);
            long w1 = words.getLongVolatile(WORD_1);
            r.r1 = diff(w0, 1 << (SIGUSR2 - 1), expectedAllow0, false);
            r.r2 = diff(w0, 1 << (SIGUSR2 - 1), expectedAllow0, true);
            r.r3 = diff(w1, 1 << (SIGRTMIN + 1 - 33), expectedAllow1, false);
            r.r4 = diff(w1, 1 << (SIGRTMIN + 1 - 33), expectedAllow1, true);
        }
    }
}
