package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGCONT;
import static dev.sigpage.api.Signals.SIGSTOP;
import static dev.sigpage.api.Signals.SIGUSR1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.SignalSet;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.WaitInterruptedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A user thread blocked in any call without a deadline leaves it on a Java interrupt of its Java thread: the call
 * throws {@link WaitInterruptedException} naming it, no handler runs (a Java interrupt is not a signal), the flag
 * stays set, the thread's pages are as before the call, and it has left the object's wait queue. Each test runs
 * with park/unpark and with an Agrona idle strategy; the test waits (bounded) until the thread is blocked.
 */
class WaitInterruptEngineTest {
    private static final long T = 10;
    private static final long FOREVER = Long.MAX_VALUE;

    private static Engine engine(final String mode) {
        return mode.equals("park") ? new Engine() : new Engine(new Kernel(), WaitStrategy.backoff());
    }

    /** A program whose blocking call is interrupted; what it saw before and after. */
    private static final class Run {
        final EngineProcess process;
        final UserThread thread;
        final AtomicReference<Thread> carrier = new AtomicReference<>();
        final AtomicReference<Object> outcome = new AtomicReference<>();
        final AtomicBoolean flagAfter = new AtomicBoolean();
        final AtomicBoolean stoppedAfter = new AtomicBoolean();
        final AtomicReference<byte[][]> before = new AtomicReference<>();
        final AtomicReference<byte[][]> after = new AtomicReference<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        Run(final Engine engine, final Consumer<Sys> call) {
            process = engine.spawn(1000, 1000);
            thread = process.start(sys -> {
                sys.sigaction(SIGUSR1, (sig, info, ctx) -> log.add("usr1"), SignalSet.empty(), 0);
                carrier.set(Thread.currentThread());
                before.set(pages(sys));
                try {
                    call.accept(sys);
                    outcome.set("returned");
                } catch (final WaitInterruptedException e) {
                    after.set(pages(sys));
                    stoppedAfter.set(sys.process().isStopped());
                    // last: a test that waits for the outcome then finds what was recorded with it
                    outcome.set(e);
                }
                // cleared, so that the thread exits as usual.
                flagAfter.set(Thread.interrupted());
            });
        }

        private static byte[][] pages(final Sys sys) {
            return new byte[][] {
                bytes(sys.process().model().page()), bytes(sys.thread().region())
            };
        }

        private static byte[] bytes(final AtomicBuffer b) {
            final byte[] out = new byte[b.capacity()];
            b.getBytes(0, out);
            return out;
        }

        void blocked() throws InterruptedException {
            assertTrue(thread.awaitBlocked(1, T, TimeUnit.SECONDS), "thread must block: " + thread);
        }

        void interrupt() {
            carrier.get().interrupt();
        }

