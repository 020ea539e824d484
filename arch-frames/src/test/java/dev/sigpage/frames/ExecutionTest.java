package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deliveries executed, not only compared. A freestanding static harness (src/test/resources/harness/harness.c,
 * built here with gcc or the Debian cross compilers) maps memory at the delivery's addresses, stores the
 * delivery's bytes, loads the entry registers and jumps to its handler, which records the registers it was
 * entered with and returns the way compiled code does.
 *
 * <p>The sigreturn system call is observed by an oracle outside the code under test: on x86-64 (run natively)
 * the kernel's seccomp filter turns the call into SIGSYS, whose siginfo gives the number and whose ucontext gives
 * rdi; on AArch64 and RISC-V, qemu-user's {@code -strace} log shows the call (123 is {@code sched_getaffinity} in
 * the generic syscall table those two share) with its first argument in decimal. The harness then dumps the frame
 * memory as executed, and that memory is restored at the pointer the trampoline really passed.
 */
class ExecutionTest {
    private static final long REGION = 0x40_000f_0000L;
    private static final long PAGE_BOUNDARY = 0x40_0010_0000L;
    private static final long REGION_END = 0x40_0011_0000L;
    private static final long SP = PAGE_BOUNDARY;
    private static final int SIGNAL = 10;
    private static final int RED_ZONE = 128;
    private static final Map<Arch, Harness> HARNESSES = new EnumMap<>(Arch.class);

    private record Harness(Arch arch, Path binary, long handler, long restorer, List<String> runner) {}

    private record Run(Tools.Result result, Map<String, Long> values, UserMemory memory) {
        long get(final String key) {
            final Long v = values.get(key);
            if (v == null) {
                throw new AssertionError(
                        "harness did not report " + key + ":\n" + result.stdout() + "\n" + result.stderr());
            }
            return v;
        }
    }

    // ---------------------------------------------------------------- fixed variant: correct on every arch

