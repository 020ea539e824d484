package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGHUP;
import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SignalSet;
import dev.sigpage.frames.Arch;
import dev.sigpage.frames.RegisterFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A handler left by an exception: the model of a {@code siglongjmp} out of the handler to a {@code sigsetjmp} that
 * saved the mask. POSIX: siglongjmp restores the signal mask that sigsetjmp saved, so the thread is back at the
 * interrupted code with the mask it had before the delivery (neither the signal nor {@code sa_mask} stays blocked),
 * with the registers of the interrupted code (the frame is left on the stack, as a longjmp leaves it), and the
 * exception reaches the interrupted call. A handler left that way after its process ended ends the thread instead.
 */
class HandlerEscapeTest {
    private static final long STACK_BASE = 0x7fff_f000_0000L;
    private static final int STACK_SIZE = 0x1_0000;

    private final Engine engine = new Engine();
    private final EngineProcess process = engine.spawn(1000, 1000);
    private final Sys sys = process.attach();

    /** What the handler escapes with: the user's own exception. */
    private static final class Escape extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Escape() {
            super("longjmp out of the handler", null, false, false);
        }
    }

    @Test
    void anEscapeReachesTheInterruptedCallWithTheMaskOfBeforeTheDelivery() {
        sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGHUP));
        final Escape escape = new Escape();
        final List<SignalSet> masksInHandler = new ArrayList<>();
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    masksInHandler.add(ctx.sys().mask());
                    throw escape;
                },
                SignalSet.of(SIGUSR2),
                0);

        assertSame(escape, assertThrows(Escape.class, () -> sys.raise(SIGUSR1)));

        assertEquals(List.of(SignalSet.of(SIGHUP, SIGUSR1, SIGUSR2)), masksInHandler, "the handler's mask");
        assertEquals(SignalSet.of(SIGHUP), sys.mask(), "the mask of before the delivery");
        assertFalse(process.isEnded());
        // the thread runs on: the same signal is delivered again.
        assertThrows(Escape.class, () -> sys.raise(SIGUSR1));
        assertEquals(
                List.of(SignalSet.of(SIGHUP, SIGUSR1, SIGUSR2), SignalSet.of(SIGHUP, SIGUSR1, SIGUSR2)),
                masksInHandler);
    }

    @Test
    void anEscapeWithAMachineLeavesTheRegistersOfTheInterruptedCode() {
        final RegisterFile interrupted = RegisterFile.zero(Arch.X86_64)
                .with("rip", 0x40_2000L)
                .with("rflags", 0x202L)
                .with("rax", 0x1111L);
        final Machine m = new Machine(interrupted, UserStack.map(STACK_BASE, STACK_SIZE));
        sys.attachMachine(m);
        final long top = STACK_BASE + STACK_SIZE;
        final List<Long> inHandler = new ArrayList<>();
        final long handler = sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    inHandler.add(m.registers().get("rip"));
                    inHandler.add(m.stackPointer());
                    throw new Escape();
                },
                SignalSet.empty(),
                0);

        assertThrows(Escape.class, () -> sys.raise(SIGUSR1));

        assertEquals(handler, inHandler.get(0), "the handler ran at its address");
        assertEquals(true, inHandler.get(1) < top, "on a frame below the stack's top");
        assertEquals(0x40_2000L, m.registers().get("rip"));
        assertEquals(0x202L, m.registers().get("rflags"));
        assertEquals(0x1111L, m.registers().get("rax"));
        assertEquals(top, m.stackPointer(), "the stack pointer of the interrupted code");
        assertEquals(SignalSet.empty(), sys.mask());
    }

    @Test
    void anEscapeAfterTheProcessWasKilledEndsTheThread() throws Exception {
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    // another process's SIGKILL, sent while the handler runs.
                    engine.kernel().kill(null, process.pid(), SIGKILL);
                    throw new Escape();
                },
                SignalSet.empty(),
                0);

        assertThrows(ThreadTerminated.class, () -> sys.raise(SIGUSR1));

        assertEquals(
                new ProcessEvent(ProcessEvent.Kind.KILLED, process.pid(), SIGKILL),
                process.awaitEnd(0, TimeUnit.SECONDS));
    }
}
