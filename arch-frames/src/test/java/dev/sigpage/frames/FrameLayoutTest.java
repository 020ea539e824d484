package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden layouts: every offset is a literal worked out by hand from FRAMES.md's field order (8 bytes a field),
 * never recomputed from the descriptors under test.
 */
class FrameLayoutTest {
    static Stream<Arguments> x86_64() {
        return Stream.of(
                Arguments.of("return_address", X86_64FrameDescriptor.RETURN_ADDRESS_OFFSET, 0),
                Arguments.of("signum", X86_64FrameDescriptor.SIGNUM_OFFSET, 8),
                Arguments.of("saved_mask", X86_64FrameDescriptor.SAVED_MASK_OFFSET, 16),
                Arguments.of("rax", X86_64FrameDescriptor.RAX_OFFSET, 24),
                Arguments.of("rbx", X86_64FrameDescriptor.RBX_OFFSET, 32),
                Arguments.of("rcx", X86_64FrameDescriptor.RCX_OFFSET, 40),
                Arguments.of("rdx", X86_64FrameDescriptor.RDX_OFFSET, 48),
                Arguments.of("rsi", X86_64FrameDescriptor.RSI_OFFSET, 56),
                Arguments.of("rdi", X86_64FrameDescriptor.RDI_OFFSET, 64),
                Arguments.of("rbp", X86_64FrameDescriptor.RBP_OFFSET, 72),
                Arguments.of("rsp", X86_64FrameDescriptor.RSP_OFFSET, 80),
                Arguments.of("r8", X86_64FrameDescriptor.R8_OFFSET, 88),
                Arguments.of("r9", X86_64FrameDescriptor.R9_OFFSET, 96),
                Arguments.of("r10", X86_64FrameDescriptor.R10_OFFSET, 104),
                Arguments.of("r11", X86_64FrameDescriptor.R11_OFFSET, 112),
                Arguments.of("r12", X86_64FrameDescriptor.R12_OFFSET, 120),
                Arguments.of("r13", X86_64FrameDescriptor.R13_OFFSET, 128),
                Arguments.of("r14", X86_64FrameDescriptor.R14_OFFSET, 136),
                Arguments.of("r15", X86_64FrameDescriptor.R15_OFFSET, 144),
                Arguments.of("rip", X86_64FrameDescriptor.RIP_OFFSET, 152),
                Arguments.of("rflags", X86_64FrameDescriptor.RFLAGS_OFFSET, 160));
    }

    static Stream<Arguments> aarch64() {
        return Stream.of(
                Arguments.of("return_address", Aarch64FrameDescriptor.RETURN_ADDRESS_OFFSET, 0),
                Arguments.of("signum", Aarch64FrameDescriptor.SIGNUM_OFFSET, 8),
                Arguments.of("saved_mask", Aarch64FrameDescriptor.SAVED_MASK_OFFSET, 16),
                Arguments.of("x0", Aarch64FrameDescriptor.X0_OFFSET, 24),
                Arguments.of("x1", Aarch64FrameDescriptor.X1_OFFSET, 32),
                Arguments.of("x2", Aarch64FrameDescriptor.X2_OFFSET, 40),
                Arguments.of("x3", Aarch64FrameDescriptor.X3_OFFSET, 48),
                Arguments.of("x4", Aarch64FrameDescriptor.X4_OFFSET, 56),
                Arguments.of("x5", Aarch64FrameDescriptor.X5_OFFSET, 64),
                Arguments.of("x6", Aarch64FrameDescriptor.X6_OFFSET, 72),
                Arguments.of("x7", Aarch64FrameDescriptor.X7_OFFSET, 80),
                Arguments.of("x8", Aarch64FrameDescriptor.X8_OFFSET, 88),
                Arguments.of("x9", Aarch64FrameDescriptor.X9_OFFSET, 96),
                Arguments.of("x10", Aarch64FrameDescriptor.X10_OFFSET, 104),
                Arguments.of("x11", Aarch64FrameDescriptor.X11_OFFSET, 112),
                Arguments.of("x12", Aarch64FrameDescriptor.X12_OFFSET, 120),
                Arguments.of("x13", Aarch64FrameDescriptor.X13_OFFSET, 128),
                Arguments.of("x14", Aarch64FrameDescriptor.X14_OFFSET, 136),
                Arguments.of("x15", Aarch64FrameDescriptor.X15_OFFSET, 144),
                Arguments.of("x16", Aarch64FrameDescriptor.X16_OFFSET, 152),
                Arguments.of("x17", Aarch64FrameDescriptor.X17_OFFSET, 160),
                Arguments.of("x18", Aarch64FrameDescriptor.X18_OFFSET, 168),
                Arguments.of("x19", Aarch64FrameDescriptor.X19_OFFSET, 176),
                Arguments.of("x20", Aarch64FrameDescriptor.X20_OFFSET, 184),
                Arguments.of("x21", Aarch64FrameDescriptor.X21_OFFSET, 192),
                Arguments.of("x22", Aarch64FrameDescriptor.X22_OFFSET, 200),
                Arguments.of("x23", Aarch64FrameDescriptor.X23_OFFSET, 208),
                Arguments.of("x24", Aarch64FrameDescriptor.X24_OFFSET, 216),
                Arguments.of("x25", Aarch64FrameDescriptor.X25_OFFSET, 224),
                Arguments.of("x26", Aarch64FrameDescriptor.X26_OFFSET, 232),
                Arguments.of("x27", Aarch64FrameDescriptor.X27_OFFSET, 240),
                Arguments.of("x28", Aarch64FrameDescriptor.X28_OFFSET, 248),
                Arguments.of("x29", Aarch64FrameDescriptor.X29_OFFSET, 256),
                Arguments.of("x30", Aarch64FrameDescriptor.X30_OFFSET, 264),
                Arguments.of("sp", Aarch64FrameDescriptor.SP_OFFSET, 272),
                Arguments.of("pc", Aarch64FrameDescriptor.PC_OFFSET, 280),
                Arguments.of("pstate", Aarch64FrameDescriptor.PSTATE_OFFSET, 288));
    }

