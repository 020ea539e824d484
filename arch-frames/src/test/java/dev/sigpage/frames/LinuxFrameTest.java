package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The linux variant without an oracle process: layouts, placement and restart literals taken from FRAMES.md's
 * Linux section (observed on a real kernel and qemu, or read in the kernel's source), and the refusals.
 */
class LinuxFrameTest {
    /** FRAMES.md's observed machine: AVX-512 without PKU, XCR0 0xe7, 2432-byte standard XSAVE area (AMD offsets). */
    private static final X86_64XsaveFeatures AVX512 = new X86_64XsaveFeatures(
            true,
            0xe7,
            2432,
            List.of(
                    new X86_64XsaveFeatures.Component(2, 576, 256), new X86_64XsaveFeatures.Component(5, 832, 64),
                    new X86_64XsaveFeatures.Component(6, 896, 512), new X86_64XsaveFeatures.Component(7, 1408, 1024)),
            0xffff);

    @Test
    void layoutsMatchTheReferenceOffsets() {
        assertEquals(8, LinuxX86_64FrameDescriptor.UC_FLAGS_OFFSET);
        assertEquals(32, LinuxX86_64FrameDescriptor.SS_FLAGS_OFFSET);
        assertEquals(40, LinuxX86_64FrameDescriptor.SS_SIZE_OFFSET);
        assertEquals(48, LinuxX86_64FrameDescriptor.SIGCONTEXT_OFFSET);
        assertEquals(112, LinuxX86_64FrameDescriptor.RDI_OFFSET);
        assertEquals(152, LinuxX86_64FrameDescriptor.RAX_OFFSET);
        assertEquals(168, LinuxX86_64FrameDescriptor.RSP_OFFSET);
        assertEquals(176, LinuxX86_64FrameDescriptor.RIP_OFFSET);
        assertEquals(184, LinuxX86_64FrameDescriptor.EFLAGS_OFFSET);
        assertEquals(192, LinuxX86_64FrameDescriptor.CS_OFFSET);
        assertEquals(198, LinuxX86_64FrameDescriptor.SS_OFFSET);
        assertEquals(200, LinuxX86_64FrameDescriptor.ERR_OFFSET);
        assertEquals(224, LinuxX86_64FrameDescriptor.CR2_OFFSET);
        assertEquals(232, LinuxX86_64FrameDescriptor.FPSTATE_OFFSET);
        assertEquals(304, LinuxX86_64FrameDescriptor.UC_SIGMASK_OFFSET);
        assertEquals(312, LinuxX86_64FrameDescriptor.INFO_OFFSET);
        assertEquals(440, LinuxX86_64FrameDescriptor.FRAME_LENGTH);
        assertEquals(128, LinuxAarch64FrameDescriptor.UC_FLAGS_OFFSET);
        assertEquals(168, LinuxAarch64FrameDescriptor.UC_SIGMASK_OFFSET);
        assertEquals(304, LinuxAarch64FrameDescriptor.FAULT_ADDRESS_OFFSET);
        assertEquals(312, LinuxAarch64FrameDescriptor.X0_OFFSET);
        assertEquals(560, LinuxAarch64FrameDescriptor.SP_OFFSET);
        assertEquals(568, LinuxAarch64FrameDescriptor.PC_OFFSET);
        assertEquals(576, LinuxAarch64FrameDescriptor.PSTATE_OFFSET);
        assertEquals(592, LinuxAarch64FrameDescriptor.RESERVED_OFFSET);
        assertEquals(4688, LinuxAarch64FrameDescriptor.FRAME_LENGTH);
        assertEquals(168, LinuxRiscv64FrameDescriptor.UC_SIGMASK_OFFSET);
        assertEquals(304, LinuxRiscv64FrameDescriptor.PC_OFFSET);
        assertEquals(560, LinuxRiscv64FrameDescriptor.FP_OFFSET);
        assertEquals(816, LinuxRiscv64FrameDescriptor.FCSR_OFFSET);
        assertEquals(1076, LinuxRiscv64FrameDescriptor.EXT_RESERVED_OFFSET);
        assertEquals(1080, LinuxRiscv64FrameDescriptor.EXT_HEADER_OFFSET);
        assertEquals(1088, LinuxRiscv64FrameDescriptor.FRAME_LENGTH);
    }

    private static Delivery x86(final long rsp, final LinuxSignalContext.Builder c) {
        return SignalFrames.deliver(
                DeliveryRequest.builder(X86_64Registers.zero().with("rsp", rsp).with("rflags", 0x200ed7L))
                        .variant(Variant.LINUX)
                        .signal(10)
                        .handler(0x401000)
                        .restorer(0x401100)
                        .linux(c.xsave(AVX512).build())
                        .build());
    }

    @Test
    void x86PlacementMatchesTheObservedKernel() {
        // rsp 0x20008000, 0x20007ff8, 0x20007fd8 all give F = 0x200073f8 (64-byte rounding of the FP area).
        for (final long rsp : new long[] {0x2000_8000L, 0x2000_7ff8L, 0x2000_7fd8L}) {
            assertEquals(0x2000_73f8L, x86(rsp, LinuxSignalContext.builder()).frameAddress());
        }
        // Altstack top T (64-aligned): F = T - 2952; nested at 0x1000f448: F = 0x1000e878 (red zone applied).
        final LinuxAltStack alt = new LinuxAltStack(0x1000_0000L, 0, 0x1_0000L);
        assertEquals(
                0x1001_0000L - 2952,
                x86(0x2000_8000L, LinuxSignalContext.builder().altStack(alt).saFlags(LinuxSignalContext.SA_ONSTACK))
                        .frameAddress());
        assertEquals(
                0x1000_e878L,
                x86(0x1000_f448L, LinuxSignalContext.builder().altStack(alt).saFlags(LinuxSignalContext.SA_ONSTACK))
                        .frameAddress());
    }

    @Test
    void x86EntryRegistersAndFlagsMatchTheObservedKernel() {
        final Delivery d = x86(0x2000_8000L, LinuxSignalContext.builder());
        final long f = d.frameAddress();
        assertEquals(8, f % 16);
        assertEquals(0x200ad7L, d.entry().get("rflags"), "0x200ed7 -> 0x200ad7: DF, RF and TF cleared");
        assertEquals(f + 312, d.entry().get("rsi"));
        assertEquals(f + 8, d.entry().get("rdx"));
        assertEquals(0L, d.entry().get("rax"));
        final UserMemory m = UserMemory.of(d);
        assertEquals(7, ByteOrder.le(m.read(f + 8, 8)), "uc_flags on an XSAVE machine in 64-bit mode");
        final long fpstate = ByteOrder.le(m.read(f + 232, 8));
        assertEquals(f + 456, fpstate);
        assertEquals(0, fpstate % 64);
        assertEquals(
                "53585046" + "84090000" + "e700000000000000" + "80090000",
                ByteOrder.hex(m.read(fpstate + 464, 20)),
                "sw_reserved {magic1, 2436, 0xe7, 2432}");
        assertEquals("45585046", ByteOrder.hex(m.read(fpstate + 2432, 4)), "magic2");
        assertFalse(m.isMapped(fpstate + 2436), "padding after magic2 is never written");
        assertFalse(m.isMapped(f + 36), "uc_stack padding");
        assertFalse(m.isMapped(f + 312), "siginfo without SA_SIGINFO");
        assertFalse(m.isMapped(f + 440), "the 16-byte gap");
    }

    @Test
    void aarch64AndRiscvPlacement() {
        final LinuxSignalContext c = LinuxSignalContext.builder()
                .saFlags(LinuxSignalContext.SA_SIGINFO)
                .build();
        final Delivery a = SignalFrames.deliver(
                DeliveryRequest.builder(Aarch64Registers.zero().with("sp", 0x2000_7ff0L))
                        .variant(Variant.LINUX)
                        .signal(10)
                        .handler(0x1000)
                        .restorer(0x2000)
                        .linux(c)
                        .build());
        assertEquals(0x2000_6d90L, a.frameAddress());
        assertEquals(0x2000_6d90L + 4688, a.entry().get("x29"));
        final Delivery r = SignalFrames.deliver(
                DeliveryRequest.builder(Riscv64Registers.zero().with("sp", 0x2000_7ff8L))
                        .variant(Variant.LINUX)
                        .signal(10)
                        .handler(0x1000)
                        .restorer(0x2000)
                        .linux(c)
                        .build());
        assertEquals((0x2000_7ff8L - 1088) & -16L, r.frameAddress());
        assertEquals(r.frameAddress() + 128, r.entry().get("a2"));
    }

    @Test
    void restartBookkeepingFollowsSaRestart() {
        final RegisterFile interrupted = X86_64Registers.zero()
                .with("rsp", 0x2000_8000L)
                .with("rip", 0x401002L)
                .with("rax", -512L);
        for (final boolean restart : new boolean[] {true, false}) {
            final LinuxSignalContext c = LinuxSignalContext.builder()
                    .syscallOrigin(0)
                    .saFlags(restart ? LinuxSignalContext.SA_RESTART : 0)
                    .build();
            final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(interrupted)
                    .variant(Variant.LINUX)
                    .signal(14)
                    .handler(0x1000)
                    .restorer(0x2000)
                    .linux(c)
                    .build());
            final UserMemory m = UserMemory.of(d);
            assertEquals(restart ? 0 : -4, ByteOrder.le(m.read(d.frameAddress() + 152, 8)), "rax");
            assertEquals(restart ? 0x401000 : 0x401002, ByteOrder.le(m.read(d.frameAddress() + 176, 8)), "rip");
        }
        final LinuxSignalContext nohand = LinuxSignalContext.builder()
                .syscallOrigin(3)
                .saFlags(LinuxSignalContext.SA_RESTART)
                .build();
        final Delivery a = SignalFrames.deliver(DeliveryRequest.builder(Aarch64Registers.zero()
                        .with("sp", 0x2000_8000L)
                        .with("pc", 0x401004L)
                        .with("x0", -514L))
                .variant(Variant.LINUX)
                .signal(14)
                .handler(0x1000)
                .restorer(0x2000)
                .linux(nohand)
                .build());
        assertEquals(-4, ByteOrder.le(UserMemory.of(a).read(a.frameAddress() + 312, 8)), "ERESTARTNOHAND: EINTR");
    }

    @Test
    void deliveryIntoUnmappedMemoryIsRefusedAndLeavesMemoryAsItWas() {
        final byte[] page = new byte[4096];
        Arrays.fill(page, (byte) 0x5a);
        final UserMemory memory = new UserMemory().write(0x2000_7000L, page); // only rsp's page
        final UserMemory before = memory.copy();
        final DeliveryRequest r = DeliveryRequest.builder(X86_64Registers.zero().with("rsp", 0x2000_7800L))
                .variant(Variant.LINUX)
                .signal(10)
                .handler(0x1000)
                .restorer(0x2000)
                .linux(LinuxSignalContext.builder().xsave(AVX512).build())
                .build();
        final FrameRefusedException e =
                assertThrows(FrameRefusedException.class, () -> SignalFrames.deliverInto(r, memory));
        assertEquals("address", e.field());
        // fpstate = round_down(0x20007780 - 2436, 64) = 0x20006dc0, F = fpstate - 456: on the page below.
        assertEquals(0x2000_6bf8L, e.value());
        assertEquals(before, memory);
    }

    @Test
    void aStackPointerThatWouldWrapIsRefusedNamingIt() {
        final DeliveryRequest r = DeliveryRequest.builder(X86_64Registers.zero().with("rsp", 0x100L))
                .variant(Variant.LINUX)
                .signal(10)
                .handler(0x1000)
                .restorer(0x2000)
                .build();
        final FrameRefusedException e = assertThrows(FrameRefusedException.class, () -> SignalFrames.deliver(r));
        assertEquals("rsp", e.field());
        assertEquals(0x100L, e.value());
        final DeliveryRequest a = DeliveryRequest.builder(
                        Aarch64Registers.zero().with("sp", 0x20L))
                .variant(Variant.LINUX)
                .signal(10)
                .handler(0x1000)
                .restorer(0x2000)
                .build();
        assertEquals(
                "sp",
                assertThrows(FrameRefusedException.class, () -> SignalFrames.deliver(a))
                        .field());
    }

    @Test
    void unknownFeatureSetsAndBadAltstacksAreRefusedNamingTheValue() {
        final IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> new X86_64XsaveFeatures(
                        true, 0x400007, 832, List.of(new X86_64XsaveFeatures.Component(2, 576, 256)), 0xffff));
        assertTrue(unknown.getMessage().endsWith("xfeatures=0x400007"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new X86_64XsaveFeatures(true, 0x7, 832, List.of(), 0xffff));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LinuxAltStack(0x1000, 4, 0x1000))
                .getMessage()
                .endsWith("flags=0x4"));
        assertThrows(
                IllegalArgumentException.class,
                () -> DeliveryRequest.builder(X86_64Registers.zero())
                        .signal(10)
                        .linux(LinuxSignalContext.defaults())
                        .build(),
                "a Linux context needs the linux variant");
    }

    @Test
    void aarch64RestoreSanitisesPstateAndRefusesWhatValidUserRegsRejects() {
        final LinuxSignalContext c = LinuxSignalContext.defaults();
        final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(Aarch64Registers.zero()
                        .with("sp", 0x2000_8000L)
                        .with("pc", 0x401000L)
                        .with("pstate", 0x6000_0000L | 1L << 22 | 1L << 32))
                .variant(Variant.LINUX)
                .signal(10)
                .handler(0x1000)
                .restorer(0x2000)
                .linux(c)
                .build());
        final UserMemory m = filled(d.frameAddress(), 4704).apply(d);
        final RestoredContext r = SignalFrames.restore(Arch.AARCH64, Variant.LINUX, m, d.frameAddress());
        assertEquals(0x6000_0000L, r.registers().get("pstate"), "PAN (bit 22) and bits 63:32 cleared silently");
        m.write(d.frameAddress() + 576, ByteOrder.hex("c003000000000000")); // DAIF set
        final UserMemory before = m.copy();
        final FrameRefusedException e = assertThrows(
                FrameRefusedException.class,
                () -> SignalFrames.restore(Arch.AARCH64, Variant.LINUX, m, d.frameAddress()));
        assertEquals("pstate", e.field());
        assertEquals(before, m);
        assertEquals(
                "sp",
                assertThrows(
                                FrameRefusedException.class,
                                () -> SignalFrames.restore(Arch.AARCH64, Variant.LINUX, m, d.frameAddress() + 8))
                        .field());
        m.write(d.frameAddress() + 576, new byte[8]);
        m.write(d.frameAddress() + 592 + 4, ByteOrder.hex("00020000")); // fpsimd size 512, not 528
        assertEquals(
                "size",
                assertThrows(
                                FrameRefusedException.class,
                                () -> SignalFrames.restore(Arch.AARCH64, Variant.LINUX, m, d.frameAddress()))
                        .field());
    }

    /**
     * LINUX-FRAMES.md: the AArch64 frame record at frame + 4688 is {fp = interrupted x29, lr = interrupted x30}; the
     * RISC-V uc_stack at frame + 144 is {ss_sp, ss_flags, pad, ss_size} of the thread's alternate stack.
     */
    @Test
    void aarch64FrameRecordAndRiscvUcStackHoldTheirFieldsInOrder() {
        final Delivery a = SignalFrames.deliver(DeliveryRequest.builder(Aarch64Registers.zero()
                        .with("sp", 0x2000_7ff0L)
                        .with("x29", 0x1111_2222L)
                        .with("x30", 0x3333_4444L))
                .variant(Variant.LINUX)
                .signal(10)
                .handler(0x1000)
                .restorer(0x2000)
                .build());
        final UserMemory am = UserMemory.of(a);
        assertEquals(0x1111_2222L, ByteOrder.le(am.read(a.frameAddress() + 4688, 8)), "frame record fp");
        assertEquals(0x3333_4444L, ByteOrder.le(am.read(a.frameAddress() + 4696, 8)), "frame record lr");

        final LinuxAltStack alt = new LinuxAltStack(0x1000_0000L, 0, 0x1_0000L);
        final Delivery r = SignalFrames.deliver(
                DeliveryRequest.builder(Riscv64Registers.zero().with("sp", 0x2000_7ff8L))
                        .variant(Variant.LINUX)
                        .signal(10)
                        .handler(0x1000)
                        .restorer(0x2000)
                        .linux(LinuxSignalContext.builder().altStack(alt).build())
                        .build());
        final UserMemory rm = UserMemory.of(r);
        assertEquals(0x1000_0000L, ByteOrder.le(rm.read(r.frameAddress() + 144, 8)), "uc_stack.ss_sp");
        assertEquals(0x1_0000L, ByteOrder.le(rm.read(r.frameAddress() + 160, 8)), "uc_stack.ss_size");
    }

    /** LINUX-FRAMES.md: RISC-V rt_sigreturn restores pc and x1..x31 from sc_regs as the frame saved them. */
    @Test
    void riscvSigreturnRestoresPcAndEveryIntegerRegister() {
        final Random random = new Random(0x51C0_0031L);
        for (int round = 0; round < 8; round++) {
            final RegisterFile regs = RandomState.registers(Arch.RISCV64, random, 0x2000_8000L);
            final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(regs)
                    .variant(Variant.LINUX)
                    .signal(10)
                    .handler(0x1000)
                    .restorer(0x2000)
                    .build());
            final UserMemory m = filled(d.frameAddress(), 1088).apply(d);
            final RegisterFile restored = SignalFrames.restore(Arch.RISCV64, Variant.LINUX, m, d.frameAddress())
                    .registers();
            assertEquals(regs.get("pc"), restored.get("pc"), "pc");
            for (int n = 1; n <= 31; n++) {
                assertEquals(regs.get("x" + n), restored.get("x" + n), "x" + n);
            }
        }
    }

    @Test
    void riscvRestoreRefusesANonZeroReservedWordAndABadEndHeader() {
        final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(Riscv64Registers.zero()
                        .with("sp", 0x2000_8000L)
                        .with("pc", 0x10400L)
                        .with("a2", 0x77L))
                .variant(Variant.LINUX)
                .signal(10)
                .handler(0x1000)
                .restorer(0x2000)
                .build());
        final UserMemory m = filled(d.frameAddress(), 1088).apply(d);
        final RestoredContext r = SignalFrames.restore(Arch.RISCV64, Variant.LINUX, m, d.frameAddress());
        assertEquals(0x77L, r.registers().get("a2"));
        assertEquals(0x10400L, r.registers().get("pc"));
        m.write(d.frameAddress() + 1076, ByteOrder.hex("01000000"));
        assertEquals(
                "reserved",
                assertThrows(
                                FrameRefusedException.class,
                                () -> SignalFrames.restore(Arch.RISCV64, Variant.LINUX, m, d.frameAddress()))
                        .field());
        m.write(d.frameAddress() + 1076, new byte[4]);
        m.write(d.frameAddress() + 1084, ByteOrder.hex("08000000"));
        assertEquals(
                "size",
                assertThrows(
                                FrameRefusedException.class,
                                () -> SignalFrames.restore(Arch.RISCV64, Variant.LINUX, m, d.frameAddress()))
                        .field());
    }

    @Test
    void aarch64SveHardwareAddsAHeaderOnlySveRecordThatRestoreChecks() {
        final LinuxSignalContext sve =
                LinuxSignalContext.builder().sveVectorLength(32).build();
        final Delivery d = SignalFrames.deliver(
                DeliveryRequest.builder(Aarch64Registers.zero().with("sp", 0x2000_8000L))
                        .variant(Variant.LINUX)
                        .signal(10)
                        .handler(0x1000)
                        .restorer(0x2000)
                        .linux(sve)
                        .build());
        final UserMemory m = filled(d.frameAddress(), 4704).apply(d);
        // fpsimd at 592 (528 bytes), then sve {0x53564501, 16, vl 32, flags 0}, then the terminator.
        assertEquals(
                "01455653" + "10000000" + "2000" + "0000" + "00000000",
                ByteOrder.hex(m.read(d.frameAddress() + 1120, 16)));
        assertEquals("0000000000000000", ByteOrder.hex(m.read(d.frameAddress() + 1136, 8)));
        SignalFrames.restore(Arch.AARCH64, Variant.LINUX, m, d.frameAddress(), sve);
        assertEquals(
                "magic",
                assertThrows(
                                FrameRefusedException.class,
                                () -> SignalFrames.restore(
                                        Arch.AARCH64,
                                        Variant.LINUX,
                                        m,
                                        d.frameAddress(),
                                        LinuxSignalContext.defaults()))
                        .field(),
                "no SVE hardware");
        assertEquals(
                "vl",
                assertThrows(
                                FrameRefusedException.class,
                                () -> SignalFrames.restore(
                                        Arch.AARCH64,
                                        Variant.LINUX,
                                        m,
                                        d.frameAddress(),
                                        LinuxSignalContext.builder()
                                                .sveVectorLength(64)
                                                .build()))
                        .field());
        assertThrows(
                IllegalArgumentException.class,
                () -> LinuxSignalContext.builder().sveVectorLength(24));
    }

    private static UserMemory filled(final long from, final int length) {
        final byte[] b = new byte[length];
        Arrays.fill(b, (byte) 0xa5);
        return new UserMemory().write(from, b);
    }
}
