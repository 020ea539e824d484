package dev.sigpage.impl;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checking of the core operations with Lincheck: every interleaving of small scenarios (a few operations on
 * each of two or three threads) is explored, up to Lincheck's invocation budget, and each history must be
 * linearizable against {@link LincheckSpec}, a sequential specification on {@link ReferenceModel}.
 *
 * <p>The operations: process-directed and thread-directed sends of standard signals (kill from the kernel, sigqueue
 * from thread S) and of a realtime signal, each from two senders with different pid, code and value, all of them
 * concurrent (the concurrent-sender siginfo case: a claimed siginfo must be one send's, and a pending standard
 * signal keeps the info of the send that made it pending), mask changes, claims and deliveries by A and B (each
 * thread's in its own non-parallel group: only the owning thread changes its mask or claims), sigaction to SIG_IGN,
 * and sigaction of SIGUSR1 to one of two handlers with different sa_mask and flags (a delivery must use one
 * action's handler, flags and mask). Signals are drawn from SIGUSR1, SIGUSR2 and SIGRTMIN, values from 1..2.
 *
 * <p>Agrona's buffer methods are treated as atomic (Lincheck's {@code treatAsAtomic} guarantee): each call on a
 * page word is one step, with a thread switch possible before it, which is the granularity the protocol reasons
 * at (one atomic read, write or read-modify-write per word). Lincheck cannot instrument inside them: it fails on
 * the static field Agrona's buffers inherit from an interface, and the page is off-heap memory behind Unsafe,
 * which its memory model does not track.
 *
 * <p>The quick pass (10 scenarios of 100 interleavings each) runs in {@code ./mvnw verify}; the longer pass sets
 * {@code -Dsigpage.lincheck.iterations=100 -Dsigpage.lincheck.invocations=1000} (docs/PROOFS.md).
 */
public class LincheckTest {
    /** Deep enough that no scenario fills a queue: EAGAIN is the unit tests' business, not the model checker's. */
    static final int DEPTH = 8;

    static final int MAX_THREADS = 4;

    private static final int ITERATIONS = Integer.getInteger("sigpage.lincheck.iterations", 10);
    private static final int INVOCATIONS = Integer.getInteger("sigpage.lincheck.invocations", 100);

    private final Kernel kernel = new Kernel(
            KernelConfig.defaults().withMaxThreadsPerProcess(MAX_THREADS).withRealtimeQueueDepth(DEPTH));
    private final ModelProcess process = kernel.spawn(1000, 1000);
    private final ModelThread a = process.mainThread();
    private final ModelThread b = process.createThread(a);
    private final ModelThread s = process.createThread(a);
    private final MutableSigInfo infoA = new MutableSigInfo();
    private final MutableSigInfo infoB = new MutableSigInfo();
    private final Delivery delivery = new Delivery();

    /** The world: threads A and B allow everything, S blocks everything and sends. */
    public LincheckTest() {
        s.sigprocmask(MaskHow.SETMASK, -1L);
    }

    /** The signal a parameter names: 10 SIGUSR1, 11 SIGRTMIN (33), 12 SIGUSR2. */
    static int signal(final int param) {
        return param == 11 ? Signals.SIGRTMIN : param;
    }

    /** The standard signal a parameter names: 10 SIGUSR1, 11 and 12 SIGUSR2. */
    static int standard(final int param) {
        return param == 10 ? Signals.SIGUSR1 : Signals.SIGUSR2;
    }

    /** A claimed siginfo as text: signal, code, sender pid and value; "none" when nothing was claimed. */
    static String describe(final ReferenceModel.Entry e) {
        return e == null ? "none" : e.sig() + "/" + e.code() + "/" + e.pid() + "/" + e.value();
    }

    private static String describe(final int sig, final MutableSigInfo info) {
        return sig == 0 ? "none" : sig + "/" + info.code() + "/" + info.senderPid() + "/" + info.value();
    }

    private static String sendOutcome(final Runnable send) {
        try {
            send.run();
            return "ok";
        } catch (final SignalException e) {
            return e.errno().name();
        }
    }

    /** kill(pid, sig) from the kernel, sig standard. */
    @Operation
    public String kill(@Param(gen = IntGen.class, conf = "10:12") final int sig) {
        return sendOutcome(() -> kernel.kill(null, process.pid(), standard(sig)));
    }

    /** sigqueue to thread A from thread S (pid 1, SI_QUEUE), sig standard. */
    @Operation
    public String sigqueueToAFromS(
            @Param(gen = IntGen.class, conf = "10:12") final int sig,
            @Param(gen = IntGen.class, conf = "1:2") final int value) {
        return sendOutcome(() -> kernel.sigqueueThread(s, process.pid(), a.tid(), standard(sig), value));
    }

    /** sigqueue(pid, sig, value) from thread S (pid 1, SI_QUEUE), sig standard: an operation of the narrower tests. */
    public String sigqueueFromS(final int sig, final int value) {
        return sendOutcome(() -> kernel.sigqueue(s, process.pid(), standard(sig), value));
    }

    /** tgkill(A, sig) from the kernel, sig standard: an operation of the narrower tests. */
    public String tkillToA(final int sig) {
        return sendOutcome(() -> kernel.tgkill(null, process.pid(), a.tid(), standard(sig)));
    }

    /** sigqueue(pid, SIGRTMIN, value) from thread S: the process queue. */
    @Operation
    public String sigqueueRealtimeFromS(@Param(gen = IntGen.class, conf = "1:2") final int value) {
        return sendOutcome(() -> kernel.sigqueue(s, process.pid(), Signals.SIGRTMIN, value));
    }

    /** sigqueue(pid, SIGRTMIN, value) from the kernel (pid 0, SI_KERNEL): the process queue. */
    @Operation
    public String sigqueueRealtimeFromKernel(@Param(gen = IntGen.class, conf = "1:2") final int value) {
        return sendOutcome(() -> kernel.sigqueue(null, process.pid(), Signals.SIGRTMIN, value));
    }

    /** sigqueue to thread A, SIGRTMIN, from the kernel: A's queue. */
    @Operation
    public String sigqueueRealtimeToAFromKernel(@Param(gen = IntGen.class, conf = "1:2") final int value) {
        return sendOutcome(() -> kernel.sigqueueThread(null, process.pid(), a.tid(), Signals.SIGRTMIN, value));
    }

    /** A's sigprocmask(how, {sig}); how 0 block, 1 unblock, 2 set. */
    @Operation(nonParallelGroup = "A")
    public long maskA(
            @Param(gen = IntGen.class, conf = "0:2") final int how,
            @Param(gen = IntGen.class, conf = "10:12") final int sig) {
        return a.sigprocmask(MaskHow.values()[how], 1L << ((signal(sig)) - 1));
    }

    /** B's sigprocmask(how, {sig}). */
    @Operation(nonParallelGroup = "B")
    public long maskB(
            @Param(gen = IntGen.class, conf = "0:2") final int how,
            @Param(gen = IntGen.class, conf = "10:12") final int sig) {
        return b.sigprocmask(MaskHow.values()[how], 1L << ((signal(sig)) - 1));
    }

    /** A's claim. */
    @Operation(nonParallelGroup = "A")
    public String claimA() {
        return describe(a.claim(infoA), infoA);
    }

    /** B's claim. */
    @Operation(nonParallelGroup = "B")
    public String claimB() {
        return describe(b.claim(infoB), infoB);
    }

    /** sigaction(SIGUSR1, handler 1 or 2): see {@link #action}. */
    @Operation
    public void handle(@Param(gen = IntGen.class, conf = "1:2") final int which) {
        process.sigaction(Signals.SIGUSR1, action(which));
    }

    /** A's delivery: the claimed siginfo, the handler and flags used, and A's mask after the delivery. */
    @Operation(nonParallelGroup = "A")
    public String deliverA() {
        final int sig = a.deliver(delivery);
        return sig == 0
                ? "none"
                : describe(sig, delivery.info()) + " " + delivered(delivery.handler(), delivery.flags(), a.maskBits());
    }

    /**
     * The two handlers of SIGUSR1: 1 at 0x1000 with sa_mask {SIGUSR2} and SA_SIGINFO, 2 at 0x2000 with sa_mask
     * {SIGRTMIN} and SA_RESTART.
     */
    static SigAction action(final int which) {
        return which == 1
                ? SigAction.handler(0x1000, SignalSet.of(Signals.SIGUSR2), SaFlags.SA_SIGINFO)
                : SigAction.handler(0x2000, SignalSet.of(Signals.SIGRTMIN), SaFlags.SA_RESTART);
    }

    /** A delivery's handler, flags and the deliverer's mask after it, as text. */
    static String delivered(final long handler, final int flags, final long mask) {
        return "handler=" + Long.toHexString(handler) + " flags=" + Integer.toHexString(flags) + " mask="
                + Long.toHexString(mask);
    }

    /** sigaction(sig, SIG_IGN). */
    @Operation
    public void ignore(@Param(gen = IntGen.class, conf = "10:12") final int sig) {
        process.sigaction(signal(sig), SigAction.IGNORE);
    }

    @Test
    @Timeout(600)
    void everyInterleavingIsLinearizable() {
        new ModelCheckingOptions()
                .iterations(ITERATIONS)
                .invocationsPerIteration(INVOCATIONS)
                .threads(2)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1)
                .sequentialSpecification(LincheckSpec.class)
                .addGuarantee(forClasses("org.agrona.concurrent.UnsafeBuffer", "org.agrona.AbstractMutableDirectBuffer")
                        .allMethods()
                        .treatAsAtomic())
                .check(getClass());
    }
}