    static Stream<Arguments> riscv64() {
        return Stream.of(
                Arguments.of("return_address", Riscv64FrameDescriptor.RETURN_ADDRESS_OFFSET, 0),
                Arguments.of("signum", Riscv64FrameDescriptor.SIGNUM_OFFSET, 8),
                Arguments.of("saved_mask", Riscv64FrameDescriptor.SAVED_MASK_OFFSET, 16),
                Arguments.of("ra", Riscv64FrameDescriptor.RA_OFFSET, 24),
                Arguments.of("sp", Riscv64FrameDescriptor.SP_OFFSET, 32),
                Arguments.of("gp", Riscv64FrameDescriptor.GP_OFFSET, 40),
                Arguments.of("tp", Riscv64FrameDescriptor.TP_OFFSET, 48),
                Arguments.of("t0", Riscv64FrameDescriptor.T0_OFFSET, 56),
                Arguments.of("t1", Riscv64FrameDescriptor.T1_OFFSET, 64),
                Arguments.of("t2", Riscv64FrameDescriptor.T2_OFFSET, 72),
                Arguments.of("s0", Riscv64FrameDescriptor.S0_OFFSET, 80),
                Arguments.of("s1", Riscv64FrameDescriptor.S1_OFFSET, 88),
                Arguments.of("a0", Riscv64FrameDescriptor.A0_OFFSET, 96),
                Arguments.of("a1", Riscv64FrameDescriptor.A1_OFFSET, 104),
                Arguments.of("a2", Riscv64FrameDescriptor.A2_OFFSET, 112),
                Arguments.of("a3", Riscv64FrameDescriptor.A3_OFFSET, 120),
                Arguments.of("a4", Riscv64FrameDescriptor.A4_OFFSET, 128),
                Arguments.of("a5", Riscv64FrameDescriptor.A5_OFFSET, 136),
                Arguments.of("a6", Riscv64FrameDescriptor.A6_OFFSET, 144),
                Arguments.of("a7", Riscv64FrameDescriptor.A7_OFFSET, 152),
                Arguments.of("s2", Riscv64FrameDescriptor.S2_OFFSET, 160),
                Arguments.of("s3", Riscv64FrameDescriptor.S3_OFFSET, 168),
                Arguments.of("s4", Riscv64FrameDescriptor.S4_OFFSET, 176),
                Arguments.of("s5", Riscv64FrameDescriptor.S5_OFFSET, 184),
                Arguments.of("s6", Riscv64FrameDescriptor.S6_OFFSET, 192),
                Arguments.of("s7", Riscv64FrameDescriptor.S7_OFFSET, 200),
                Arguments.of("s8", Riscv64FrameDescriptor.S8_OFFSET, 208),
                Arguments.of("s9", Riscv64FrameDescriptor.S9_OFFSET, 216),
                Arguments.of("s10", Riscv64FrameDescriptor.S10_OFFSET, 224),
                Arguments.of("s11", Riscv64FrameDescriptor.S11_OFFSET, 232),
                Arguments.of("t3", Riscv64FrameDescriptor.T3_OFFSET, 240),
                Arguments.of("t4", Riscv64FrameDescriptor.T4_OFFSET, 248),
                Arguments.of("t5", Riscv64FrameDescriptor.T5_OFFSET, 256),
                Arguments.of("t6", Riscv64FrameDescriptor.T6_OFFSET, 264),
                Arguments.of("pc", Riscv64FrameDescriptor.PC_OFFSET, 272),
                Arguments.of("sstatus", Riscv64FrameDescriptor.SSTATUS_OFFSET, 280));
    }

