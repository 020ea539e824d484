package dev.sigpage.frames;

import static dev.sigpage.frames.LinuxProbe.SA_ONSTACK;
import static dev.sigpage.frames.LinuxProbe.SA_RESTART;
import static dev.sigpage.frames.LinuxProbe.SA_SIGINFO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.frames.LinuxProbe.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The linux variant on x86-64 against this machine's real kernel. The probe (linux_frame.c) loads a known
 * register file, moves rsp into a fixed mapping pre-filled with a pattern and raises the signal with a raw
 * system call; its handler records every register before any C code runs and dumps the mapping. Each scenario
 * runs twice, over 0xa5 and 0x5a fills: bytes that differ are bytes the kernel never wrote. The Java delivery,
 * applied over the same fills, must reproduce both dumps byte for byte, written and unwritten bytes alike; only
 * the FP registers' contents (the legacy region's first 416 bytes, XSTATE_BV and the components) are compared as
 * "written" without their values, which depend on the thread's vector use. XSAVE facts come from the machine
 * (CPUID leaf 0xD and XCR0, read by the probe), never from constants.
 */
class LinuxX86_64KernelTest {
    private static final int SIGHUP_BIT = 0x1;
    private static final int SIGALRM = 14;
    private static final long RF = 0x10000;

    private static final LinuxAltStack ALT = new LinuxAltStack(LinuxProbe.ALT_LO, 0, LinuxProbe.REGION);
    private static final long MAIN_SP = LinuxProbe.MAIN_LO + 0xff00;

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario(
                        "tgkill, SA_SIGINFO, sa_mask SIGHUP",
                        "tgkill",
                        10,
                        SA_SIGINFO,
                        SIGHUP_BIT,
                        0x80_0800_0000L,
                        MAIN_SP,
                        null),
                new Scenario("tgkill without SA_SIGINFO", "tgkill", 10, 0, 0, 0, MAIN_SP, null),
                new Scenario("sigqueue with raw bytes 32..47", "queue", 12, SA_SIGINFO, 0, 0, MAIN_SP, null),
                new Scenario("rsp 0x20008000", "tgkill", 10, SA_SIGINFO, 0, 0, LinuxProbe.MAIN_LO + 0x8000, null),
                new Scenario("rsp 0x20007ff8", "tgkill", 10, SA_SIGINFO, 0, 0, LinuxProbe.MAIN_LO + 0x7ff8, null),
                new Scenario("rsp 0x20007fd8", "tgkill", 10, SA_SIGINFO, 0, 0, LinuxProbe.MAIN_LO + 0x7fd8, null),
                new Scenario(
                        "rsp 0x2000fff1 (unaligned)",
                        "tgkill",
                        10,
                        SA_SIGINFO,
                        0,
                        0,
                        LinuxProbe.MAIN_LO + 0xfff1,
                        null),
                new Scenario("altstack", "tgkill", 10, SA_SIGINFO | SA_ONSTACK, 0, 0, MAIN_SP, ALT),
                new Scenario(
                        "altstack, SS_AUTODISARM",
                        "tgkill",
                        10,
                        SA_SIGINFO | SA_ONSTACK,
                        0,
                        0,
                        MAIN_SP,
                        new LinuxAltStack(LinuxProbe.ALT_LO, LinuxAltStack.SS_AUTODISARM, LinuxProbe.REGION)),
                new Scenario("altstack, no SA_SIGINFO", "tgkill", 10, SA_ONSTACK, 0, 0, MAIN_SP, ALT),
                new Scenario("altstack registered, no SA_ONSTACK", "tgkill", 10, SA_SIGINFO, 0, 0, MAIN_SP, ALT),
                new Scenario(
                        "SA_ONSTACK without an altstack", "tgkill", 10, SA_SIGINFO | SA_ONSTACK, 0, 0, MAIN_SP, null),
                new Scenario(
                        "nested on the altstack",
                        "tgkill",
                        10,
                        SA_SIGINFO | SA_ONSTACK,
                        0,
                        0,
                        LinuxProbe.ALT_LO + 0xf448,
                        ALT),
                new Scenario(
                        "read interrupted, SA_RESTART: restarted",
                        "block",
                        SIGALRM,
                        SA_SIGINFO | SA_RESTART,
                        0,
                        0,
                        MAIN_SP,
                        null),
                new Scenario(
                        "read interrupted, no SA_RESTART: EINTR", "block", SIGALRM, SA_SIGINFO, 0, 0, MAIN_SP, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void javaDeliveryReproducesTheKernelsFrameOverTwoFills(final Scenario s) {
        final LinuxProbe probe = LinuxProbe.of(Arch.X86_64);
        final long lo = s.regionLo();
        final long hi = lo + LinuxProbe.REGION;
        final LinuxProbe.Output a = probe.run(s.args(0xa5, lo, hi));
        final LinuxProbe.Output b = probe.run(s.args(0x5a, lo, hi));
        assertEquals(0, a.result().exitCode(), a.result().stderr());
        assertEquals(0, b.result().exitCode(), b.result().stderr());
        assertEquals(hi - lo, a.mem().length, "the probe dumped the whole region");
        assertEquals(hi - lo, b.mem().length, "the probe dumped the whole region");
        final X86_64XsaveFeatures features = features(probe);
        final Delivery d = SignalFrames.deliver(request(s, a, features));
        final Delivery db = SignalFrames.deliver(request(s, b, features)); // its own pid and tid

        assertFrameMatches(d, db, lo, a.mem(), b.mem(), 0xa5, 0x5a);
        assertEquals(a.get("entry.rsp"), d.frameAddress(), "frame address (handler's rsp)");
        final RegisterFile saved = savedRegisters(d);
        for (final String name : RegisterNames.X86_64) {
            if (name.equals("rip")) {
                continue;
            }
            final long expected = d.entry().containsKey(name) ? d.entry().get(name) : saved.get(name);
            assertEquals(Hex.of(expected), Hex.of(a.get("entry." + name)), "entry " + name);
        }
        assertEquals(Hex.of(d.handlerMask()), Hex.of(a.get("entry.mask")), "mask inside the handler");
    }

    @Test
    void anAlternateStackTooSmallForTheFrameIsRefusedAsTheKernelKillsTheThread() {
        final LinuxProbe probe = LinuxProbe.of(Arch.X86_64);
        final Scenario s = new Scenario(
                "altstack of MINSIGSTKSZ",
                "tgkill",
                10,
                SA_SIGINFO | SA_ONSTACK,
                0,
                0,
                MAIN_SP,
                new LinuxAltStack(LinuxProbe.ALT_LO, 0, 2048));
        final LinuxProbe.Output out = probe.run(s.args(0xa5, 0, 0));
        assertEquals(LinuxProbe.KILLED_BY_SIGSEGV, out.result().exitCode(), "the kernel forces SIGSEGV");
        final LinuxProbe.Output ok = probe.run(new Scenario("same, regs", "tgkill", 10, SA_SIGINFO, 0, 0, MAIN_SP, null)
                .args(0xa5, LinuxProbe.MAIN_LO, LinuxProbe.MAIN_LO + 16));
        final DeliveryRequest r = request(s, ok, features(probe));
        final FrameRefusedException e = assertThrows(FrameRefusedException.class, () -> SignalFrames.deliver(r));
        assertEquals("ss_size", e.field());
        assertEquals(2048, e.value());
    }

    // ------------------------------------------------------------------ rt_sigreturn table

    /** One edit of the frame made by the handler before it returns: OFFSET (fp+N: from fpstate), size, value. */
    record Edit(String offset, int size, long value) {}

    static Stream<Arguments> sigreturnEdits() {
        return Stream.of(
                Arguments.of("none", List.of()),
                Arguments.of("eflags all ones but TF and AC", List.of(new Edit("184", 8, ~0x40100L))),
                Arguments.of("eflags 0", List.of(new Edit("184", 8, 0))),
                Arguments.of("eflags with IOPL 3, NT, VM, ID", List.of(new Edit("184", 8, 0x267202L))),
                Arguments.of("cs 0", List.of(new Edit("192", 2, 0))),
                Arguments.of("cs 0x30 (RPL forced to 3)", List.of(new Edit("192", 2, 0x30))),
                Arguments.of("cs 0x2b (a data selector)", List.of(new Edit("192", 2, 0x2b))),
                Arguments.of("ss 0 with UC_STRICT_RESTORE_SS", List.of(new Edit("198", 2, 0))),
                Arguments.of("ss 0 without UC_STRICT_RESTORE_SS", List.of(new Edit("198", 2, 0), new Edit("8", 8, 3))),
                Arguments.of("ss 0x28 (RPL forced to 3)", List.of(new Edit("198", 2, 0x28))),
                Arguments.of("rip non-canonical", List.of(new Edit("176", 8, 0x0000_8000_0000_0000L))),
                Arguments.of("fpstate NULL", List.of(new Edit("232", 8, 0))),
                Arguments.of("fpstate + 8", List.of(new Edit("232", 8, -1))), // -1: the Java fpstate + 8
                Arguments.of("uc_sigmask with SIGKILL and SIGSTOP", List.of(new Edit("304", 8, 0x40100L | 0x2))),
                Arguments.of("XCOMP_BV bit 63", List.of(new Edit("fp+520", 8, 1L << 63))),
                Arguments.of("XSTATE_BV beyond XCR0", List.of(new Edit("fp+512", 8, 1L << 62 | 3))),
                Arguments.of("XSAVE header byte 16", List.of(new Edit("fp+528", 1, 1))),
                Arguments.of("XSAVE header byte 28", List.of(new Edit("fp+540", 1, 1))),
                Arguments.of("magic1 0 (legacy FXRSTOR path)", List.of(new Edit("fp+464", 4, 0))),
                Arguments.of(
                        "magic1 0 and mxcsr 0xffffffff",
                        List.of(new Edit("fp+464", 4, 0), new Edit("fp+24", 4, 0xffff_ffffL))),
                Arguments.of(
                        "rax, rcx, r11",
                        List.of(new Edit("152", 8, 0x1234), new Edit("160", 8, 0x5678), new Edit("72", 8, 0x9abc))),
                Arguments.of("uc_stack.ss_flags 0x12345", List.of(new Edit("32", 4, 0x12345))),
                Arguments.of("mxcsr 0xffffffff", List.of(new Edit("fp+24", 4, 0xffff_ffffL))),
                Arguments.of("uc_flags 0", List.of(new Edit("8", 8, 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sigreturnEdits")
    void javaRestoreResumesOrRefusesExactlyAsRtSigreturnDoes(final String name, final List<Edit> edits) {
        final LinuxProbe probe = LinuxProbe.of(Arch.X86_64);
        final Scenario s = new Scenario(name, "tgkill", 10, SA_SIGINFO, 0, 0x2, MAIN_SP, null);
        final X86_64XsaveFeatures features = features(probe);
        // Addresses do not depend on the run (pid and tid do): a first run places the edits.
        final Delivery placed = SignalFrames.deliver(
                request(s, probe.run(s.args(0xa5, LinuxProbe.MAIN_LO, LinuxProbe.MAIN_LO + 16)), features));
        final long fpstate = savedLong(placed, placed.frameAddress() + 232);
        final List<String> args = new ArrayList<>(s.args(0xa5, 0, 0));
        args.remove(args.size() - 1);
        args.add("return");
        final List<MemoryWrite> edited = new ArrayList<>();
        for (final Edit e : edits) {
            final long value = e.value() == -1 ? fpstate + 8 : e.value();
            args.addAll(List.of("edit", e.offset(), Integer.toString(e.size()), hex(value)));
            final long at = e.offset().startsWith("fp+")
                    ? fpstate + Long.parseLong(e.offset().substring(3))
                    : placed.frameAddress() + Long.parseLong(e.offset());
            final byte[] bytes = new byte[e.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (value >>> (8 * i));
            }
            edited.add(new MemoryWrite(at, bytes));
        }
        args.add("go");
        final LinuxProbe.Output out = probe.run(args);
        final Delivery d;
        if (out.has("in.rdi")) {
            d = SignalFrames.deliver(request(s, out, features));
        } else {
            d = placed;
        }
        final UserMemory memory = filled(LinuxProbe.MAIN_LO, 0xa5).apply(d);
        for (final MemoryWrite w : edited) {
            memory.write(w.address(), w.bytes());
        }
        final LinuxSignalContext context =
                LinuxSignalContext.builder().xsave(features).build();
        final UserMemory before = memory.copy();
        if (out.result().exitCode() == LinuxProbe.KILLED_BY_SIGSEGV) {
            final FrameRefusedException e = assertThrows(
                    FrameRefusedException.class,
                    () -> SignalFrames.restore(Arch.X86_64, Variant.LINUX, memory, d.frameAddress(), context));
            assertFalse(e.field().isEmpty());
            assertEquals(before, memory, "restore leaves memory untouched");
            return;
        }
        assertEquals(
                0, out.result().exitCode(), out.result().stdout() + out.result().stderr());
        final RestoredContext r = SignalFrames.restore(Arch.X86_64, Variant.LINUX, memory, d.frameAddress(), context);
        for (final String reg : RegisterNames.X86_64) {
            if (reg.equals("rip")) {
                assertEquals(Hex.of(out.get("next")), Hex.of(r.registers().get("rip")), "resumed rip");
            } else if (reg.equals("rflags")) {
                assertEquals(
                        Hex.of(out.get("after.rflags")),
                        Hex.of(r.registers().get("rflags") & ~RF),
                        "resumed rflags (RF lasts one instruction)");
            } else {
                assertEquals(
                        Hex.of(out.get("after." + reg)), Hex.of(r.registers().get(reg)), "resumed " + reg);
            }
        }
        assertEquals(Hex.of(out.get("after.mask")), Hex.of(r.mask()), "mask after sigreturn");
        assertEquals(before, memory, "restore leaves memory untouched");
    }

    // ------------------------------------------------------------------ helpers

    static X86_64XsaveFeatures features(final LinuxProbe probe) {
        final LinuxProbe.Output info = probe.run(List.of("info"));
        final long mxcsrMask = info.get("mxcsr_mask") == 0 ? 0xffbf : info.get("mxcsr_mask");
        if (info.get("osxsave") == 0) {
            return X86_64XsaveFeatures.fxsrOnly();
        }
        final long xcr0 = info.get("xcr0") & ~(1L << 18); // AMX TILEDATA is dynamic: not in a frame until permitted
        final List<X86_64XsaveFeatures.Component> components = new ArrayList<>();
        for (int bit = 2; bit < 63; bit++) {
            if ((xcr0 >>> bit & 1) != 0) {
                final long c = info.get(String.format("comp.%02d", bit));
                components.add(new X86_64XsaveFeatures.Component(bit, (int) (c >>> 32), (int) c));
            }
        }
        return new X86_64XsaveFeatures(true, xcr0, (int) info.get("size"), components, (int) mxcsrMask);
    }

    /** The request the probe's run corresponds to, with the kernel-defined changes of a system call. */
    static DeliveryRequest request(final Scenario s, final LinuxProbe.Output out, final X86_64XsaveFeatures fp) {
        RegisterFile regs = RegisterFile.zero(Arch.X86_64);
        for (final String name : RegisterNames.X86_64) {
            if (!name.equals("rip")) {
                regs = regs.with(name, out.get("in." + name));
            }
        }
        final long next = out.get("next");
        final boolean block = s.send().equals("block");
        regs = regs.with("rax", block ? -512 : 0)
                .with("rcx", next)
                .with("r11", out.get("in.rflags"))
                .with("rip", next)
                .with("rsp", s.sp());
        final int pid = (int) out.get("in.rdi");
        final int uid = (int) out.get("uid");
        final LinuxSigInfo info = s.sigInfo(pid, uid);
        // The probe's deliberate page fault at 0x1000: cr2, err 4 (user read, not present), trapno 14 (#PF).
        final LinuxSignalContext.Builder c = LinuxSignalContext.builder()
                .saFlags(s.flags())
                .saMask(s.samask())
                .sigInfo(info)
                .xsave(fp)
                .fault(0x1000, 4, 14);
        if (s.alt() != null) {
            c.altStack(s.alt());
        }
        if (block) {
            c.syscallOrigin(0); // read
        }
        return DeliveryRequest.builder(regs)
                .variant(Variant.LINUX)
                .signal(s.sig())
                .handler(out.get("handler"))
                .mask(s.mask())
                .restorer(out.get("restorer"))
                .linux(c.build())
                .build();
    }

    static UserMemory filled(final long lo, final int fill) {
        final byte[] bytes = new byte[(int) LinuxProbe.REGION];
        Arrays.fill(bytes, (byte) fill);
        return new UserMemory().write(lo, bytes);
    }

    private static long savedLong(final Delivery d, final long address) {
        return ByteOrder.le(UserMemory.of(d).read(address, 8));
    }

    /** The registers the frame saved, read back with literal offsets from FRAMES.md (r8 at 48 ... rip at 176). */
    private static RegisterFile savedRegisters(final Delivery d) {
        final String[] order = {
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rdi", "rsi", "rbp", "rbx", "rdx", "rax", "rcx",
            "rsp", "rip", "rflags"
        };
        RegisterFile regs = RegisterFile.zero(Arch.X86_64);
        for (int i = 0; i < order.length; i++) {
            regs = regs.with(order[i], savedLong(d, d.frameAddress() + 48 + 8L * i));
        }
        return regs;
    }

    /**
     * Compares the Java deliveries over two fills with the kernel's two dumps (each run has its own pid and tid):
     * every byte Java writes has the kernel's value and every byte it leaves has the fill, in both runs. FP
     * register contents are compared as written or not, without their values.
     */
    static void assertFrameMatches(
            final Delivery da,
            final Delivery db,
            final long lo,
            final byte[] dumpA,
            final byte[] dumpB,
            final int fillA,
            final int fillB) {
        final long fpstate = savedLong(da, da.frameAddress() + 232);
        final long fpSize = savedLong(da, fpstate + 480) & 0xFFFF_FFFFL;
        final boolean[] masked = new boolean[dumpA.length];
        maskRange(masked, lo, fpstate, 416);
        maskRange(masked, lo, fpstate + 512, 8);
        maskRange(masked, lo, fpstate + 576, fpSize - 576); // components; gaps between them must stay unwritten
        final UserMemory modelA = new UserMemory().apply(da);
        final UserMemory modelB = new UserMemory().apply(db);
        final List<String> diffs = new ArrayList<>();
        for (int i = 0; i < dumpA.length && diffs.size() < 20; i++) {
            final long addr = lo + i;
            final String where = "F" + (addr >= da.frameAddress() ? "+" : "-") + Math.abs(addr - da.frameAddress())
                    + " (fp+" + (addr - fpstate) + ")";
            final boolean realUnwritten = (dumpA[i] & 0xFF) == fillA && (dumpB[i] & 0xFF) == fillB;
            final boolean javaWritten = modelA.isMapped(addr);
            if (javaWritten != modelB.isMapped(addr)) {
                diffs.add(where + ": Java writes it in one run only");
            } else if (masked[i]) {
                if (javaWritten == realUnwritten) {
                    diffs.add(where + ": kernel " + (realUnwritten ? "did not write" : "wrote") + " an FP byte, Java "
                            + (javaWritten ? "wrote" : "did not"));
                }
            } else {
                final int expectedA = javaWritten ? modelA.read(addr, 1)[0] & 0xFF : fillA;
                final int expectedB = javaWritten ? modelB.read(addr, 1)[0] & 0xFF : fillB;
                if ((dumpA[i] & 0xFF) != expectedA || (dumpB[i] & 0xFF) != expectedB) {
                    diffs.add(where + ": kernel " + hexByte(dumpA[i]) + "/" + hexByte(dumpB[i]) + ", Java "
                            + (javaWritten ? "" : "left ") + String.format("%02x/%02x", expectedA, expectedB));
                }
            }
        }
        assertTrue(diffs.isEmpty(), "frame differs from the kernel's:\n" + String.join("\n", diffs));
    }

    private static void maskRange(final boolean[] masked, final long lo, final long from, final long length) {
        for (long a = from; a < from + length; a++) {
            if (a >= lo && a - lo < masked.length) {
                masked[(int) (a - lo)] = true;
            }
        }
    }

    private static String hexByte(final byte b) {
        return String.format("%02x", b & 0xFF);
    }

    private static String hex(final long v) {
        return "0x" + Long.toHexString(v);
    }
}
