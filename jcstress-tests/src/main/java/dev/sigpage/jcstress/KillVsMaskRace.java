package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.MaskHow;
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
import org.openjdk.jcstress.infra.results.III_Result;

/*
    Scenario 4: a kill to a process while two of its threads mask and unmask. Why the winner of a process-directed
    claim is decided by the value the atomic and-not returns.

    Threads A and B both block SIGUSR1. A sender kills the process with SIGUSR1, and then B unblocks, takes its
    return-to-user claim and blocks again; meanwhile A does the same. The one instance is claimed exactly once:
    never lost, never twice, and never left pending, because B's claim runs after the kill in B's own program
    order with SIGUSR1 unblocked, so it finds the bit unless A has already won it.

    Acceptable, with the interleaving that yields each:
        "10, 0, 0"  kill; A unblocks; A claims (wins the and-not); B's claim finds the bit clear
        "0, 10, 0"  kill; B unblocks and claims before A's claim, or A's claim ran before the kill and found nothing

        sender, then thread B                 thread A
        kill(pid, SIGUSR1)                    sigprocmask(UNBLOCK, SIGUSR1)
        sigprocmask(UNBLOCK, SIGUSR1)         r1 = claim()
        r2 = claim()                          sigprocmask(BLOCK, SIGUSR1)
        sigprocmask(BLOCK, SIGUSR1)
                        arbiter: r3 = SIGUSR1 still pending for the process

    (Two actors, not three: jcstress runs one actor per CPU and this machine has two.)

    Broken twin (BrokenClaimIgnoresResult): the claim clears the bit with a true atomic and-not, but decides that
    it won from the read it made before, not from the value the and-not returned. Both threads can read the bit,
    both clear it, both run the handler.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only KillVsMaskRace

    RESULTS (Intel(R) Xeon(R) Processor, 2 vCPUs, OpenJDK 17.0.15; commands in jcstress-tests/README.md):

      Sigpage: 17,945,108 samples, no forbidden outcome
           RESULT     SAMPLES    FREQ      EXPECT  DESCRIPTION
          0, 0, 0           0   0.00%   Forbidden  lost: neither claimed, and not pending
          0, 0, 1           0   0.00%   Forbidden  not claimed: B unblocked and claimed after its own kill
         0, 10, 0  17,845,312  99.44%  Acceptable  B claimed it once: before A's claim, or A's found nothing
         10, 0, 0      99,796   0.56%  Acceptable  A claimed it once: after the kill, before B's claim
        10, 10, 0           0   0.00%   Forbidden  delivered twice: both threads claimed one instance

      BrokenClaimIgnoresResult: 32,352,408 samples, twin caught (83,788 forbidden, 0.26%)
           RESULT     SAMPLES    FREQ      EXPECT  DESCRIPTION
          0, 0, 0           0   0.00%   Forbidden  lost: neither claimed, and not pending
          0, 0, 1           0   0.00%   Forbidden  not claimed: B unblocked and claimed after its own kill
         0, 10, 0  32,263,552  99.73%  Acceptable  B claimed it once: before A's claim, or A's found nothing
         10, 0, 0       5,068   0.02%  Acceptable  A claimed it once: after the kill, before B's claim
        10, 10, 0      83,788   0.26%   Forbidden  delivered twice: both threads claimed one instance
*/
@Outcome(id = "10, 0, 0", expect = ACCEPTABLE, desc = "A claimed it once: after the kill, before B's claim")
@Outcome(id = "0, 10, 0", expect = ACCEPTABLE, desc = "B claimed it once: before A's claim, or A's found nothing")
@Outcome(id = "0, 0, 1", expect = FORBIDDEN, desc = "not claimed: B unblocked and claimed after its own kill")
@Outcome(id = "10, 10, 0", expect = FORBIDDEN, desc = "delivered twice: both threads claimed one instance")
@Outcome(id = "0, 0, 0", expect = FORBIDDEN, desc = "lost: neither claimed, and not pending")
@Outcome(expect = FORBIDDEN, desc = "claimed and still pending, or a signal never sent")
public class KillVsMaskRace {

    private static final int SIGUSR1 = Signals.SIGUSR1;

    /** The library: Kernel.kill, ModelThread.sigprocmask and ModelThread.claim. */
    @JCStressTest
    @JCStressMeta(KillVsMaskRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(1);
        private final Fixture f = POOL.acquire();
        private final ModelThread a = f.target;
        private final ModelThread b = f.more[0];
        private final MutableSigInfo infoA = new MutableSigInfo();
        private final MutableSigInfo infoB = new MutableSigInfo();

        public Sigpage() {
            a.sigprocmask(MaskHow.BLOCK, Signals.bit(SIGUSR1));
            b.sigprocmask(MaskHow.BLOCK, Signals.bit(SIGUSR1));
        }

        @Actor
        public void senderThenB(III_Result r) {
            f.kernel.kill(f.sender, f.pid(), SIGUSR1);
            b.sigprocmask(MaskHow.UNBLOCK, Signals.bit(SIGUSR1));
            r.r2 = b.claim(infoB);
            b.sigprocmask(MaskHow.BLOCK, Signals.bit(SIGUSR1));
        }

        @Actor
        public void threadA(III_Result r) {
            a.sigprocmask(MaskHow.UNBLOCK, Signals.bit(SIGUSR1));
            r.r1 = a.claim(infoA);
            a.sigprocmask(MaskHow.BLOCK, Signals.bit(SIGUSR1));
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = f.process.pendingSet().contains(SIGUSR1) ? 1 : 0;
            POOL.release(f);
        }
    }

    /** A claim that clears atomically but trusts its earlier read to say who won. */
    @JCStressTest
    @JCStressMeta(KillVsMaskRace.class)
    @State
    public static class BrokenClaimIgnoresResult {
        private static final int PROCESS_PENDING = 0;
        private static final long BIT = 1L << (SIGUSR1 - 1);
        private final AtomicBuffer page = RawAtomics.words(1);
        // Owner-only masks, as plain fields: each is touched by one actor.
        private boolean allowA;
        private boolean allowB;

        private int claim(boolean allowed) {
            if (!allowed || (page.getLongVolatile(PROCESS_PENDING) & BIT) == 0) {
                return 0;
            }
            // Wrong: the and-not is atomic, but its previous value, which names the winner, is ignored.
            RawAtomics.getAndClear(page, PROCESS_PENDING, BIT);
            return SIGUSR1;
        }

        @Actor
        public void senderThenB(III_Result r) {
            RawAtomics.getAndOr(page, PROCESS_PENDING, BIT);
            allowB = true;
            r.r2 = claim(allowB);
            allowB = false;
        }

        @Actor
        public void threadA(III_Result r) {
            allowA = true;
            r.r1 = claim(allowA);
            allowA = false;
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = (page.getLongVolatile(PROCESS_PENDING) & BIT) != 0 ? 1 : 0;
        }
    }
}