    @ParameterizedTest(name = "x86_64 {0} at {2}")
    @MethodSource("x86_64")
    void x86_64FieldOffset(final String name, final int descriptorOffset, final int literal) {
        assertEquals(literal, descriptorOffset, name);
        assertEquals(literal, fieldOffset(Arch.X86_64, name), name);
    }

    @ParameterizedTest(name = "aarch64 {0} at {2}")
    @MethodSource("aarch64")
    void aarch64FieldOffset(final String name, final int descriptorOffset, final int literal) {
        assertEquals(literal, descriptorOffset, name);
        assertEquals(literal, fieldOffset(Arch.AARCH64, name), name);
    }

    @ParameterizedTest(name = "riscv64 {0} at {2}")
    @MethodSource("riscv64")
    void riscv64FieldOffset(final String name, final int descriptorOffset, final int literal) {
        assertEquals(literal, descriptorOffset, name);
        assertEquals(literal, fieldOffset(Arch.RISCV64, name), name);
    }

    @Test
    void frameLengthsAreThoseOfFramesMd() {
        assertEquals(168, X86_64FrameDescriptor.FRAME_LENGTH);
        assertEquals(296, Aarch64FrameDescriptor.FRAME_LENGTH);
        assertEquals(288, Riscv64FrameDescriptor.FRAME_LENGTH);
        assertEquals(
                List.of(168, 296, 288),
                List.of(Arch.X86_64.frameLength(), Arch.AARCH64.frameLength(), Arch.RISCV64.frameLength()));
    }

    @ParameterizedTest(name = "x86_64 {0} stored at {2}")
    @MethodSource("x86_64")
    void x86_64DeliveryStoresFieldAtItsOffset(final String name, final int ignored, final int literal) {
        checkStored(Arch.X86_64, name, literal);
    }

    @ParameterizedTest(name = "aarch64 {0} stored at {2}")
    @MethodSource("aarch64")
    void aarch64DeliveryStoresFieldAtItsOffset(final String name, final int ignored, final int literal) {
        checkStored(Arch.AARCH64, name, literal);
    }

    @ParameterizedTest(name = "riscv64 {0} stored at {2}")
    @MethodSource("riscv64")
    void riscv64DeliveryStoresFieldAtItsOffset(final String name, final int ignored, final int literal) {
        checkStored(Arch.RISCV64, name, literal);
    }

    private static int fieldOffset(final Arch arch, final String name) {
        return arch.frameFields().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow()
                .offset();
    }

    /** Distinct values in every register: the value read back at the literal offset names the field. */
    private static void checkStored(final Arch arch, final String name, final int literal) {
        final List<String> names = arch.registerNames();
        RegisterFile regs = RegisterFile.zero(arch);
        for (int i = 0; i < names.size(); i++) {
            regs = regs.with(names.get(i), 0x0101_0000_0000_0000L * (i + 1) + 0x1000L * i);
        }
        final long sp = 0x7fff_0000_8000L;
        regs = regs.with(arch.stackPointerName(), sp).with(arch.programCounterName(), 0x40_1000L);
        if (arch == Arch.X86_64) {
            regs = regs.with("rflags", 0x202);
        }
        final long handler = 0x40_2000L;
        final long mask = 0x1234_5678_9abc_def0L;
        final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(regs)
                .signal(12)
                .handler(handler)
                .mask(mask)
                .build());
        final UserMemory memory = UserMemory.of(d);
        final long stored = ByteOrder.le(memory.read(d.frameAddress() + literal, 8));
        final long expected;
        switch (name) {
            case "return_address":
                // The trampoline's address: the handler returns into it (x30/ra hold it too).
                expected = arch == Arch.X86_64 ? d.frameAddress() + 168 : d.frameAddress() + literalLength(arch);
                break;
            case "signum":
                expected = 12;
                break;
            case "saved_mask":
                expected = mask;
                break;
            default:
                expected = regs.get(name);
                break;
        }
        assertEquals(expected, stored, name);
    }

    private static int literalLength(final Arch arch) {
        return arch == Arch.AARCH64 ? 296 : 288;
    }
}
