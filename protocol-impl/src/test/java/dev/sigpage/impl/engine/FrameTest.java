package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGSEGV;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.frames.Arch;
import dev.sigpage.frames.MemoryWrite;
import dev.sigpage.frames.RegisterFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Delivery pushes a real arch-frames frame at the address FRAMES.md's formulas give, the handler reads and
 * changes the saved context, sigreturn pops it through the validated restore; nesting and sigaltstack.
 */
class FrameTest {
    private static final long STACK_BASE = 0x7fff_f000_0000L;
    private static final int STACK_SIZE = 0x1_0000;
    /** FRAMES.md, fixed x86-64: t = ((rsp - 128) &amp; ~15) - 16, f = t - 168, with rsp = 0x7ffff0010000. */
    private static final long X86_FRAME = 0x7fff_f000_fec8L;
    /** The same formula applied to rsp = X86_FRAME (the nested delivery). */
    private static final long X86_NESTED_FRAME = 0x7fff_f000_fd88L;
    /** FRAMES.md, AArch64: f = (sp - 312) &amp; ~15 with sp = 0x7ffff0010000. */
    private static final long A64_FRAME = 0x7fff_f000_fec0L;

    private static final long ALT_BASE = 0x5000_0000L;
    private static final int ALT_SIZE = 0x2000;
    /** x86-64 formula with rsp = the alternate stack's top, 0x50002000. */
    private static final long X86_ALT_FRAME = 0x5000_1ec8L;

    private final Engine engine = new Engine();
    private final EngineProcess process = engine.spawn(1000, 1000);
    private final Sys sys = process.attach();
    private final List<String> log = new ArrayList<>();

    private Machine x86() {
        final RegisterFile regs = RegisterFile.zero(Arch.X86_64)
                .with("rip", 0x40_2000L)
                .with("rflags", 0x202L)
                .with("rax", 0x1111L)
                .with("r15", 0xf15L);
        final Machine m = new Machine(regs, UserStack.map(STACK_BASE, STACK_SIZE));
        sys.attachMachine(m);
        return m;
    }

