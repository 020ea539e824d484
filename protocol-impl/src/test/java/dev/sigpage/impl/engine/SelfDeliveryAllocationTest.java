package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.frames.Arch;
import dev.sigpage.frames.RegisterFile;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Self-delivery through the engine allocates nothing in steady state: raise, the return to user's claim, the frame
 * pushed on the modelled stack, the handler (here nesting a second delivery), sigreturn popping the frame, and a
 * return to user with nothing due. Measured with HotSpot's per-thread allocation counter around many rounds after
 * a warm-up, as the protocol's own allocation test does.
 */
class SelfDeliveryAllocationTest {
    private static final long STACK_BASE = 0x7fff_f000_0000L;
    private static final int STACK_SIZE = 0x1_0000;
    private static final int WARM_UP = 50_000;
    private static final int ROUNDS = 10_000;

    private long outer;
    private long inner;

    private static com.sun.management.ThreadMXBean allocationCounter() {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter available");
        return (com.sun.management.ThreadMXBean) bean;
    }

    private Sys bound(final Arch arch) {
        final Sys sys = new Engine().spawn(1000, 1000).attach();
        sys.sigaction(Signals.SIGUSR2, (signo, info, context) -> inner++, SignalSet.empty(), 0);
        sys.sigaction(
                Signals.SIGUSR1,
                (signo, info, context) -> {
                    outer++;
                    // a nested delivery: a second frame, pushed above the first, at depth 2.
                    context.sys().raise(Signals.SIGUSR2);
                },
                SignalSet.empty(),
                0);
        if (arch != null) {
            sys.attachMachine(new Machine(
                    RegisterFile.zero(arch).with(arch.programCounterName(), 0x40_2000L),
                    UserStack.map(STACK_BASE, STACK_SIZE)));
        }
        return sys;
    }

    private static void round(final Sys sys) {
        sys.raise(Signals.SIGUSR1);
        sys.checkpoint();
    }

    private void assertSteadyStateAllocatesNothing(final Sys sys) {
        final com.sun.management.ThreadMXBean hotspot = allocationCounter();
        final long id = Thread.currentThread().getId();
        for (int i = 0; i < WARM_UP; i++) {
            round(sys);
        }
        final long before = hotspot.getThreadAllocatedBytes(id);
        final long calibration = hotspot.getThreadAllocatedBytes(id) - before;
        final long start = hotspot.getThreadAllocatedBytes(id);
        for (int i = 0; i < ROUNDS; i++) {
            round(sys);
        }
        final long allocated = hotspot.getThreadAllocatedBytes(id) - start - calibration;
        assertEquals(WARM_UP + ROUNDS, outer, "outer handler runs");
        assertEquals(WARM_UP + ROUNDS, inner, "nested handler runs");
        // Any allocation on this path costs at least 16 bytes per round (160,000 in total); the bound is half that,
        // so the JVM's own one-off allocations (a recompilation, a deoptimization, a lazily initialized constant:
        // about 12 KB seen on a loaded machine) stay below it.
        assertTrue(allocated < ROUNDS * 8L, "bytes allocated by " + ROUNDS + " rounds: " + allocated);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void raiseToHandlerWithItsFramePushedAndPoppedAllocatesNothing(final Arch arch) {
        final Sys sys = bound(arch);
        assertSteadyStateAllocatesNothing(sys);
        assertEquals(STACK_BASE + STACK_SIZE, sys.machine().stackPointer(), "every frame popped");
    }

    @ParameterizedTest
    @ValueSource(booleans = false)
    void raiseToHandlerWithoutAMachineAllocatesNothing(final boolean withMachine) {
        assertSteadyStateAllocatesNothing(bound(null));
    }
}
