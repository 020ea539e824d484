package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.Signals;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/*
    Scenario 10: process-directed sends against a thread parked waiting for them. Why the sleeper registers in the
    sleeper index before its last check, and why every process-directed send, standard or realtime, reads the
    index after its OR and unparks the sleeper it finds.

    Thread T allows every signal and is the only thread of the process that does (the other thread blocks all).
    T parks in awaitDeliverable, bounded at one second. Another thread sends to the process: on even samples
    kill(SIGUSR1), a standard signal; on odd samples sigqueue(SIGRTMIN, 7), a realtime one, which goes through the
    process queue and its lock. T must come back with the signal long before its deadline, whichever side goes
    first.

        thread T                                        sender
        awaitDeliverable(park, 1 s):                    kill(pid, SIGUSR1) or sigqueue(pid, SIGRTMIN, 7):
          carrier = T; register(slot, allowed)   (SC)     [enqueue under the lock,] OR(process pending, bit) (SC)
          deliverable? no: park                           slot = findSleeper(sig)                  (volatile)
          ... unparked: deliverable? yes                  unpark(carrier of slot)
        r2 = came back with the signal before the deadline  stamp the time the send returned
        r3 = the send had returned within the first half of the wait;  r1 = the signal (10 or 33)

    Both sides write then read (the store-buffering shape) with sequentially consistent operations, so at least
    one sees the other: the sender finds T registered, or T's check finds the bit.

    The bound keeps a lost wake-up from hanging jcstress: a sleeper nobody wakes comes back at its deadline (its
    final check then finds the signal, so the set it returns cannot tell; the time does). A deadline that passes
    although the send had returned within the first half of the wait is a lost wake-up: T slept on for half a
    second after its wake-up was due. A deadline that passes because the sender actor itself started late (more
    than half a second, a descheduled thread on a loaded machine) is not, and has its own acceptable outcome.

    Acceptable, with the interleaving that yields each (for sig = 10 and sig = 33 alike):
        "sig, 1, 0"  T's check finds the bit, or T is unparked, before the sender stamps its time
        "sig, 1, 1"  the send returns (T unparked, or the bit up before T's check) and is stamped; T comes back
        "sig, 0, 0"  the sender ran over half a second late; T's deadline passed first: not a lost wake-up
    Forbidden:
        "sig, 0, 1"  lost wake-up: the send had returned, yet T slept until its deadline

    The proof of record is the library against its mutants: with the wake-up of process-directed realtime sends
    removed (the fault of Redox's procmgr c6f57033), this test shows "33, 0, 1" in its first iteration.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only ParkedWakeupRace

    RESULTS: in jcstress-tests/README.md, with the command and machine.
*/
@Outcome(
        id = {"10, 1, 0", "33, 1, 0"},
        expect = ACCEPTABLE,
        desc = "woken before the send was stamped")
@Outcome(
        id = {"10, 1, 1", "33, 1, 1"},
        expect = ACCEPTABLE,
        desc = "woken: the send returned, T came back with it")
@Outcome(
        id = {"10, 0, 0", "33, 0, 0"},
        expect = ACCEPTABLE,
        desc = "the sender ran late: not a lost wake-up")
@Outcome(
        id = {"10, 0, 1", "33, 0, 1"},
        expect = FORBIDDEN,
        desc = "lost wake-up: the send returned, T slept on")
@Outcome(expect = FORBIDDEN, desc = "not a state the protocol can reach")
public class ParkedWakeupRace {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The library: ModelThread.awaitDeliverable (parking) against Kernel.kill and Kernel.sigqueue. */
    @JCStressTest
    @JCStressMeta(ParkedWakeupRace.class)
    @State
    public static class Sigpage {
        private static final FixturePool POOL = new FixturePool(0);
        private static final AtomicInteger SAMPLES = new AtomicInteger();
        private final Fixture f = POOL.acquire();
        // relaxed: any alternation of the two kinds will do.
        private final int sig = (SAMPLES.getAndIncrement() & 1) == 0 ? Signals.SIGUSR1 : Signals.SIGRTMIN;
        private volatile long sentAt;

        @Actor
        public void sleeper(III_Result r) {
            long start = System.nanoTime();
            long ready = f.target.awaitDeliverable(null, WAIT_NANOS).bits();
            long end = System.nanoTime();
            long sent = sentAt;
            r.r1 = sig;
            r.r2 = (ready & Signals.bit(sig)) != 0 && end - start < WAIT_NANOS ? 1 : 0;
            r.r3 = sent != 0 && sent - start < WAIT_NANOS / 2 ? 1 : 0;
        }

        @Actor
        public void sender() {
            if (sig == Signals.SIGUSR1) {
                f.kernel.kill(f.sender, f.pid(), sig);
            } else {
                f.kernel.sigqueue(f.sender, f.pid(), sig, 7);
            }
            sentAt = System.nanoTime();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            POOL.release(f);
        }
    }
}
