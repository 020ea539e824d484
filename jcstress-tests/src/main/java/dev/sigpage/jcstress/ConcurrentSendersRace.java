package dev.sigpage.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.ModelThread;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;
import org.openjdk.jcstress.infra.results.IIII_Result;

/*
    Scenario 12: two concurrent senders of one standard signal against its claimers. The claimed siginfo must be
    wholly from one send, and a pending instance keeps the info of the send that made it pending: a send that finds
    the signal pending merges into it and changes nothing (first sender wins, as Linux's legacy_queue drops it).

    Two senders with different (pid, uid, code, value):
        A  the kernel:            pid 0, uid 0,    si_code SI_KERNEL, value 7
        B  thread S of process 1: pid 1, uid 1000, si_code SI_QUEUE,  value 42
    Each sample first sends and claims a third instance (the kernel, value 99: "C") so that the info slot holds
    neither A's nor B's info. A claimed siginfo is classified 1 (all four fields A's), 2 (all B's), 3 (mixed: some
    fields of each, or of C), 4 (C's: stale), 0 (nothing claimed). mA and mB are 1 when the send returned a word
    with the signal already pending (it merged), 0 when it made the signal pending.

    Each send takes the info slot (CAS on its owner word), writes the info, then raises the bit (CAS); a send that
    cannot take the slot merges if the bit is set and waits otherwise. Whoever clears the bit reads the info and
    then frees the slot. So the slot is never rewritten while an instance is pending or being claimed.

    SigpageToThread (thread-directed, SIGUSR1 to thread T; two actors, the second plays B and then T):
        actor 1: mA = sendToThread(A)        actor 2: mB = sendToThread(B); c1 = T.claim()
        arbiter: c2 = T.claim()
        result "mA, mB, c1, c2"
    Acceptable, with the interleaving that yields each:
        "0, 1, 1, 0"  A raises; B finds it pending and merges; T claims A's instance
        "1, 0, 2, 0"  B raises; A finds it pending and merges; T claims B's instance
        "0, 0, 2, 1"  B raises; T claims B's instance; A raises after the claim freed the slot; the arbiter claims A
    Forbidden, among the rest: "1, 0, 1, 0" (B made it pending, A merged, yet T got A's info: a merged send
    overwrote the pending instance), "0, 1, 2, 0" (the same with the roles swapped), any 3 (mixed info), any 4
    (stale info), c1 = 0 (B's send returned, yet nothing was pending).

    SigpageToProcess (process-directed, SIGUSR1 to the process, competitive claims by T and by U, a second thread
    that allows it; S blocks everything):
        actor 1: mA = sendToProcess(A); cU = U.claim()     actor 2: mB = sendToProcess(B); cT = T.claim()
        arbiter: left = T.claim()
        result "mA, mB, cU, cT, left"
    Acceptable, with the interleaving that yields each:
        "0, 1, 1, 0, 0"  A raises; B merges; U wins the instance, T finds nothing
        "0, 1, 0, 1, 0"  A raises; B merges; T wins the instance, U finds nothing
        "1, 0, 2, 0, 0"  B raises; A merges; U wins the instance, T finds nothing
        "1, 0, 0, 2, 0"  B raises; A merges; T wins the instance, U finds nothing
        "0, 0, 1, 2, 0"  one raises and its own actor's claim takes it; then the other raises and its actor's claim
                         takes that (A, U, B, T or B, T, A, U)
    Forbidden, among the rest: a claim naming the sender that merged ("1, 0, 1, 0, 0", "1, 0, 0, 1, 0",
    "0, 1, 2, 0, 0", "0, 1, 0, 2, 0": overwritten info), one instance claimed twice, mixed or stale info, an
    instance left pending after both claims.

    How to run:
        java -cp jcstress-tests/target/jcstress.jar dev.sigpage.jcstress.ProofRunner --only ConcurrentSendersRace

    RESULTS (AMD EPYC, 2 vCPUs, OpenJDK 17.0.15, load average about 20; the quick pass: run-proofs.sh --quick):

      SigpageToThread: 159,404 samples, no forbidden outcome
        RESULT      SAMPLES    FREQ      EXPECT  DESCRIPTION
        0, 0, 2, 1   47,295  29.67%  Acceptable  B claimed, then A made it pending again
        0, 1, 1, 0  112,060  70.30%  Acceptable  A made it pending, B merged; T claimed A's info
        1, 0, 2, 0       49   0.03%  Acceptable  B made it pending, A merged; T claimed B's info
        (every forbidden outcome: 0)

      SigpageToProcess: 179,082 samples, no forbidden outcome
        RESULT         SAMPLES    FREQ      EXPECT  DESCRIPTION
        0, 0, 1, 2, 0  179,027  99.97%  Acceptable  each sender's instance claimed by its own actor
        0, 1, 0, 1, 0       19   0.01%  Acceptable  A made it pending, B merged; T claimed A's info
        0, 1, 1, 0, 0        7  <0.01%  Acceptable  A made it pending, B merged; U claimed A's info
        1, 0, 0, 2, 0       15  <0.01%  Acceptable  B made it pending, A merged; T claimed B's info
        1, 0, 2, 0, 0       14  <0.01%  Acceptable  B made it pending, A merged; U claimed B's info
        (every forbidden outcome: 0)

    The same quick pass against the library with the fault (a standard send writing the code and value, then the pid
    and uid, then raising the bit, with no owner for the slot, and under the POSIX profile rewriting the info of a
    pending instance) saw the forbidden outcomes:

      SigpageToThread: 184,202 samples, 137,872 forbidden
        0, 1, 2, 0  137,829  overwritten: B merged, yet T got B's info
        1, 0, 1, 0        4  overwritten: A merged, yet T got A's info
        0, 0, 1, 1       19  A's info claimed twice, B's lost
        0, 0, 2, 2        6  B's info claimed twice, A's lost
        mixed (3)        14  in "0, 0, 3, 1" (6), "0, 1, 3, 0" (6), "0, 0, 3, 3" (1), "1, 0, 3, 0" (1)

      SigpageToProcess: 181,642 samples, 804 forbidden
        1, 0, 0, 1, 0   309   overwritten: A merged, yet T got A's info
        0, 1, 2, 0, 0   133   overwritten: B merged, yet U got B's info
        0, 1, 0, 2, 0    91   overwritten: B merged, yet T got B's info
        1, 0, 1, 0, 0    80   overwritten: A merged, yet U got A's info
        0, 0, 1, 1, 0    63   A's info claimed twice, B's lost
        0, 0, 2, 2, 0    35   B's info claimed twice, A's lost
        mixed (3)        93   in seven outcomes, e.g. "0, 0, 1, 3, 0" (22), "0, 0, 3, 2, 0" (19)
*/
public class ConcurrentSendersRace {

