package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import dev.sigpage.frames.Arch;
import dev.sigpage.frames.RegisterFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's small contracts no scenario reaches alone: a scheme request's caller, single answer and cancel
 * reports; a machine's register replacement and its third nested frame; a futex's bounded wake; a wait queue's
 * emptiness; a handler context's accessors; a wait strategy's name. Expected values come from the javadoc
 * contracts, futex(2) and FRAMES.md, never from the code's output.
 */
class EngineAccessorsTest {
    private static final long STACK_BASE = 0x7fff_f000_0000L;
    private static final int STACK_SIZE = 0x1_0000;
    /** FRAMES.md, fixed x86-64: t = ((rsp - 128) &amp; ~15) - 16, f = t - 168, from rsp = 0x7ffff0010000. */
    private static final long X86_FRAME = 0x7fff_f000_fec8L;
    /** The same formula from rsp = X86_FRAME. */
    private static final long X86_NESTED_FRAME = 0x7fff_f000_fd88L;
    /** The same formula from rsp = X86_NESTED_FRAME: ((0x...fd88 - 128) &amp; ~15) - 16 - 168. */
    private static final long X86_THIRD_FRAME = 0x7fff_f000_fc48L;

    private final Engine engine = new Engine();
    private final EngineProcess process = engine.spawn(1000, 1000);
    private final Sys sys = process.attach();
    private SchemeServer server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    private SchemeRequest request(final long id, final long argument) {
        server = new SchemeServer("scheme", CancelMode.REQUEST, 4, r -> {});
        return new SchemeRequest(id, argument, server.open(sys.user()));
    }

    @Test
    void schemeRequestNamesItsCallerAndAcceptsOneAnswer() {
        final SchemeRequest r = request(7, 42);
        assertEquals(sys.user().tid(), r.callerTid(), "the caller is the thread that opened the channel");
        assertTrue(sys.user().tid() != 0, "a tid of 0 would not tell the caller apart");
        assertTrue(r.fail(Errno.EINTR), "the first answer is accepted");
        assertFalse(r.fail(Errno.EINVAL), "a second answer is refused");
        assertFalse(r.complete(5), "a result after an error is refused");
        assertEquals(Errno.EINTR, r.error(), "the first answer stands");
    }

    @Test
    void schemeRequestReportsACancellationOnceAndAForcedOneOnceMore() {
        final SchemeRequest r = request(1, 0);
        assertTrue(r.takeCancelReport(false), "the first cancellation is news");
        assertFalse(r.takeCancelReport(false), "a repeated cancellation is not");
        assertTrue(r.takeCancelReport(true), "a SIGKILL after a signal's cancellation is news once more");
        assertFalse(r.takeCancelReport(true), "a repeated forced cancellation is not");
        assertFalse(r.takeCancelReport(false), "nor a plain one after it");
    }

    @Test
    void schemeRequestReportsAForcedCancellationFirstOnlyOnce() {
        final SchemeRequest r = request(1, 0);
        assertTrue(r.takeCancelReport(true));
        assertFalse(r.takeCancelReport(true));
        assertFalse(r.takeCancelReport(false), "a forced report covers the plain one");
    }

    @Test
    void schemeRequestPrintsItsIdArgumentAndCompletion() {
        final SchemeRequest r = request(9, 1234);
        final String pending = r.toString();
        assertTrue(pending.contains("9") && pending.contains("1234"), pending);
        assertFalse(pending.contains("done"), pending);
        assertTrue(r.complete(3));
        final String done = r.toString();
        assertTrue(done.contains("9") && done.contains("1234") && done.contains("done"), done);
    }

    private Machine x86() {
        return new Machine(
                RegisterFile.zero(Arch.X86_64).with("rip", 0x40_2000L).with("rflags", 0x202L),
                UserStack.map(STACK_BASE, STACK_SIZE));
    }

    @Test
    void setRegistersReplacesTheMachinesRegisters() {
        final Machine m = x86();
        final long sp = STACK_BASE + 0x8000;
        m.setRegisters(RegisterFile.zero(Arch.X86_64).with("rsp", sp).with("rax", 0x77L));
        assertEquals(sp, m.stackPointer(), "the stack pointer is the one set");
        final FrameView f = m.push(SIGUSR1, 0x40_3000L, 0, 0, false);
        assertNotNull(f);
        assertEquals(0x77L, f.saved("rax"), "the frame saves the registers that were set");
        assertEquals(sp, f.saved("rsp"));
    }

    @Test
    void threeNestedFramesArePushedWherePredicted() {
        final Machine m = x86();
        final FrameView first = m.push(SIGUSR1, 0x40_3000L, 0, 0, false);
        final FrameView second = m.push(SIGUSR2, 0x40_3000L, 0, 0, false);
        final FrameView third = m.push(SIGUSR1, 0x40_3000L, 0, 0, false);
        assertEquals(X86_FRAME, first.address());
        assertEquals(X86_NESTED_FRAME, second.address());
        assertEquals(X86_THIRD_FRAME, third.address());
        assertSame(Arch.X86_64, third.arch(), "the frame is of the machine's architecture");
    }

    @Test
    void futexWakeWakesAtMostTheCountAsked() {
        final Futex futex = new Futex(0);
        assertNotNull(futex.enqueueIf(0, sys.user()));
        assertNotNull(futex.enqueueIf(0, sys.user()));
        assertEquals(2, futex.waiters(), "two waiters queued");
        assertEquals(1, futex.wake(1), "futex(2) FUTEX_WAKE wakes at most val waiters");
        assertEquals(1, futex.waiters(), "the other one still waits");
    }

    @Test
    void waitQueueIsEmptyOnlyWithoutWaiters() {
        final WaitQueue q = new WaitQueue();
        assertTrue(q.isEmpty());
        q.add(sys.user());
        assertFalse(q.isEmpty(), "a queued waiter");
        q.remove(sys.user());
        assertTrue(q.isEmpty());
    }

    @Test
    void handlerContextGivesTheDeliveredSignalInfoAndMask() {
        final SigInfo info = new SigInfo(SIGUSR2, 0, 77, 1000, 5L);
        final long mask = SignalSet.of(SIGUSR1, SIGUSR2).bits();
        final HandlerContext ctx = new HandlerContext(sys, 1).set(SIGUSR2, info, mask, null);
        assertEquals(SIGUSR2, ctx.signo());
        assertSame(info, ctx.info());
        assertEquals(SignalSet.of(SIGUSR1, SIGUSR2), ctx.handlerMask());
    }

    @Test
    void waitStrategiesAreNamedByHowTheyWait() {
        assertEquals("park", WaitStrategy.park().toString());
        assertEquals("idle", WaitStrategy.backoff().toString());
    }
}
