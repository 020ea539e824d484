package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Delivery;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation of an ended thread or process is refused with {@link ThreadExitedException} naming the ended
 * thread's tid or the ended process's pid (a thread of an ended process is refused as a process first), and leaves
 * every byte of the pages, thread regions and queue regions as it was, the ended ones included. A live process
 * refuses an ended thread as the creator, the forking or execing thread, or the caller of {@code sigaction}.
 *
 * <p>The ended thread is left in the state in which each operation, were it not refused, would write: a signal
 * pending for it alone (a delivery or a claim would clear it), and for {@code allowDelivery} an open no-delivery
 * section (closing it clears the flag in the thread's control word). Pids and tids count up from 1 in a new kernel.
 */
class EndedThreadRefusalTest {
    /** The tid of the ended thread: the spawned process's main thread is tid 1, the created thread tid 2. */
    private static final int ENDED_TID = 2;

    /** A spawned process (pid 1, main thread tid 1) whose created thread (tid 2) has ended. */
    private static final class EndedThread {
        final Kernel kernel = new Kernel();
        final ModelProcess process = kernel.spawn(1000, 1000);
        final ModelThread main = process.mainThread();
        final ModelThread ended = process.createThread(main);

        EndedThread(final boolean inhibited) {
            kernel.tgkill(main, process.pid(), ended.tid(), Signals.SIGUSR1);
            if (inhibited) {
                ended.inhibitDelivery();
            }
            ended.exit();
        }
    }

    static Stream<Arguments> threadOperations() {
        final List<Arguments> ops = new ArrayList<>();
        ops.add(op("exit", ModelThread::exit));
        ops.add(op("sigpending", ModelThread::sigpending));
        ops.add(op("pendingSet", ModelThread::pendingSet));
        ops.add(op("threadPendingSet", ModelThread::threadPendingSet));
        ops.add(op("deliverableSet", ModelThread::deliverableSet));
        ops.add(op("mask", ModelThread::mask));
        ops.add(op("sigprocmask", t -> t.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR2))));
        ops.add(op("claim", t -> t.claim(new MutableSigInfo())));
        ops.add(op("inhibitDelivery", ModelThread::inhibitDelivery));
        ops.add(op("allowDelivery", ModelThread::allowDelivery));
        ops.add(op("deliveryInhibited", ModelThread::deliveryInhibited));
        ops.add(op("deliveryDue", ModelThread::deliveryDue));
        ops.add(op("deliver", t -> t.deliver(new Delivery())));
        ops.add(op("sigreturn", t -> t.sigreturn(new Delivery())));
        ops.add(op("onAltStack", ModelThread::onAltStack));
        ops.add(op("sigaltstack query", t -> t.sigaltstack(null)));
        ops.add(op("sigaltstack set", t -> t.sigaltstack(new AltStack(0x5000_0000L, 0x4000, 0))));
        ops.add(op("awaitDeliverable", t -> t.awaitDeliverable(1)));
        ops.add(op("sigtimedwait", t -> t.sigtimedwait(SignalSet.of(Signals.SIGUSR1), new MutableSigInfo(), 0)));
        ops.add(op("sigsuspend", t -> t.sigsuspend(SignalSet.empty(), new Delivery(), 0)));
        return ops.stream();
    }

    private static Arguments op(final String name, final Consumer<ModelThread> action) {
        return Arguments.of(name, action);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("threadOperations")
    void anEndedThreadRefusesNamingItsTid(final String name, final Consumer<ModelThread> action) {
        for (final boolean inhibited : new boolean[] {false, true}) {
            final EndedThread f = new EndedThread(inhibited);
            assertFalse(f.ended.isAlive());
            final byte[][] before = snapshot(f.process, f.ended);
            final ThreadExitedException e =
                    assertThrows(ThreadExitedException.class, () -> action.accept(f.ended), name);
            assertEquals("thread has exited: tid=" + ENDED_TID, e.getMessage(), name);
            assertArrayEquals(before, snapshot(f.process, f.ended), name + ": a refused operation changed memory");
            assertEquals(List.of(f.main), f.process.threads(), name);
        }
    }

    @Test
    void aLiveProcessRefusesAnEndedThreadAsCreatorForkerExecerOrCaller() {
        final List<Consumer<EndedThread>> ops = List.of(
                f -> f.process.createThread(f.ended),
                f -> f.process.fork(f.ended),
                f -> f.process.exec(f.ended),
                f -> f.process.sigaction(f.ended, Signals.SIGUSR1, SigAction.IGNORE));
        for (final Consumer<EndedThread> op : ops) {
            final EndedThread f = new EndedThread(false);
            final byte[][] before = snapshot(f.process, f.ended);
            final ThreadExitedException e = assertThrows(ThreadExitedException.class, () -> op.accept(f));
            assertEquals("thread has exited: tid=" + ENDED_TID, e.getMessage());
            assertArrayEquals(before, snapshot(f.process, f.ended), "a refused operation changed memory");
            assertEquals(List.of(f.main), f.process.threads(), "no thread created or detached");
            assertEquals(f.main, f.process.mainThread());
            assertTrue(f.main.isAlive());
            // pid 1 is the only process: nothing was forked.
            assertNull(f.kernel.processOrNull(2), "no child was forked");
            assertEquals(SigAction.DEFAULT, f.process.sigaction(Signals.SIGUSR1));
        }
    }

    /**
     * An ended child (a zombie until its parent waits) refuses every change naming its own pid, before it looks at
     * the thread given: its main thread has ended with it, and the refusal names the process, not that thread.
     */
    @Test
    void anEndedProcessRefusesNamingItsPid() {
        final List<Consumer<ModelProcess>> ops = List.of(
                p -> p.setpgid(0),
                p -> p.createThread(p.mainThread()),
                p -> p.fork(p.mainThread()),
                p -> p.exec(p.mainThread()),
                p -> p.exit(1),
                p -> p.sigaction(Signals.SIGUSR1, SigAction.IGNORE));
        for (final Consumer<ModelProcess> op : ops) {
            final Kernel kernel = new Kernel();
            final ModelProcess parent = kernel.spawn(1000, 1000);
            // pid 2, tid 2; in its parent's group, 1, until it makes a group of its own.
            final ModelProcess child = parent.fork(parent.mainThread());
            final ModelThread childMain = child.mainThread();
            kernel.kill(parent.mainThread(), child.pid(), Signals.SIGUSR1);
            child.exit(7);
            final byte[][] before = snapshot(child, childMain);
            final ThreadExitedException e = assertThrows(ThreadExitedException.class, () -> op.accept(child));
            assertEquals("process has exited: pid=2", e.getMessage());
            assertArrayEquals(before, snapshot(child, childMain), "a refused operation changed memory");
            assertEquals(1, child.pgid(), "the ended child stays in its parent's group");
            assertEquals(7, child.exitStatus());
            assertEquals(List.of(), child.threads());
            assertNull(kernel.processOrNull(3), "nothing was forked");
            assertEquals(SigAction.DEFAULT, child.sigaction(Signals.SIGUSR1));
        }
    }

    /** Every byte of a process's page and queue region and of one of its threads' region and queue region. */
    private static byte[][] snapshot(final ModelProcess p, final ModelThread t) {
        final List<byte[]> out = new ArrayList<>();
        out.add(Pages.bytes(p.page()));
        out.add(Pages.bytes(p.realtimeQueue().buffer()));
        out.add(Pages.bytes(t.region()));
        out.add(Pages.bytes(t.realtimeQueue().buffer()));
        for (final byte[] live : Pages.snapshot(p)) {
            out.add(live);
        }
        return out.toArray(new byte[0][]);
    }

    @Test
    void theEndedThreadKeptItsPendingSignal() {
        // the fixture's premise: a delivery or claim that were not refused would find SIGUSR1 and clear it.
        final EndedThread f = new EndedThread(false);
        assertEquals(SignalSet.of(Signals.SIGUSR1), SignalSet.ofBits(f.ended.threadPendingBits()));
        assertTrue(f.ended.deliverableBits() != 0);
    }
}
