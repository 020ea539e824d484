package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * rt_sigreturn on AArch64 and RISC-V 64: the probe's handler edits one frame field and returns through qemu's
 * trampoline; the Java restore of the same edit must resume with the same registers and mask, or refuse where
 * qemu kills the probe with SIGSEGV. qemu 7.2's known differences are encoded, not skipped: it does not validate
 * AArch64 pstate (the kernel's valid_user_regs sends SIGSEGV, Java refuses, qemu resumes), and it keeps SIGKILL
 * and SIGSTOP in the guest's mask. RISC-V's reserved word and END header are not in qemu 7.2's frame: those
 * checks rest on the kernel's source (LinuxFrameTest).
 */
class LinuxQemuSigreturnTest {
    private static final long SA_SIGINFO = 0x4;
    private static final long KILL_STOP = 0x40100L;
    private static final long MAIN_SP = LinuxProbe.MAIN_LO + 0xff00;

    /** An edit at F + offset; {@code qemuResumesWhereTheKernelKills} marks qemu difference 6. */
    record Edit(String name, int offset, int size, long value, boolean qemuResumesWhereTheKernelKills) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> edits() {
        final List<Arguments> all = new ArrayList<>();
        for (final Edit e : List.of(
                new Edit("none", -1, 0, 0, false),
                new Edit("x5", 312 + 40, 8, 0x1234, false),
                new Edit("x30", 312 + 240, 8, 0x5678, false),
                new Edit("pstate NZCV 1001", 576, 8, 0x9000_0000L, false),
                new Edit("pstate DAIF", 576, 8, 0x3c0, true),
                new Edit("pstate EL1h", 576, 8, 0x5, true),
                new Edit("uc_sigmask with SIGKILL, SIGSTOP, SIGINT", 168, 8, KILL_STOP | 0x2, false),
                new Edit("fpsimd size 512", 592 + 4, 4, 512, false),
                new Edit("fpsimd magic 0 (no fpsimd record)", 592, 4, 0, false),
                new Edit("unknown magic after fpsimd", 592 + 528, 4, 0x12345678, false))) {
            all.add(Arguments.of(Arch.AARCH64, e));
        }
        for (final Edit e : List.of(
                new Edit("none", -1, 0, 0, false),
                new Edit("a2", 304 + 8 * 12, 8, 0x1234, false),
                new Edit("s11", 304 + 8 * 27, 8, 0x5678, false),
                new Edit("uc_sigmask with SIGKILL, SIGSTOP, SIGINT", 168, 8, KILL_STOP | 0x2, false))) {
            all.add(Arguments.of(Arch.RISCV64, e));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("edits")
    void javaRestoreAgreesWithQemusSigreturn(final Arch arch, final Edit e) {
        final LinuxProbe probe = LinuxProbe.of(arch);
        final List<String> args = new ArrayList<>(List.of(
                "fill", "0xa5", "sig", "10", "flags", hex(SA_SIGINFO), "mask", "0x0", "sp", hex(MAIN_SP), "return"));
        if (e.offset() >= 0) {
            args.addAll(List.of("edit", Integer.toString(e.offset()), Integer.toString(e.size()), hex(e.value())));
        }
        args.add("go");
        final LinuxProbe.Output out = probe.run(args);
        final boolean a64 = arch == Arch.AARCH64;

        // Killed probes print nothing: a dump-mode run gives the register file (only pid and tid differ per run).
        final LinuxProbe.Output regs = out.has("in.x1") || out.has("in.a1")
                ? out
                : probe.run(List.of(
                        "fill",
                        "0xa5",
                        "sig",
                        "10",
                        "flags",
                        hex(SA_SIGINFO),
                        "sp",
                        hex(MAIN_SP),
                        "dump",
                        hex(MAIN_SP),
                        hex(MAIN_SP),
                        "go"));
        final Delivery d = SignalFrames.deliver(request(arch, regs));
        final byte[] fill = new byte[(int) LinuxProbe.REGION];
        Arrays.fill(fill, (byte) 0xa5);
        final UserMemory memory =
                new UserMemory().write(LinuxProbe.MAIN_LO, fill).apply(d);
        if (e.offset() >= 0) {
            final byte[] bytes = new byte[e.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (e.value() >>> (8 * i));
            }
            memory.write(d.frameAddress() + e.offset(), bytes);
        }
        if (out.result().exitCode() == LinuxProbe.KILLED_BY_SIGSEGV) {
            assertThrows(
                    FrameRefusedException.class,
                    () -> SignalFrames.restore(arch, Variant.LINUX, memory, d.frameAddress()));
            return;
        }
        assertEquals(
                0, out.result().exitCode(), out.result().stdout() + out.result().stderr());
        if (e.qemuResumesWhereTheKernelKills()) {
            assertThrows(
                    FrameRefusedException.class,
                    () -> SignalFrames.restore(arch, Variant.LINUX, memory, d.frameAddress()));
            return;
        }
        final RestoredContext r = SignalFrames.restore(arch, Variant.LINUX, memory, d.frameAddress());
        for (int n = a64 ? 0 : 1; n <= (a64 ? 30 : 31); n++) {
            final String name = a64 ? "x" + n : RegisterNames.RISCV64.get(n - 1);
            assertEquals(Hex.of(out.get("after." + name)), Hex.of(r.registers().get(name)), "resumed " + name);
        }
        assertEquals(Hex.of(out.get("next")), Hex.of(r.registers().get("pc")), "resumed pc");
        if (a64) {
            assertEquals(Hex.of(out.get("after.nzcv")), Hex.of(r.registers().get("pstate") & 0xF000_0000L), "NZCV");
        }
        final long edited = e.offset() == 168 ? e.value() : 0;
        assertEquals(
                Hex.of(r.mask() | edited & KILL_STOP),
                Hex.of(out.get("after.mask")),
                "mask (qemu keeps SIGKILL and SIGSTOP)");
    }

    private static DeliveryRequest request(final Arch arch, final LinuxProbe.Output out) {
        final boolean a64 = arch == Arch.AARCH64;
        RegisterFile regs = RegisterFile.zero(arch);
        for (int n = a64 ? 0 : 1; n <= (a64 ? 30 : 31); n++) {
            final String name = a64 ? "x" + n : RegisterNames.RISCV64.get(n - 1);
            regs = regs.with(name, out.get("in." + name));
        }
        regs = regs.with(a64 ? "x0" : "a0", 0).with("pc", out.get("next")).with("sp", MAIN_SP);
        if (a64) {
            regs = regs.with("pstate", out.get("in.nzcv"));
        }
        final LinuxSignalContext c = LinuxSignalContext.builder()
                .saFlags(SA_SIGINFO)
                .sigInfo(LinuxSigInfo.tkill((int) out.get("in." + (a64 ? "x0" : "a0")), (int) out.get("uid")))
                .build();
        return DeliveryRequest.builder(regs)
                .variant(Variant.LINUX)
                .signal(10)
                .handler(out.get("handler"))
                .restorer(0x1000)
                .linux(c)
                .build();
    }

    private static String hex(final long v) {
        return "0x" + Long.toHexString(v);
    }
}