    private static final int SIGUSR1 = Signals.SIGUSR1;
    private static final int A_VALUE = 7;
    private static final int B_VALUE = 42;
    private static final int C_VALUE = 99;
    private static final int B_UID = 1000;

    /** 0 nothing, 1 all of A's, 2 all of B's, 3 mixed, 4 all of the earlier instance's (stale). */
    static int source(int sig, MutableSigInfo info) {
        if (sig == 0) {
            return 0;
        }
        if (isFrom(info, SigInfo.SI_KERNEL, 0, 0, A_VALUE)) {
            return 1;
        }
        if (isFrom(info, SigInfo.SI_QUEUE, 1, B_UID, B_VALUE)) {
            return 2;
        }
        if (isFrom(info, SigInfo.SI_KERNEL, 0, 0, C_VALUE)) {
            return 4;
        }
        return 3;
    }

    private static boolean isFrom(MutableSigInfo info, int code, int pid, int uid, long value) {
        return info.code() == code && info.senderPid() == pid && info.senderUid() == uid && info.value() == value;
    }

    private static int merged(long prev) {
        return (prev & Signals.bit(SIGUSR1)) != 0 ? 1 : 0;
    }

    /** Thread-directed: Kernel.sendToThread from the kernel and from S, ModelThread.claim by T. */
    @JCStressTest
    @Outcome(id = "0, 1, 1, 0", expect = ACCEPTABLE, desc = "A made it pending, B merged; T claimed A's info")
    @Outcome(id = "1, 0, 2, 0", expect = ACCEPTABLE, desc = "B made it pending, A merged; T claimed B's info")
    @Outcome(id = "0, 0, 2, 1", expect = ACCEPTABLE, desc = "B claimed, then A made it pending again")
    @Outcome(id = "1, 0, 1, 0", expect = FORBIDDEN, desc = "overwritten: A merged, yet T got A's info over B's")
    @Outcome(id = "0, 1, 2, 0", expect = FORBIDDEN, desc = "overwritten: B merged, yet T got B's info over A's")
    @Outcome(expect = FORBIDDEN, desc = "mixed (3) or stale (4) info, a lost instance, or a state never reached")
    @State
    public static class SigpageToThread {
        private static final FixturePool POOL = new FixturePool(0);
        private final Fixture f = POOL.acquire();
        private final MutableSigInfo info = new MutableSigInfo();

