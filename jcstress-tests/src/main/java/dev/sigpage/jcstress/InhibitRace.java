package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

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
    Scenario 6: the inhibit flag against the kernel's delivery decision. Why the kernel reads the flag at the
    moment it decides, and why leaving the section re-checks the signal word.

    Thread T allows SIGUSR1 and runs a short C-library critical section: inhibitDelivery(), the section (marked by
    a counter: 1 inside, 2 after), allowDelivery(). The kernel sends SIGUSR1 to T and then makes its return-to-user
    decision (deliveryDue). It reads the counter before and after deciding, so it knows when the decision was
    entirely inside the section.

        thread T                          kernel
        inhibitDelivery()                 tgkill(T, SIGUSR1)
        section = 1                       s1 = section
        ... critical section ...          r2 = deliveryDue()
        section = 2                       s2 = section
        r3 = allowDelivery()              r1 = s1 == s2 ? s1 : 3   (0 before, 1 inside, 2 after, 3 straddling)

    Forbidden: r1 = 1, r2 = 1 (T diverted to the trampoline inside its critical section), and r2 = 0, r3 = 0 (the
    signal arrived while delivery was inhibited and nobody delivers it after the section). Nobody claims, so the
    bit stays pending once sent; r3 = 0 therefore needs allowDelivery's read before the send, that is after s2
    read 2: r3 = 0 with r1 = 0 or 3 ("0, 1, 0", "3, 1, 0") is forbidden too.

    Acceptable, with the interleaving that yields each (F = T's inhibit flag):
        "0, 1, 1"  send; s1 = 0; deliveryDue reads F clear; s2 = 0; T's whole section; allowDelivery sees it
        "0, 0, 1"  send; inhibitDelivery; s1 = 0; deliveryDue reads F set; s2 = 0; section; allowDelivery sees it
        "1, 0, 1"  inhibitDelivery; section = 1; send; s1 = 1; deliveryDue reads F set; s2 = 1; allowDelivery
        "2, 1, 1"  T's section; send; s1 = 2; F cleared; deliveryDue; s2 = 2, allowDelivery's read after the send
        "2, 1, 0"  T's section and allowDelivery (nothing yet); then send, s1 = 2, deliveryDue, s2 = 2
        "2, 0, 1"  section = 2; send; s1 = 2; deliveryDue reads F still set; s2 = 2; F cleared; allowDelivery
        "3, 1, 1"  send; s1 = 0 or 1; deliveryDue reads F clear (before the section, or after it); s2 = 1 or 2
        "3, 0, 1"  send; s1 = 0 or 1; deliveryDue reads F set; s2 = 1 or 2; allowDelivery sees it

    Broken twin (BrokenStaleInhibitRead): the kernel reads T's control flags once, at the start of its path (as if
    cached at syscall entry), and decides on that stale value at the return to user.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only InhibitRace

    RESULTS (Intel(R) Xeon(R) Processor, 2 vCPUs, OpenJDK 17.0.15; commands in jcstress-tests/README.md):

      Sigpage: 18,887,188 samples, no forbidden outcome
         RESULT     SAMPLES    FREQ      EXPECT  DESCRIPTION
        0, 0, 0           0   0.00%   Forbidden  lost: arrived while inhibited, never delivered
        0, 0, 1       2,621   0.01%  Acceptable  flag already set: not diverted, delivered after
        0, 1, 0           0   0.00%   Forbidden  sent before section = 2, yet not seen by allowDelivery
        0, 1, 1   3,659,877  19.38%  Acceptable  decided before the section: diverted
        1, 0, 0           0   0.00%   Forbidden  lost: arrived while inhibited, never delivered
        1, 0, 1         180  <0.01%  Acceptable  decided inside: not diverted, delivered after
        1, 1, 0           0   0.00%   Forbidden  diverted inside the critical section
        1, 1, 1           0   0.00%   Forbidden  diverted inside the critical section
        2, 0, 0           0   0.00%   Forbidden  lost: arrived while inhibited, never delivered
        2, 0, 1     167,956   0.89%  Acceptable  flag not yet cleared: delivered by allowDelivery
        2, 1, 0  14,495,539  76.75%  Acceptable  sent after the section: diverted
        2, 1, 1     360,035   1.91%  Acceptable  decided after the section: diverted
        3, 0, 0           0   0.00%   Forbidden  lost: arrived while inhibited, never delivered
        3, 0, 1     174,960   0.93%  Acceptable  decision straddling the edge: delivered after
        3, 1, 0           0   0.00%   Forbidden  sent before section = 2, yet not seen by allowDelivery
        3, 1, 1      26,020   0.14%  Acceptable  decision straddling the section edge: diverted

      BrokenStaleInhibitRead: 13,551,768 samples, twin caught (48,328 forbidden, 0.36%)
         RESULT    SAMPLES    FREQ      EXPECT  DESCRIPTION
        0, 0, 0          0   0.00%   Forbidden  lost: arrived while inhibited, never delivered
        0, 0, 1      5,452   0.04%  Acceptable  flag already set: not diverted, delivered after
        0, 1, 0          0   0.00%   Forbidden  sent before section = 2, yet not seen by allowDelivery
        0, 1, 1  6,577,585  48.54%  Acceptable  decided before the section: diverted
        1, 0, 0          0   0.00%   Forbidden  lost: arrived while inhibited, never delivered
        1, 0, 1        617  <0.01%  Acceptable  decided inside: not diverted, delivered after
        1, 1, 0          0   0.00%   Forbidden  diverted inside the critical section
        1, 1, 1     12,469   0.09%   Forbidden  diverted inside the critical section
        2, 0, 0     35,859   0.26%   Forbidden  lost: arrived while inhibited, never delivered
        2, 0, 1    693,209   5.12%  Acceptable  flag not yet cleared: delivered by allowDelivery
        2, 1, 0  4,026,278  29.71%  Acceptable  sent after the section: diverted
        2, 1, 1  1,192,010   8.80%  Acceptable  decided after the section: diverted
        3, 0, 0          0   0.00%   Forbidden  lost: arrived while inhibited, never delivered
        3, 0, 1      5,356   0.04%  Acceptable  decision straddling the edge: delivered after
        3, 1, 0          0   0.00%   Forbidden  sent before section = 2, yet not seen by allowDelivery
        3, 1, 1  1,002,933   7.40%  Acceptable  decision straddling the section edge: diverted