    @ParameterizedTest
    @EnumSource(Arch.class)
    void fixedDeliveryEntersHandlerWithAbiStackAndArgumentsAndSigreturnGetsTheFrame(final Arch arch) {
        final Harness h = harness(arch);
        final RegisterFile interrupted = interrupted(arch, SP);
        final Delivery d = deliver(h, interrupted, Variant.FIXED, null);
        final Run run = execute(h, d, true);

        final long sp = run.get("entry.sp");
        assertEquals(sp, d.frameAddress(), "handler's sp is the frame");
        if (arch == Arch.X86_64) {
            assertEquals(8, sp % 16, "System V: rsp % 16 == 8 at function entry");
            assertEquals(0, run.get("entry.flags") & 0x400, "DF clear at entry");
        } else {
            assertEquals(0, sp % 16, "AAPCS64 / RISC-V psABI: sp % 16 == 0");
            assertEquals(sp, run.get("entry.arg1"), "second argument is the frame");
        }
        assertEquals(SIGNAL, run.get("entry.arg0"), "first argument is the signal");
        assertEquals(sp, observedSigreturnArgument(arch, run, 123), "sigreturn gets the frame");
        assertRedZone(arch, interrupted, run, true);

        final RestoredContext restored = SignalFrames.restore(arch, Variant.FIXED, run.memory(), sp);
        assertEquals(interrupted, restored.registers());
        assertEquals(0x1234_0000_0000_0002L, restored.mask());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void fixedDeliveryWithRestorerRunsWithoutExecutableStack(final Arch arch) {
        final Harness h = harness(arch);
        final RegisterFile interrupted = interrupted(arch, SP);
        final Delivery d = deliver(h, interrupted, Variant.FIXED, h.restorer());
        assertEquals(1, d.writes().size(), "only the frame is written");
        assertEquals(arch.frameLength(), d.writes().get(0).length());
        final Run run = execute(h, d, false);
        final long sp = run.get("entry.sp");
        assertEquals(h.restorer(), run.get("entry.ret"), "returns into the restorer");
        assertEquals(sp, observedSigreturnArgument(arch, run, 123));
        assertEquals(
                interrupted,
                SignalFrames.restore(arch, Variant.FIXED, run.memory(), sp).registers());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void fixedFrameStraddlingAPageBoundaryExecutesAndRestores(final Arch arch) {
        final Harness h = harness(arch);
        final RegisterFile interrupted = interrupted(arch, PAGE_BOUNDARY + 0xC0);
        final Delivery d = deliver(h, interrupted, Variant.FIXED, null);
        assertTrue(
                d.frameAddress() < PAGE_BOUNDARY && PAGE_BOUNDARY < d.frameAddress() + arch.frameLength(),
                "precondition: the frame straddles the boundary");
        final Run run = execute(h, d, true, 123, PAGE_BOUNDARY + 0xC0);
        final long sp = run.get("entry.sp");
        assertEquals(sp, observedSigreturnArgument(arch, run, 123));
        assertEquals(
                interrupted,
                SignalFrames.restore(arch, Variant.FIXED, run.memory(), sp).registers());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void fixedDeliveriesFromRandomStatesExecuteCorrectly(final Arch arch) {
        final Harness h = harness(arch);
        final Random random = new Random(0xE8EC_0000L + arch.ordinal());
        for (int i = 0; i < 4; i++) {
            // Any alignment of the interrupted stack pointer, within the two mapped pages' middle.
            final long interruptedSp = PAGE_BOUNDARY - 0x800 + random.nextInt(0x1000);
            RegisterFile interrupted = RandomState.registers(arch, random, interruptedSp);
            if (arch == Arch.X86_64) {
                interrupted = interrupted.with("rflags", 0x202L | (random.nextLong() & 0x4D5L));
            }
            final int signal = RandomState.signal(Variant.FIXED, random);
            final long mask = RandomState.mask(Variant.FIXED, random);
            final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(interrupted)
                    .signal(signal)
                    .handler(h.handler())
                    .mask(mask)
                    .build());
            final Run run = execute(h, d, true, 123, interruptedSp);
            final long sp = run.get("entry.sp");
            assertEquals(arch == Arch.X86_64 ? 8 : 0, sp % 16, "ABI stack alignment at entry");
            assertEquals(signal, run.get("entry.arg0"));
            assertEquals(sp, observedSigreturnArgument(arch, run, 123));
            assertRedZone(arch, interrupted, run, true);
            final RestoredContext restored = SignalFrames.restore(arch, Variant.FIXED, run.memory(), sp);
            assertEquals(interrupted, restored.registers());
            assertEquals(mask, restored.mask());
        }
    }

    @Test
    void fixedX86_64OtherSigreturnNumberIsTheOneIssued() {
        final Harness h = harness(Arch.X86_64);
        final RegisterFile interrupted = interrupted(Arch.X86_64, SP);
        final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(interrupted)
                .signal(SIGNAL)
                .handler(h.handler())
                .sigreturnNr(500)
                .build());
        final Run run = execute(h, d, true, 500, SP);
        assertEquals(500, run.get("syscall.nr"));
        assertEquals(run.get("entry.sp"), run.get("syscall.arg0"));
    }

    // ---------------------------------------------------------------- seed variant: each defect, happening

    @Test
    void seedX86_64MisalignsTheHandlerPassesFramePlus8AndOverwritesTheRedZone() {
        final Harness h = harness(Arch.X86_64);
        final RegisterFile interrupted = interrupted(Arch.X86_64, SP);
        final Delivery d = deliver(h, interrupted, Variant.SEED, null);
        final Run run = execute(h, d, true);
        final long sp = run.get("entry.sp");
        assertEquals(0, sp % 16, "defect 2: rsp % 16 == 0 at entry, not 8");
        assertEquals(123, run.get("syscall.nr"));
        final long argument = run.get("syscall.arg0");
        assertEquals(sp + 8, argument, "defect 1: lea rdi,[rsp] after ret passes frame + 8");
        assertRedZone(Arch.X86_64, interrupted, run, false);
        // Reading the frame at what sigreturn really receives shifts every field by one: rax's slot holds rbx,
        // and rflags' slot is the padding below the trampoline (the red-zone canary here), so restore refuses.
        final FrameDump shifted = FrameDump.read(Arch.X86_64, Variant.SEED, run.memory(), argument);
        assertEquals(interrupted.get("rbx"), value(shifted, "rax"), "defect 1: off by one field");
        assertEquals(interrupted.get("rflags"), value(shifted, "rip"));
        final FrameRefusedException refused = assertThrows(
                FrameRefusedException.class,
                () -> SignalFrames.restore(Arch.X86_64, Variant.SEED, run.memory(), argument));
        assertEquals("rflags", refused.field());
        assertEquals(0xaaaa_aaaa_aaaa_aaaaL, refused.value());
    }

    private static long value(final FrameDump dump, final String field) {
        return dump.rows().stream()
                .filter(r -> r.name().equals(field))
                .findFirst()
                .orElseThrow()
                .value()
                .orElseThrow();
    }

    @Test
    void seedAarch64PutsTheSigreturnNumberInW0AndMakesWhateverSyscallX8Held() {
        final Harness h = harness(Arch.AARCH64);
        final Delivery d = deliver(h, interrupted(Arch.AARCH64, SP), Variant.SEED, null);
        final Run run = execute(h, d, true);
        assertEquals(0, run.get("entry.sp") % 16);
        // The handler left 93 (exit) in x8; the seed's trampoline never sets x8, and its 123 lands in x0.
        assertTrue(run.result().stderr().contains(" exit(123)"), run.result().stderr());
        assertFalse(run.result().stderr().contains("sched_getaffinity("), "sigreturn (123) is never issued");
        assertEquals(123, run.result().exitCode(), "defect 4: exit(123) instead of sigreturn(frame)");
        assertFalse(run.values().containsKey("trap"));
    }

    @Test
    void seedRiscv64TrampolineWorksButTheMaskIsUnchanged() {
        final Harness h = harness(Arch.RISCV64);
        final RegisterFile interrupted = interrupted(Arch.RISCV64, SP);
        final Delivery d = deliver(h, interrupted, Variant.SEED, null);
        final Run run = execute(h, d, true);
        final long sp = run.get("entry.sp");
        assertEquals(0, sp % 16);
        assertEquals(sp, observedSigreturnArgument(Arch.RISCV64, run, 123));
        assertEquals(
                interrupted,
                SignalFrames.restore(Arch.RISCV64, Variant.SEED, run.memory(), sp)
                        .registers());
        assertEquals(0x1234_0000_0000_0002L, d.handlerMask(), "defect 5: signal 10 not blocked (bit 10 clear)");
    }

    // ---------------------------------------------------------------- helpers

    private static RegisterFile interrupted(final Arch arch, final long sp) {
        RegisterFile regs = RandomState.registers(arch, new Random(42 + arch.ordinal()), sp);
        if (arch == Arch.X86_64) {
            // CF, PF, ZF, DF, IF and bit 1: DF must be cleared for the handler; TF/AC would trap the harness.
            regs = regs.with("rflags", 0x647L);
        }
        return regs;
    }

    private static Delivery deliver(
            final Harness h, final RegisterFile interrupted, final Variant variant, final Long restorer) {
        final DeliveryRequest.Builder b = DeliveryRequest.builder(interrupted)
                .variant(variant)
                .signal(SIGNAL)
                .handler(h.handler())
                .mask(0x1234_0000_0000_0002L);
        if (restorer != null) {
            b.restorer(restorer);
        }
        return SignalFrames.deliver(b.build());
    }

    private static long observedSigreturnArgument(final Arch arch, final Run run, final int nr) {
        if (arch == Arch.X86_64) {
            assertEquals(nr, run.get("syscall.nr"), "seccomp saw the sigreturn number");
            return run.get("syscall.arg0");
        }
        // qemu -strace: "<pid> sched_getaffinity(<arg0 decimal>,...)".
        for (final String line : run.result().stderr().split("\n")) {
            final int at = line.indexOf(" sched_getaffinity(");
            if (at >= 0) {
                final String args = line.substring(at + " sched_getaffinity(".length());
                assertEquals(5, run.get("trap"), "the trampoline went on to brk/ebreak after the call returned");
                return Long.parseLong(args.substring(0, args.indexOf(',')));
            }
        }
        throw new AssertionError(
                "no sigreturn (123) in qemu's strace:\n" + run.result().stderr());
    }

    private static void assertRedZone(
            final Arch arch, final RegisterFile interrupted, final Run run, final boolean intact) {
        if (arch != Arch.X86_64) {
            return;
        }
        final long sp = interrupted.get("rsp");
        final byte[] redZone = run.memory().read(sp - RED_ZONE, RED_ZONE);
        boolean allCanary = true;
        for (final byte b : redZone) {
            allCanary &= b == (byte) 0xAA;
        }
        assertEquals(intact, allCanary, intact ? "red zone intact" : "defect 3: red zone overwritten");
    }

    private static Run execute(final Harness h, final Delivery d, final boolean executableStack) {
        return execute(h, d, executableStack, 123, SP);
    }

    private static Run execute(
            final Harness h, final Delivery d, final boolean executableStack, final int trapNr, final long sp) {
        final List<String> cmd = new ArrayList<>(h.runner());
        cmd.add(h.binary().toString());
        final String prot = executableStack ? "rwx" : "rw";
        // Two mappings meeting at PAGE_BOUNDARY, so a straddling frame spans two separately mapped pages.
        add(cmd, "map", hex(REGION), hex(PAGE_BOUNDARY - REGION), prot);
        add(cmd, "map", hex(PAGE_BOUNDARY), hex(REGION_END - PAGE_BOUNDARY), prot);
        add(cmd, "fill", hex(sp - RED_ZONE), Integer.toString(RED_ZONE), "0xaa");
        for (final MemoryWrite w : d.writes()) {
            add(cmd, "write", hex(w.address()), w.hex());
        }
        if (h.arch() == Arch.X86_64) {
            add(cmd, "trap", Integer.toString(trapNr));
        }
        for (final long value : d.entry().values()) {
            add(cmd, "reg", hex(value));
        }
        final long low = d.writes().get(0).address();
        final MemoryWrite last = d.writes().get(d.writes().size() - 1);
        add(cmd, "watch", hex(low), Long.toString(last.address() + last.length() - low));
        add(cmd, "watch", hex(sp - RED_ZONE), Integer.toString(RED_ZONE));
        cmd.add("go");
        final Tools.Result r = Tools.run(cmd);
        final HarnessOutput out = HarnessOutput.parse("harness", r);
        final UserMemory memory = new UserMemory();
        for (final HarnessOutput.Dump dump : out.dumps()) {
            memory.write(dump.address(), dump.bytes());
        }
        return new Run(r, out.values(), memory);
    }

    private static void add(final List<String> cmd, final String... words) {
        cmd.addAll(List.of(words));
    }

    private static String hex(final long v) {
        return "0x" + Long.toHexString(v);
    }

    private static synchronized Harness harness(final Arch arch) {
        final Harness cached = HARNESSES.get(arch);
        if (cached != null) {
            return cached;
        }
        final Path binary = FreestandingBuild.build(arch, "harness");
        final List<String> runner = switch (arch) {
            case X86_64 -> List.of();
            case AARCH64 ->
                List.of(Tools.require("qemu-aarch64-static", "qemu-user-static").toString(), "-strace");
            case RISCV64 ->
                List.of(Tools.require("qemu-riscv64-static", "qemu-user-static").toString(), "-strace");
        };
        final List<String> query = new ArrayList<>(runner.isEmpty() ? List.of() : runner.subList(0, 1));
        query.add(binary.toString());
        query.add("addresses");
        final Tools.Result addresses = Tools.run(query);
        assertEquals(0, addresses.exitCode(), addresses.stderr());
        final Map<String, Long> a = HarnessOutput.parse("harness", addresses).values();
        final Harness h = new Harness(arch, binary, a.get("handler"), a.get("restorer"), runner);
        HARNESSES.put(arch, h);
        return h;
    }
}
