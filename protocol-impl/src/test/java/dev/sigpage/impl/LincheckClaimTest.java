package dev.sigpage.impl;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LincheckTest} narrowed to process-directed claims: kill from the kernel and sigqueue of SIGUSR1 from thread
 * S (two senders with different pid, code and value), and the masks and claims of threads A and B. With six
 * operations, Lincheck's random scenarios put a send before two competing claims often enough that the quick pass
 * explores the competitive claim of a process-directed signal (exactly one winner) every time, and two sends of
 * SIGUSR1 before or beside a claim (the claimed siginfo is the first sender's, whole).
 */
public class LincheckClaimTest {
    private final LincheckTest world = new LincheckTest();

    /** The world of {@link LincheckSpec}, the operations of {@link LincheckTest}. */
    public LincheckClaimTest() {}

    /** See {@link LincheckTest#kill}. */
    @Operation
    public String kill(@Param(gen = IntGen.class, conf = "10:12") final int sig) {
        return world.kill(sig);
    }

    /** sigqueue(pid, SIGUSR1, value) from thread S (pid 1, SI_QUEUE): a second sender beside the kernel's kill. */
    @Operation
    public String sigqueueUsr1FromS(@Param(gen = IntGen.class, conf = "1:2") final int value) {
        return world.sigqueueFromS(10, value);
    }

    /** See {@link LincheckTest#maskA}. */
    @Operation(nonParallelGroup = "A")
    public long maskA(
            @Param(gen = IntGen.class, conf = "0:2") final int how,
            @Param(gen = IntGen.class, conf = "10:12") final int sig) {
        return world.maskA(how, sig);
    }

    /** See {@link LincheckTest#maskB}. */
    @Operation(nonParallelGroup = "B")
    public long maskB(
            @Param(gen = IntGen.class, conf = "0:2") final int how,
            @Param(gen = IntGen.class, conf = "10:12") final int sig) {
        return world.maskB(how, sig);
    }

    /** See {@link LincheckTest#claimA}. */
    @Operation(nonParallelGroup = "A")
    public String claimA() {
        return world.claimA();
    }

    /** See {@link LincheckTest#claimB}. */
    @Operation(nonParallelGroup = "B")
    public String claimB() {
        return world.claimB();
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
                        .allMethods()
                        .treatAsAtomic())
                .check(getClass());
    }
}
