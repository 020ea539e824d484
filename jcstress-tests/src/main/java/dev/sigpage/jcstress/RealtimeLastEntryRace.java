package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.Signals;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/*
    The realtime queue's last entry. The narrowest case of RealtimeQueueRace: one instance of SIGRTMIN is queued
    for thread T before the actors start; the owner claims once while a sender queues a second instance. The claim
    that takes the last entry clears the pending bit, and a send that lands between the claim's dequeue and its
    clear must not be left in the queue without its bit.

        setup: sigqueueThread(T, RTMIN, 1)
        owner                     sender
        r1 = claim() value        sigqueueThread(T, RTMIN, 2)
                    arbiter: r2 = every value claimed after the race

    The sender raises the bit under the queue lock after its entry is in the ring; the claimer clears it under the
    same lock only when its dequeue left the ring empty. So whichever takes the lock second sees the other's whole
    step: the claim takes the first entry (FIFO) and the second is always claimable afterwards.

    - "1, 2": the only outcome: the claim took 1, the arbiter 2.
    - "1, 0": forbidden: 2 was queued between the claim's dequeue and its clear, and the clear left it stranded
      with no pending bit (a claim deciding on the count it saw under the lock after releasing it).
    - anything else: an entry lost, duplicated or out of order.
*/
@Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "the claim took the first entry, the arbiter the second")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the second entry stranded without its pending bit")
@Outcome(expect = FORBIDDEN, desc = "an entry lost, duplicated or out of order")
public class RealtimeLastEntryRace {

    private static final int SIGRTMIN = Signals.SIGRTMIN;

    /** The library: one queued instance, ModelThread.claim by the owner against Kernel.sigqueueThread. */
    @JCStressTest
    @JCStressMeta(RealtimeLastEntryRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(0);

        private final Fixture f = acquireWithOneQueued();
        private final MutableSigInfo ownerInfo = new MutableSigInfo();
        private final MutableSigInfo arbiterInfo = new MutableSigInfo();

        private static Fixture acquireWithOneQueued() {
            final Fixture f = POOL.acquire();
            f.kernel.sigqueueThread(f.sender, f.pid(), f.target.tid(), SIGRTMIN, 1);
            return f;
        }

        @Actor
        public void owner(II_Result r) {
            r.r1 = f.target.claim(ownerInfo) == SIGRTMIN ? (int) ownerInfo.value() : 0;
        }

        @Actor
        public void sender() {
            f.kernel.sigqueueThread(f.sender, f.pid(), f.target.tid(), SIGRTMIN, 2);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            int order = 0;
            int sig;
            while ((sig = f.target.claim(arbiterInfo)) != 0) {
                order = order * 10 + (sig == SIGRTMIN ? (int) arbiterInfo.value() : 9);
            }
            r.r2 = order;
            POOL.release(f);
        }
    }
}
