package dev.sigpage.impl;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LincheckTest} narrowed to process-directed claims: kill, and the masks and claims of threads A and B.
 * With five operations, Lincheck's random scenarios put a kill before two competing claims often enough that the
 * quick pass explores the competitive claim of a process-directed signal (exactly one winner) every time.
 */
public class LincheckClaimTest {
    private final Kernel kernel = new Kernel(KernelConfig.defaults()
        .withMaxThreadsPerProcess(LincheckTest.MAX_THREADS).withRealtimeQueueDepth(LincheckTest.DEPTH));
    private final ModelProcess process = kernel.spawn(1000, 1000);
    private final ModelThread a = process.mainThread();
    private final ModelThread b = process.createThread(a);
    private final ModelThread s = process.createThread(a);
    private final MutableSigInfo infoA = new MutableSigInfo();
    private final MutableSigInfo infoB = new MutableSigInfo();

    /** The world of {@link LincheckSpec}. */
    public LincheckClaimTest() {
        s.sigprocmask(MaskHow.SETMASK, -1L);
    }

    /** kill(pid, sig) from the kernel, SIGUSR1 or SIGUSR2. */
    @Operation(nonParallelGroup = "standard senders")
    public String kill(@Param(gen = IntGen.class, conf = "10:12") final int sig) {
        kernel.kill(null, process.pid(), LincheckTest.standard(sig));
        return "ok";
    }

    /** A's sigprocmask(how, {sig}). */
    @Operation(nonParallelGroup = "A")
    public long maskA(@Param(gen = IntGen.class, conf = "0:2") final int how,
        @Param(gen = IntGen.class, conf = "10:12") final int sig) {
        return a.sigprocmask(MaskHow.values()[how], 1L << (LincheckTest.signal(sig) - 1));
    }

    /** B's sigprocmask(how, {sig}). */
    @Operation(nonParallelGroup = "B")
    public long maskB(@Param(gen = IntGen.class, conf = "0:2") final int how,
        @Param(gen = IntGen.class, conf = "10:12") final int sig) {
        return b.sigprocmask(MaskHow.values()[how], 1L << (LincheckTest.signal(sig) - 1));
    }

    /** A's claim. */
    @Operation(nonParallelGroup = "A")
    public String claimA() {
        final int sig = a.claim(infoA);
        return sig == 0 ? "none" : sig + "/" + infoA.code() + "/" + infoA.senderPid() + "/" + infoA.value();
    }

    /** B's claim. */
    @Operation(nonParallelGroup = "B")
    public String claimB() {
        final int sig = b.claim(infoB);
        return sig == 0 ? "none" : sig + "/" + infoB.code() + "/" + infoB.senderPid() + "/" + infoB.value();
    }

    @Test
    @Timeout(600)
    void competitiveClaimsAreLinearizable() {
        new ModelCheckingOptions()
            .iterations(Integer.getInteger("sigpage.lincheck.iterations", 10))
            .invocationsPerIteration(Integer.getInteger("sigpage.lincheck.invocations", 100))
            .threads(2)
            .actorsPerThread(2)
            .actorsBefore(2)
            .actorsAfter(0)
            .sequentialSpecification(LincheckSpec.class)
            .addGuarantee(forClasses("org.agrona.concurrent.UnsafeBuffer", "org.agrona.AbstractMutableDirectBuffer")
                .allMethods().treatAsAtomic())
            .check(getClass());
    }
}
