package dev.sigpage.impl;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LincheckTest} narrowed to one thread-directed standard signal, SIGUSR1 to thread A, from two senders with
 * different pid, code and value (the kernel's tgkill, thread S's sigqueue), against A's claims and deliveries and
 * against sigaction of SIGUSR1 to one of two handlers. With few operations, Lincheck's scenarios put two sends
 * before or beside a claim often: a claimed siginfo must be one send's, a pending instance must keep the info of the
 * send that made it pending, and a delivery must use one action's handler, flags and sa_mask. The process-directed
 * senders are in {@link LincheckClaimTest}, with competing claims. Thread- and process-directed sends are not mixed
 * here: a claim reads the thread word and then the process word, so a thread-directed signal sent between the two
 * reads is taken after a process-directed one sent later, an order the one-step specification does not allow.
 */
public class LincheckSendersTest {
    private final LincheckTest world = new LincheckTest();

    /** The world of {@link LincheckSpec}. */
    public LincheckSendersTest() {}

    /** tgkill(A, SIGUSR1) from the kernel: pid 0, SI_KERNEL. */
    @Operation
    public String tkillUsr1ToA() {
        return world.tkillToA(10);
    }

    /** sigqueue to thread A, SIGUSR1, from thread S: pid 1, SI_QUEUE, the value. */
    @Operation
    public String sigqueueUsr1ToAFromS(@Param(gen = IntGen.class, conf = "1:2") final int value) {
        return world.sigqueueToAFromS(10, value);
    }

    /** See {@link LincheckTest#claimA}. */
    @Operation(nonParallelGroup = "A")
    public String claimA() {
        return world.claimA();
    }

    /** See {@link LincheckTest#deliverA}. */
    @Operation(nonParallelGroup = "A")
    public String deliverA() {
        return world.deliverA();
    }

    /** See {@link LincheckTest#handle}. */
    @Operation
    public void handle(@Param(gen = IntGen.class, conf = "1:2") final int which) {
        world.handle(which);
    }

    @Test
    @Timeout(600)
    void concurrentSendersAndSigactionAreLinearizable() {
        new ModelCheckingOptions()
                .iterations(Integer.getInteger("sigpage.lincheck.iterations", 10))
                .invocationsPerIteration(Integer.getInteger("sigpage.lincheck.invocations", 100))
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
