package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Linux frames built by Java, executed: the probe stores the delivery's bytes over a filled stack, enters its
 * handler with the delivery's entry registers, and the handler returns through the frame, so the real kernel
 * (x86-64) or qemu-user (AArch64, RISC-V) runs rt_sigreturn on the Java frame. The code the frame resumes
 * reports every register and the mask: they must be the interrupted state the frame saved.
 */
class LinuxExecutionTest {
    private static final long MAIN_SP = LinuxProbe.MAIN_LO + 0xff00;
    private static final long MASK = 0x2;

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theKernelOrQemuResumesTheInterruptedStateFromAJavaFrame(final Arch arch) {
        final LinuxProbe probe = LinuxProbe.of(arch);
        final LinuxProbe.Output addresses =
                probe.run(List.of("fill", "0xa5", "sp", hex(MAIN_SP), "dump", hex(MAIN_SP), hex(MAIN_SP), "go"));
        final Map<String, Long> interrupted = new LinkedHashMap<>();
        final List<String> names = probeNames(arch);
        for (int i = 0; i < names.size(); i++) {
            interrupted.put(names.get(i), 0x0123_4567_89ab_0000L + 0x1111L * (i + 1));
        }
        interrupted.put(arch.stackPointerName(), MAIN_SP);
        RegisterFile regs = RegisterFile.zero(arch);
        for (final Map.Entry<String, Long> e : interrupted.entrySet()) {
            if (arch.isRegister(e.getKey())) {
                regs = regs.with(e.getKey(), e.getValue());
            }
        }
        regs = regs.with(arch.programCounterName(), addresses.get("next"));
        if (arch == Arch.X86_64) {
            regs = regs.with("rflags", 0x2c7); // IF, bit 1, SF, ZF, PF, CF: user flags sigreturn keeps
        } else if (arch == Arch.AARCH64) {
            regs = regs.with("pstate", 0x6000_0000L);
        }
        final LinuxSignalContext.Builder c = LinuxSignalContext.builder().saFlags(LinuxSignalContext.SA_SIGINFO);
        if (arch == Arch.X86_64) {
            c.xsave(LinuxX86_64KernelTest.features(probe));
        }
        final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(regs)
                .variant(Variant.LINUX)
                .signal(10)
                .handler(addresses.get("handler"))
                .restorer(addresses.get("restorer"))
                .mask(MASK)
                .linux(c.build())
                .build());

        final List<String> args = new ArrayList<>(List.of("fill", "0xa5"));
        for (final MemoryWrite w : d.writes()) {
            args.addAll(List.of("write", hex(w.address()), w.hex()));
        }
        for (final String name : names) {
            final long value;
            if (name.equals("nzcv")) {
                value = d.entry().get("pstate") & 0xF000_0000L;
            } else if (d.entry().containsKey(name)) {
                value = d.entry().get(name);
            } else {
                value = regs.get(name);
            }
            args.addAll(List.of("set", name, hex(value)));
        }
        args.addAll(List.of("jump", hex(d.entry().get(arch.programCounterName())), "go"));
        final LinuxProbe.Output out = probe.run(args);
        assertEquals(
                0, out.result().exitCode(), out.result().stdout() + out.result().stderr());

        for (final String name : names) {
            final long expected = name.equals("nzcv") ? regs.get("pstate") : regs.get(name);
            assertEquals(Hex.of(expected), Hex.of(out.get("after." + name)), "resumed " + name);
        }
        assertEquals(Hex.of(MASK), Hex.of(out.get("after.mask")), "mask restored from the frame");
        final byte[] fill = new byte[(int) LinuxProbe.REGION];
        Arrays.fill(fill, (byte) 0xa5);
        final RestoredContext javaRestore = SignalFrames.restore(
                arch,
                Variant.LINUX,
                new UserMemory().write(LinuxProbe.MAIN_LO, fill).apply(d),
                d.frameAddress(),
                c.build());
        assertEquals(regs, javaRestore.registers(), "Java restore of the same frame");
    }

    private static List<String> probeNames(final Arch arch) {
        switch (arch) {
            case X86_64:
                return List.of(
                        "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13",
                        "r14", "r15", "rflags");
            case AARCH64: {
                final List<String> n = new ArrayList<>();
                for (int i = 0; i <= 30; i++) {
                    n.add("x" + i);
                }
                n.add("sp");
                n.add("nzcv");
                return n;
            }
            case RISCV64:
                return RegisterNames.RISCV64.subList(0, 31);
            default:
                throw new AssertionError(arch);
        }
    }

    private static String hex(final long v) {
        return "0x" + Long.toHexString(v);
    }
}