*/
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "decided before the section: diverted")
@Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "flag already set: not diverted, delivered after")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "decided inside: not diverted, delivered after")
@Outcome(id = "2, 1, 1", expect = ACCEPTABLE, desc = "decided after the section: diverted")
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "sent after the section: diverted")
@Outcome(id = "2, 0, 1", expect = ACCEPTABLE, desc = "flag not yet cleared: delivered by allowDelivery")
@Outcome(id = "3, 1, 1", expect = ACCEPTABLE, desc = "decision straddling the section edge: diverted")
@Outcome(id = "3, 0, 1", expect = ACCEPTABLE, desc = "decision straddling the edge: delivered after")
@Outcome(
        id = {"1, 1, 0", "1, 1, 1"},
        expect = FORBIDDEN,
        desc = "diverted inside the critical section")
@Outcome(
        id = {"0, 0, 0", "1, 0, 0", "2, 0, 0", "3, 0, 0"},
        expect = FORBIDDEN,
        desc = "lost: arrived while inhibited, never delivered")
@Outcome(
        id = {"0, 1, 0", "3, 1, 0"},
        expect = FORBIDDEN,
        desc = "sent before section = 2, yet not seen by allowDelivery")
@Outcome(expect = FORBIDDEN, desc = "not a state the protocol can reach")
public class InhibitRace {

    private static final int SIGUSR1 = Signals.SIGUSR1;

    /** The library: ModelThread.inhibitDelivery/allowDelivery against Kernel.tgkill and deliveryDue. */
    @JCStressTest
    @JCStressMeta(InhibitRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(0);
        private final Fixture f = POOL.acquire();
        private volatile int section;

        @Actor
        public void thread(III_Result r) {
            f.target.inhibitDelivery();
            section = 1;
            section = 2;
            r.r3 = f.target.allowDelivery() ? 1 : 0;
        }

        @Actor
        public void kernel(III_Result r) {
            f.kernel.tgkill(f.sender, f.pid(), f.target.tid(), SIGUSR1);
            int s1 = section;
            r.r2 = f.target.deliveryDue() ? 1 : 0;
            int s2 = section;
            r.r1 = s1 == s2 ? s1 : 3;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            POOL.release(f);
        }
    }

    /** The kernel decides on a control-flags value it read at the start of its path. */
    @JCStressTest
    @JCStressMeta(InhibitRace.class)
    @State
    public static class BrokenStaleInhibitRead {
        private static final int WORD_0 = 0;
        private static final int FLAGS = 8;
        private static final long INHIBIT = 1;
        private final AtomicBuffer region = RawAtomics.words(2);
        private volatile int section;

        public BrokenStaleInhibitRead() {
            region.putLongVolatile(WORD_0, RawAtomics.allowBit(SIGUSR1));
        }

        private boolean deliverable() {
            long word = region.getLongVolatile(WORD_0);
            return (word & (word >>> 32) & RawAtomics.pendingBit(SIGUSR1)) != 0;
        }

        @Actor
        public void thread(III_Result r) {
            region.putLongVolatile(FLAGS, INHIBIT);
            section = 1;
            section = 2;
            region.putLongVolatile(FLAGS, 0);
            r.r3 = deliverable() ? 1 : 0;
        }

        @Actor
        public void kernel(III_Result r) {
            // Wrong: the flag is read here, once, and trusted at the decision below.
            long flags = region.getLongVolatile(FLAGS);
            RawAtomics.getAndOr(region, WORD_0, RawAtomics.pendingBit(SIGUSR1));
            int s1 = section;
            r.r2 = deliverable() && (flags & INHIBIT) == 0 ? 1 : 0;
            int s2 = section;
            r.r1 = s1 == s2 ? s1 : 3;
        }
    }
}
