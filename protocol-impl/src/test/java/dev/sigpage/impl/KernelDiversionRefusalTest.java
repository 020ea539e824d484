package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link KernelDiversion}'s refusals, from its javadoc: every step on an ended thread throws naming its tid, and the
 * trampoline's {@code deliver} refuses a thread whose inhibit flag is clear (it was not diverted); both leave the
 * thread's region and the process page as they were.
 */
class KernelDiversionRefusalTest {
    @Test
    void everyStepRefusesAnEndedThread() {
        final List<Consumer<ModelThread>> steps = List.of(
                t -> KernelDiversion.divert(t, 0x401234L, 0x246L),
                t -> KernelDiversion.deliver(t, new Delivery()),
                KernelDiversion::handlerMaskInPlace,
                KernelDiversion::handlerReturned,
                KernelDiversion::resumed);
        for (final boolean inhibited : new boolean[] {false, true}) {
            for (final Consumer<ModelThread> step : steps) {
                final Kernel k = RedoxPageTest.redox();
                final ModelProcess p = k.spawn(1000, 1000);
                p.sigaction(Signals.SIGUSR1, SigAction.handler(0x401000L, SignalSet.empty(), 0));
                final ModelThread ended = p.createThread(p.mainThread());
                // tid 2: the spawned process's main thread is tid 1.
                k.tgkill(null, p.pid(), ended.tid(), Signals.SIGUSR1);
                if (inhibited) {
                    KernelDiversion.handlerReturned(ended);
                }
                ended.exit();
                final byte[] region = Pages.bytes(ended.region());
                final byte[] page = Pages.bytes(p.page());
                final ThreadExitedException e = assertThrows(ThreadExitedException.class, () -> step.accept(ended));
                assertEquals("thread has exited: tid=2", e.getMessage());
                assertArrayEquals(region, Pages.bytes(ended.region()), "the thread region is unchanged");
                assertArrayEquals(page, Pages.bytes(p.page()), "the process page is unchanged");
            }
        }
    }

    @Test
    void deliverRefusesAThreadThatWasNotDiverted() {
        final Kernel k = RedoxPageTest.redox();
        final ModelProcess p = k.spawn(1000, 1000);
        p.sigaction(Signals.SIGUSR1, SigAction.handler(0x401000L, SignalSet.empty(), 0));
        final ModelThread t = p.mainThread();
        k.tgkill(null, p.pid(), t.tid(), Signals.SIGUSR1);
        final byte[] region = Pages.bytes(t.region());
        final byte[] page = Pages.bytes(p.page());
        final IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> KernelDiversion.deliver(t, new Delivery()));
        assertEquals("a diverted delivery needs the kernel's inhibit flag: tid=" + t.tid(), e.getMessage());
        assertArrayEquals(region, Pages.bytes(t.region()), "the signal is still pending, nothing claimed");
        assertArrayEquals(page, Pages.bytes(p.page()));
    }
}
