package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.AltStack;
import org.junit.jupiter.api.Test;

/**
 * The alternate stack across {@code fork} and {@code exec}: POSIX says a new process image has none (sigaltstack,
 * "exec"), and a forked child is a copy of the forking thread, whose alternate stack it keeps (Linux's
 * {@code copy_process}; Redox copies the thread's TCB, where redox-rt keeps it). The same under both profiles.
 */
class AltStackImageTest {
    private static final AltStack ALT = new AltStack(0x5000_0000L, 0x4000, 0);

    @Test
    void execDropsTheAlternateStack() {
        for (final Profile profile : Profile.values()) {
            final ModelThread t = new Kernel(KernelConfig.defaults().withProfile(profile))
                    .spawn(0, 0)
                    .mainThread();
            t.sigaltstack(ALT);
            t.process().exec(t);
            assertTrue(t.sigaltstack(null).isDisabled(), profile + ": " + t.sigaltstack(null));
        }
    }

    @Test
    void forkCopiesTheForkingThreadsAlternateStack() {
        for (final Profile profile : Profile.values()) {
            final ModelProcess parent = new Kernel(KernelConfig.defaults().withProfile(profile)).spawn(0, 0);
            final ModelThread other = parent.createThread(parent.mainThread());
            other.sigaltstack(ALT);
            final ModelProcess child = parent.fork(other);
            assertEquals(ALT, child.mainThread().sigaltstack(null), profile.toString());
            assertEquals(ALT, other.sigaltstack(null), profile + ": the parent keeps its stack");
            assertTrue(
                    parent.fork(parent.mainThread())
                            .mainThread()
                            .sigaltstack(null)
                            .isDisabled(),
                    profile + ": the child of a thread without one has none");
        }
    }
}
