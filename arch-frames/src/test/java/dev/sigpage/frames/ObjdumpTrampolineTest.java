package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every trampoline instruction, as delivery writes it to the stack, disassembled by GNU objdump (the
 * independent oracle) and compared with the instructions FRAMES.md gives. Aliases are turned off
 * ({@code -M no-aliases}) so {@code add x0,sp,#0} is not shown as {@code mov x0,sp}; x86-64 uses Intel syntax.
 */
class ObjdumpTrampolineTest {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(.*)$");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        Arch.X86_64,
                        Variant.FIXED,
                        123L,
                        List.of("lea rdi,[rsp-0x8]", "mov rax,0x7b", "syscall", "ud2"),
                        List.of(0, 5, 12, 14)),
                Arguments.of(
                        Arch.X86_64,
                        Variant.FIXED,
                        0x7fffffffL,
                        List.of("lea rdi,[rsp-0x8]", "mov rax,0x7fffffff", "syscall", "ud2"),
                        List.of(0, 5, 12, 14)),
                Arguments.of(
                        Arch.X86_64,
                        Variant.SEED,
                        123L,
                        List.of("lea rdi,[rsp]", "mov rax,0x7b", "syscall", "ud2"),
                        List.of(0, 4, 11, 13)),
                Arguments.of(
                        Arch.AARCH64,
                        Variant.FIXED,
                        123L,
                        List.of("add x0,sp,#0x0", "movz w8,#0x7b", "svc #0x0", "brk #0x0"),
                        List.of(0, 4, 8, 12)),
                Arguments.of(
                        Arch.AARCH64,
                        Variant.FIXED,
                        65535L,
                        List.of("add x0,sp,#0x0", "movz w8,#0xffff", "svc #0x0", "brk #0x0"),
                        List.of(0, 4, 8, 12)),
                // Defect 4: the seed's immediate lands in w0.
                Arguments.of(
                        Arch.AARCH64,
                        Variant.SEED,
                        123L,
                        List.of("add x0,sp,#0x0", "movz w0,#0x7b", "svc #0x0", "brk #0x0"),
                        List.of(0, 4, 8, 12)),
                Arguments.of(
                        Arch.RISCV64,
                        Variant.FIXED,
                        123L,
                        List.of("addi a0,sp,0", "addi a7,zero,123", "ecall", "ebreak"),
                        List.of(0, 4, 8, 12)),
                Arguments.of(
                        Arch.RISCV64,
                        Variant.FIXED,
                        2047L,
                        List.of("addi a0,sp,0", "addi a7,zero,2047", "ecall", "ebreak"),
                        List.of(0, 4, 8, 12)),
                Arguments.of(
                        Arch.RISCV64,
                        Variant.SEED,
                        123L,
                        List.of("addi a0,sp,0", "addi a7,zero,123", "ecall", "ebreak"),
                        List.of(0, 4, 8, 12)));
    }

    @ParameterizedTest(name = "{0} {1} sigreturn {2}")
    @MethodSource("cases")
    void deliveredTrampolineDisassemblesToFramesMdInstructions(
            final Arch arch,
            final Variant variant,
            final long nr,
            final List<String> expected,
            final List<Integer> offsets)
            throws IOException {
        final List<String> command = objdump(arch);
        final RegisterFile regs = RegisterFile.zero(arch)
                .with(arch.stackPointerName(), 0x7fff_f000_0000L)
                .with(arch.programCounterName(), 0x40_1000L);
        final DeliveryRequest.Builder b =
                DeliveryRequest.builder(regs).variant(variant).signal(10).handler(0x40_2000L);
        if (variant == Variant.FIXED) {
            b.sigreturnNr(nr);
        }
        final Delivery d = SignalFrames.deliver(b.build());
        // The trampoline is where the handler returns to: the frame's first field.
        final UserMemory memory = UserMemory.of(d);
        final long trampoline = ByteOrder.le(memory.read(d.frameAddress(), 8));
        final int length = arch == Arch.X86_64 && variant == Variant.SEED ? 15 : 16;
        final byte[] code = memory.read(trampoline, length);
        assertEquals(ByteOrder.hex(code), ByteOrder.hex(Trampolines.encode(arch, variant, nr)));

        final Path file =
                Tools.scratch("objdump").resolve(arch.cliName() + "-" + variant.cliName() + "-" + nr + ".bin");
        Files.write(file, code);
        final List<String> full = new ArrayList<>(command);
        full.add(file.toString());
        final Tools.Result r = Tools.run(full);
        assertEquals(0, r.exitCode(), r.stderr());
        final List<String> instructions = new ArrayList<>();
        final List<Integer> at = new ArrayList<>();
        for (final String line : r.stdout().split("\n")) {
            final Matcher m = LINE.matcher(line);
            if (m.matches()) {
                at.add(Integer.parseInt(m.group(1), 16));
                instructions.add(normalize(m.group(3)));
            }
        }
        assertEquals(expected, instructions, r.stdout());
        assertEquals(offsets, at, r.stdout());
    }

    static Stream<Arguments> linuxRestorers() {
        return Stream.of(
                Arguments.of(Arch.X86_64, "48c7c00f0000000f05", List.of("mov rax,0xf", "syscall")),
                Arguments.of(Arch.AARCH64, "681180d2" + "010000d4", List.of("movz x8,#0x8b", "svc #0x0")),
                Arguments.of(Arch.RISCV64, "9308b008" + "73000000", List.of("addi a7,zero,139", "ecall")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linuxRestorers")
    void linuxRestorerIsTheKernelsAndDisassemblesToRtSigreturn(
            final Arch arch, final String hex, final List<String> expected) throws IOException {
        // Words from FRAMES.md's Linux facts: 0xd2801168 0xd4000001 (AArch64), 0x08b00893 0x00000073 (RISC-V).
        final byte[] code = LinuxRestorer.code(arch);
        assertEquals(hex, ByteOrder.hex(code));
        final Path file = Tools.scratch("objdump").resolve(arch.cliName() + "-linux-restorer.bin");
        Files.write(file, code);
        final List<String> full = new ArrayList<>(objdump(arch));
        full.add(file.toString());
        final Tools.Result r = Tools.run(full);
        assertEquals(0, r.exitCode(), r.stderr());
        final List<String> instructions = new ArrayList<>();
        for (final String line : r.stdout().split("\n")) {
            final Matcher m = LINE.matcher(line);
            if (m.matches()) {
                instructions.add(normalize(m.group(3)));
            }
        }
        assertEquals(expected, instructions, r.stdout());
    }

    private static List<String> objdump(final Arch arch) {
        switch (arch) {
            case X86_64:
                return List.of(
                        Tools.require("objdump", "binutils").toString(),
                        "-D",
                        "-b",
                        "binary",
                        "-m",
                        "i386:x86-64",
                        "-M",
                        "intel");
            case AARCH64:
                return List.of(
                        Tools.require("aarch64-linux-gnu-objdump", "binutils-aarch64-linux-gnu")
                                .toString(),
                        "-D",
                        "-b",
                        "binary",
                        "-m",
                        "aarch64",
                        "-M",
                        "no-aliases");
            default:
                return List.of(
                        Tools.require("riscv64-linux-gnu-objdump", "binutils-riscv64-linux-gnu")
                                .toString(),
                        "-D",
                        "-b",
                        "binary",
                        "-m",
                        "riscv:rv64",
                        "-M",
                        "no-aliases");
        }
    }

    /** Drops comments, joins mnemonic and operands with one space and removes spaces after commas. */
    static String normalize(final String text) {
        String s = text;
        final int comment = s.indexOf("//");
        if (comment >= 0) {
            s = s.substring(0, comment);
        }
        s = s.trim().replaceAll("\\s+", " ").replace(", ", ",");
        return s;
    }
}