        /** @return the exception the call ended with, after checking what every interrupted call must leave */
        WaitInterruptedException end(final String call) throws InterruptedException {
            assertTrue(thread.join(T, TimeUnit.SECONDS), "thread must end: " + thread);
            assertNull(thread.failure());
            final WaitInterruptedException e = assertInstanceOf(WaitInterruptedException.class, outcome.get());
            assertEquals(call, e.call());
            assertEquals(thread.tid(), e.tid());
            assertTrue(flagAfter.get(), "the interrupt flag must stay set");
            assertEquals(List.of(), log, "a Java interrupt must not run a handler");
            assertArrayEquals(before.get(), after.get(), "an interrupted call changed the thread's pages");
            return e;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void pipeRead(final String mode) throws Exception {
        final Pipe pipe = new Pipe(8);
        final Run run = new Run(engine(mode), sys -> sys.read(pipe, new byte[4], 0, 4));
        run.blocked();
        run.interrupt();
        run.end("read");
        assertTrue(pipe.waiters().isEmpty(), "the reader must leave the pipe's wait queue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void pipeWrite(final String mode) throws Exception {
        final Pipe pipe = new Pipe(2);
        pipe.offer(new byte[] {1, 2});
        final Run run = new Run(engine(mode), sys -> sys.write(pipe, new byte[] {3}, 0, 1));
        run.blocked();
        run.interrupt();
        run.end("write");
        assertTrue(pipe.waiters().isEmpty(), "the writer must leave the pipe's wait queue");
        assertEquals(2, pipe.available());
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void futexWait(final String mode) throws Exception {
        final Futex futex = new Futex(7);
        final Run run = new Run(engine(mode), sys -> sys.futexWait(futex, 7));
        run.blocked();
        run.interrupt();
        run.end("futexWait");
        assertEquals(0, futex.waiters(), "the waiter must leave the futex's queue");
        assertEquals(0, futex.wake(1), "no waiter is left to wake");
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sleep(final String mode) throws Exception {
        final Run run = new Run(engine(mode), sys -> sys.sleep(FOREVER));
        run.blocked();
        run.interrupt();
        run.end("sleep");
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sigsuspend(final String mode) throws Exception {
        final Run run = new Run(engine(mode), sys -> sys.sigsuspend(SignalSet.empty()));
        run.blocked();
        run.interrupt();
        run.end("sigsuspend");
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void sigtimedwaitWithoutTimeout(final String mode) throws Exception {
        final Run run = new Run(engine(mode), sys -> sys.sigtimedwait(SignalSet.of(SIGUSR1), -1));
        run.blocked();
        run.interrupt();
        run.end("sigtimedwait");
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void waitpidForAChildThatNeverEnds(final String mode) throws Exception {
        final AtomicReference<EngineProcess> child = new AtomicReference<>();
        final Run run = new Run(engine(mode), sys -> {
            child.set(sys.fork(cs -> cs.futexWait(new Futex(0), 0)));
            sys.waitpid(child.get());
        });
        run.blocked();
        run.interrupt();
        run.end("waitpid");
        assertTrue(child.get().eventWaiters().isEmpty(), "the parent must leave the child's event queue");
        assertFalse(child.get().isEnded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"park", "idle"})
    void schemeCallGivesTheRequestUp(final String mode) throws Exception {
        final AtomicReference<SchemeRequest> request = new AtomicReference<>();
        try (SchemeServer server = new SchemeServer("scheme", CancelMode.REQUEST, 4, request::set)) {
            final AtomicReference<SchemeChannel> channel = new AtomicReference<>();
            final Run run = new Run(engine(mode), sys -> {
                channel.set(server.open(sys.user()));
                sys.call(channel.get(), 21);
            });
            run.blocked();
            run.interrupt();
            run.end("call");
            assertFalse(channel.get().hasResponse());
            while (request.get() == null) {
                Thread.onSpinWait();
            }
            assertFalse(request.get().complete(42), "the server's late answer must be refused");
            assertFalse(channel.get().hasResponse(), "the channel must stay empty");
            assertEquals(0, server.cancelMessages(), "a Java interrupt is not a cancellation by a signal");
        }
    }

    @Test
    void aThreadOfAStoppedProcessLeavesItsStopWait() throws Exception {
        final Pipe pipe = new Pipe(8);
        final Run run = new Run(new Engine(), sys -> sys.read(pipe, new byte[4], 0, 4));
        run.blocked();
        run.process.engine().kernel().kill(null, run.process.pid(), SIGSTOP);
        assertTrue(run.thread.awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS), "thread must stop");
        run.interrupt();
        // the program caught the exception; its exit then waits for SIGCONT, as any thread of a stopped process.
        while (run.outcome.get() == null) {
            Thread.onSpinWait();
        }
        run.process.engine().kernel().kill(null, run.process.pid(), SIGCONT);
        final WaitInterruptedException e = run.end("read");
        assertEquals(
                "stopped",
                assertInstanceOf(WaitInterruptedException.class, e.getCause()).call());
        assertTrue(run.stoppedAfter.get(), "a Java interrupt is not SIGCONT");
        assertTrue(pipe.waiters().isEmpty());
    }
}