        public SigpageToThread() {
            f.kernel.sendToThread(null, f.pid(), f.target.tid(), SIGUSR1, SigInfo.SI_QUEUE, C_VALUE);
            f.target.claim(info);
        }

        @Actor
        public void senderA(IIII_Result r) {
            r.r1 = merged(f.kernel.sendToThread(null, f.pid(), f.target.tid(), SIGUSR1, SigInfo.SI_QUEUE, A_VALUE));
        }

        @Actor
        public void senderBThenClaim(IIII_Result r) {
            r.r2 = merged(f.kernel.sendToThread(f.sender, f.pid(), f.target.tid(), SIGUSR1, SigInfo.SI_QUEUE, B_VALUE));
            r.r3 = source(f.target.claim(info), info);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            r.r4 = source(f.target.claim(info), info);
            POOL.release(f);
        }
    }

    /** Process-directed: Kernel.sendToProcess from the kernel and from S, competitive claims by U and T. */
    @JCStressTest
    @Outcome(id = "0, 1, 1, 0, 0", expect = ACCEPTABLE, desc = "A made it pending, B merged; U claimed A's info")
    @Outcome(id = "0, 1, 0, 1, 0", expect = ACCEPTABLE, desc = "A made it pending, B merged; T claimed A's info")
    @Outcome(id = "1, 0, 2, 0, 0", expect = ACCEPTABLE, desc = "B made it pending, A merged; U claimed B's info")
    @Outcome(id = "1, 0, 0, 2, 0", expect = ACCEPTABLE, desc = "B made it pending, A merged; T claimed B's info")
    @Outcome(id = "0, 0, 1, 2, 0", expect = ACCEPTABLE, desc = "each sender's instance claimed by its own actor")
    @Outcome(id = "1, 0, 1, 0, 0", expect = FORBIDDEN, desc = "overwritten: A merged, yet U got A's info")
    @Outcome(id = "1, 0, 0, 1, 0", expect = FORBIDDEN, desc = "overwritten: A merged, yet T got A's info")
    @Outcome(id = "0, 1, 2, 0, 0", expect = FORBIDDEN, desc = "overwritten: B merged, yet U got B's info")
    @Outcome(id = "0, 1, 0, 2, 0", expect = FORBIDDEN, desc = "overwritten: B merged, yet T got B's info")
    @Outcome(expect = FORBIDDEN, desc = "mixed (3) or stale (4) info, claimed twice, left pending, or never reached")
    @State
    public static class SigpageToProcess {
        private static final FixturePool POOL = new FixturePool(1);
        private final Fixture f = POOL.acquire();
        private final ModelThread u = f.more[0];
        private final MutableSigInfo infoU = new MutableSigInfo();
        private final MutableSigInfo infoT = new MutableSigInfo();

        public SigpageToProcess() {
            f.kernel.sendToProcess(null, f.pid(), SIGUSR1, SigInfo.SI_QUEUE, C_VALUE);
            f.target.claim(infoT);
        }

        @Actor
        public void senderAThenClaimU(IIIII_Result r) {
            r.r1 = merged(f.kernel.sendToProcess(null, f.pid(), SIGUSR1, SigInfo.SI_QUEUE, A_VALUE));
            r.r3 = source(u.claim(infoU), infoU);
        }

        @Actor
        public void senderBThenClaimT(IIIII_Result r) {
            r.r2 = merged(f.kernel.sendToProcess(f.sender, f.pid(), SIGUSR1, SigInfo.SI_QUEUE, B_VALUE));
            r.r4 = source(f.target.claim(infoT), infoT);
        }

        @Arbiter
        public void arbiter(IIIII_Result r) {
            r.r5 = source(f.target.claim(infoT), infoT);
            POOL.release(f);
        }
    }
}