    @Test
    void x86FrameIsPushedWherePredictedAndPoppedBySigreturn() {
        final Machine m = x86();
        final RegisterFile before = m.registers();
        sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(Signals.SIGHUP));
        final long handler = sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    final FrameView f = ctx.frame().orElseThrow();
                    log.add("frame=" + Long.toHexString(f.address()));
                    log.add("rsp=" + Long.toHexString(m.registers().get("rsp")) + " rdi="
                            + m.registers().get("rdi"));
                    log.add("saved rip=" + Long.toHexString(f.saved("rip")) + " rax=" + Long.toHexString(f.saved("rax"))
                            + " signum=" + f.saved("signum") + " mask=" + Long.toHexString(f.savedMask()));
                    final byte[] onStack = f.memory().read(f.address(), Arch.X86_64.frameLength());
                    final MemoryWrite first = f.delivery().writes().get(0);
                    log.add("bytes match="
                            + (first.address() == f.address()
                                    && java.util.Arrays.equals(
                                            onStack, java.util.Arrays.copyOf(first.bytes(), onStack.length))));
                    f.setSaved("rax", 0x2222L);
                },
                SignalSet.empty(),
                0);

        sys.raise(SIGUSR1);

        assertEquals(
                List.of(
                        "frame=7ffff000fec8",
                        "rsp=7ffff000fec8 rdi=10",
                        "saved rip=402000 rax=1111 signum=10 mask=1",
                        "bytes match=true"),
                log);
        assertEquals(before.with("rax", 0x2222L), m.registers());
        assertEquals(SignalSet.of(Signals.SIGHUP), sys.mask());
        assertTrue(handler > 0);
        assertEquals(X86_FRAME, Long.parseLong(log.get(0).substring(6), 16));
    }

    @Test
    void aarch64EntryRegistersAndFrameAddress() {
        final RegisterFile regs =
                RegisterFile.zero(Arch.AARCH64).with("pc", 0x40_2000L).with("x19", 0x19L);
        final Machine m = new Machine(regs, UserStack.map(STACK_BASE, STACK_SIZE));
        sys.attachMachine(m);
        final long[] entry = new long[4];
        final long handler = sys.sigaction(
                SIGUSR2,
                (sig, info, ctx) -> {
                    entry[0] = m.registers().get("sp");
                    entry[1] = m.registers().get("x0");
                    entry[2] = m.registers().get("x1");
                    entry[3] = m.registers().get("x30");
                },
                SignalSet.empty(),
                0);

        sys.raise(SIGUSR2);

        assertArrayEquals(new long[] {A64_FRAME, SIGUSR2, A64_FRAME, A64_FRAME + 296}, entry);
        assertEquals(m.registers(), regs.with("sp", STACK_BASE + STACK_SIZE));
        assertTrue(handler > 0);
    }

    @Test
    void riscv64EntryRegistersAndFrameAddress() {
        final RegisterFile regs =
                RegisterFile.zero(Arch.RISCV64).with("pc", 0x40_2000L).with("s1", 0x51L);
        final Machine m = new Machine(regs, UserStack.map(STACK_BASE, STACK_SIZE));
        sys.attachMachine(m);
        final long[] entry = new long[5];
        final long handler = sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    entry[0] = m.registers().get("sp");
                    entry[1] = m.registers().get("a0");
                    entry[2] = m.registers().get("a1");
                    entry[3] = m.registers().get("ra");
                    entry[4] = ctx.frame().orElseThrow().saved("s1");
                },
                SignalSet.empty(),
                0);

        sys.raise(SIGUSR1);

        // FRAMES.md, RISC-V: f = (sp - 304) & ~15 = 0x7ffff000fed0, trampoline (ra) at f + 288.
        assertArrayEquals(new long[] {0x7fff_f000_fed0L, SIGUSR1, 0x7fff_f000_fed0L, 0x7fff_f000_fff0L, 0x51L}, entry);
        assertEquals(regs.with("sp", STACK_BASE + STACK_SIZE), m.registers());
        assertEquals(0x40_2000L, m.registers().get("pc"));
        assertTrue(handler > 0);
    }

    @Test
    void nestedFramesStackBelowEachOtherAndUnwindInOrder() {
        final Machine m = x86();
        final RegisterFile before = m.registers();
        sys.sigaction(
                SIGUSR2,
                (sig, info, ctx) -> log.add("usr2 frame="
                        + Long.toHexString(ctx.frame().orElseThrow().address())),
                SignalSet.empty(),
                0);
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    log.add("usr1 frame="
                            + Long.toHexString(ctx.frame().orElseThrow().address()));
                    ctx.sys().raise(SIGUSR2);
                    log.add("usr1 rsp=" + Long.toHexString(m.registers().get("rsp")));
                },
                SignalSet.empty(),
                0);

        sys.raise(SIGUSR1);

        assertEquals(
                List.of(
                        "usr1 frame=" + Long.toHexString(X86_FRAME),
                        "usr2 frame=" + Long.toHexString(X86_NESTED_FRAME),
                        "usr1 rsp=" + Long.toHexString(X86_FRAME)),
                log);
        assertEquals(before, m.registers());
    }

    @Test
    void handlerChangesTheSavedMaskAndSigreturnRestoresIt() {
        x86();
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> ctx.frame().orElseThrow().setSavedMask(Signals.bit(SIGUSR2)),
                SignalSet.empty(),
                0);

        sys.raise(SIGUSR1);

        assertEquals(SignalSet.of(SIGUSR2), sys.mask());
    }

    @Test
    void aForgedPrivilegedFrameIsRefusedAndTheProcessDiesOfSigsegv() {
        x86();
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> ctx.frame().orElseThrow().setSaved("rflags", 0x3202L),
                SignalSet.empty(),
                0);

        assertThrows(ThreadTerminated.class, () -> sys.raise(SIGUSR1));
        assertEquals(new ProcessEvent(ProcessEvent.Kind.KILLED, process.pid(), SIGSEGV), process.endEvent());
    }

    @Test
    void aFrameThatDoesNotFitInMappedMemoryIsSigsegv() {
        final RegisterFile regs = RegisterFile.zero(Arch.X86_64).with("rflags", 0x202L);
        sys.attachMachine(new Machine(regs, UserStack.map(STACK_BASE, 256)));
        sys.sigaction(SIGUSR1, (sig, info, ctx) -> log.add("ran"), SignalSet.empty(), 0);

        assertThrows(ThreadTerminated.class, () -> sys.raise(SIGUSR1));
        assertEquals(SIGSEGV, process.endEvent().value());
        assertEquals(List.of(), log);
    }

    @Test
    void saOnstackUsesTheAlternateStackAndSigaltstackRules() {
        final Machine m = x86();
        m.map(UserStack.map(ALT_BASE, ALT_SIZE));
        assertEquals(AltStack.DISABLED, sys.sigaltstack(new AltStack(ALT_BASE, ALT_SIZE, 0)));
        final List<Object> seen = new ArrayList<>();
        sys.sigaction(
                SIGUSR2,
                (sig, info, ctx) -> seen.add("usr2 frame="
                        + Long.toHexString(ctx.frame().orElseThrow().address()) + " alt="
                        + ctx.frame().orElseThrow().onAltStack()),
                SignalSet.empty(),
                SaFlags.SA_ONSTACK);
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    final FrameView f = ctx.frame().orElseThrow();
                    seen.add("usr1 frame=" + Long.toHexString(f.address()) + " alt=" + f.onAltStack());
                    seen.add(ctx.sys().sigaltstack(null));
                    try {
                        ctx.sys().sigaltstack(AltStack.DISABLED);
                    } catch (final SignalException e) {
                        seen.add(e.errno());
                    }
                    ctx.sys().raise(SIGUSR2);
                },
                SignalSet.empty(),
                SaFlags.SA_ONSTACK);

        sys.raise(SIGUSR1);

        assertEquals(
                List.of(
                        "usr1 frame=" + Long.toHexString(X86_ALT_FRAME) + " alt=true",
                        new AltStack(ALT_BASE, ALT_SIZE, AltStack.SS_ONSTACK),
                        Errno.EPERM,
                        "usr2 frame=" + Long.toHexString(0x5000_1d88L) + " alt=true"),
                seen);
        assertEquals(new AltStack(ALT_BASE, ALT_SIZE, 0), sys.sigaltstack(null));
        assertEquals(STACK_BASE + STACK_SIZE, m.stackPointer());
    }

    @Test
    void aMachineNamesItsArchitectureAndItsMappingsStackFirst() {
        final UserStack stack = UserStack.map(STACK_BASE, STACK_SIZE);
        final UserStack alt = UserStack.map(ALT_BASE, ALT_SIZE);
        final Machine m = new Machine(RegisterFile.zero(Arch.AARCH64), stack);
        m.map(alt);

        assertEquals(Arch.AARCH64, m.arch());
        assertEquals(List.of(stack, alt), m.mappings());
        assertEquals(STACK_BASE + STACK_SIZE, m.stackPointer());
    }

    /** A handler without SA_ONSTACK runs on the thread's stack, an alternate stack installed or not. */
    @Test
    void aFrameWithoutSaOnstackIsOnTheThreadsStack() {
        final Machine m = x86();
        m.map(UserStack.map(ALT_BASE, ALT_SIZE));
        sys.sigaltstack(new AltStack(ALT_BASE, ALT_SIZE, 0));
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    final FrameView f = ctx.frame().orElseThrow();
                    log.add("frame=" + Long.toHexString(f.address()) + " alt=" + f.onAltStack());
                },
                SignalSet.empty(),
                0);

        sys.raise(SIGUSR1);

        assertEquals(List.of("frame=" + Long.toHexString(X86_FRAME) + " alt=false"), log);
    }

    @Test
    void sigaltstackRefusesSmallStacksAndBadFlagsAndCanBeDisabled() {
        final Machine m = x86();
        m.map(UserStack.map(ALT_BASE, ALT_SIZE));
        final SignalException small = assertThrows(
                SignalException.class, () -> sys.sigaltstack(new AltStack(ALT_BASE, AltStack.MINSIGSTKSZ - 1, 0)));
        assertEquals(Errno.ENOMEM, small.errno());
        final SignalException flags =
                assertThrows(SignalException.class, () -> sys.sigaltstack(new AltStack(ALT_BASE, ALT_SIZE, 4)));
        assertEquals(Errno.EINVAL, flags.errno());
        assertEquals(AltStack.DISABLED, sys.sigaltstack(null));

        sys.sigaltstack(new AltStack(ALT_BASE, AltStack.MINSIGSTKSZ, 0));
        sys.sigaltstack(AltStack.DISABLED);
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) ->
                        log.add(Long.toHexString(ctx.frame().orElseThrow().address())),
                SignalSet.empty(),
                SaFlags.SA_ONSTACK);
        sys.raise(SIGUSR1);

        assertEquals(List.of(Long.toHexString(X86_FRAME)), log);
    }
}
