package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deliveries against values worked out by hand from FRAMES.md's formulas and the seed file's byte listings,
 * for sp = 0x7ffffffde000.
 */
class DeliveryTest {
    private static final long SP = 0x7ffffffde000L;
    private static final long HANDLER = 0x401000L;

    private static Delivery deliver(
            final Arch arch, final Variant variant, final int signal, final long mask, final long flags) {
        RegisterFile regs =
                RegisterFile.zero(arch).with(arch.stackPointerName(), SP).with(arch.programCounterName(), 0x401234L);
        if (arch == Arch.X86_64) {
            regs = regs.with("rflags", flags);
        }
        return SignalFrames.deliver(DeliveryRequest.builder(regs)
                .variant(variant)
                .signal(signal)
                .handler(HANDLER)
                .mask(mask)
                .build());
    }

    private static Map<String, Long> entry(final Object... kv) {
        final Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        }
        return m;
    }

    @Test
    void seedX86_64MatchesTheSeedAlgorithm() {
        // t = (0x7ffffffde000 - 15) & ~1 = 0x7ffffffddff0; f = (t - 168) & ~15 = 0x7ffffffddf40.
        final Delivery d = deliver(Arch.X86_64, Variant.SEED, 10, 0x202L, 0x10746L);
        assertEquals(0x7ffffffddf40L, d.frameAddress());
        assertEquals(2, d.writes().size());
        assertEquals(0x7ffffffddf40L, d.writes().get(0).address());
        assertEquals(168, d.writes().get(0).length());
        assertEquals(0x7ffffffddff0L, d.writes().get(1).address());
        assertEquals("488d3c2448c7c07b0000000f050f0b", d.writes().get(1).hex());
        // DF cleared, IF set, everything else (TF, RF) kept: the seed's (rflags & ~0x400) | 0x200.
        assertEquals(entry("rip", HANDLER, "rsp", 0x7ffffffddf40L, "rdi", 10, "rflags", 0x10346L), d.entry());
        assertEquals(List.copyOf(d.entry().keySet()), List.of("rip", "rsp", "rdi", "rflags"));
        // (0x202 | 1 << 10) & ~(1 << 9 | 1 << 19): the seed's bit-signum convention.
        assertEquals(0x402L, d.handlerMask());
        assertEquals(0x7ffffffddf48L, d.sigreturnArgument(), "defect 1");
        assertEquals(0, d.frameAddress() % 16, "defect 2");
        assertTrue(d.writes().get(1).address() >= SP - 128, "defect 3: the trampoline is in the red zone");
    }

    @Test
    void seedAarch64MatchesTheSeedAlgorithm() {
        // f = (sp - 312) & ~15 = 0x7ffffffddec0; t = f + 296 = 0x7ffffffddfe8.
        final Delivery d = deliver(Arch.AARCH64, Variant.SEED, 10, 0x202L, 0);
        assertEquals(0x7ffffffddec0L, d.frameAddress());
        assertEquals(1, d.writes().size());
        final String hex = d.writes().get(0).hex();
        assertEquals(312 * 2, hex.length());
        // add x0,sp,#0; mov w0,#123 (0x52800f60, defect 4); svc #0; brk #0.
        assertEquals("e0030091" + "600f8052" + "010000d4" + "000020d4", hex.substring(296 * 2));
        assertEquals(
                entry("pc", HANDLER, "sp", 0x7ffffffddec0L, "x0", 10, "x1", 0x7ffffffddec0L, "x30", 0x7ffffffddfe8L),
                d.entry());
        assertEquals(0x202L, d.handlerMask(), "defect 5: mask unchanged");
        assertEquals(123, d.sigreturnArgument(), "defect 4");
    }

    @Test
    void seedRiscv64MatchesTheSeedAlgorithm() {
        // f = (sp - 304) & ~15 = 0x7ffffffdded0; t = f + 288 = 0x7ffffffddff0.
        final Delivery d = deliver(Arch.RISCV64, Variant.SEED, 31, 0x202L, 0);
        assertEquals(0x7ffffffdded0L, d.frameAddress());
        final String hex = d.writes().get(0).hex();
        assertEquals("13050100" + "9308b007" + "73000000" + "73001000", hex.substring(288 * 2));
        assertEquals(
                entry("pc", HANDLER, "sp", 0x7ffffffdded0L, "a0", 31, "a1", 0x7ffffffdded0L, "ra", 0x7ffffffddff0L),
                d.entry());
        assertEquals(0x202L, d.handlerMask(), "defect 5: mask unchanged");
    }

    @Test
    void fixedX86_64SkipsRedZoneAlignsLikeACallAndBlocksTheSignal() {
        final Delivery d = deliver(Arch.X86_64, Variant.FIXED, 12, 0x102L, 0x10746L);
        final long f = d.frameAddress();
        assertEquals(8, f % 16, "rsp % 16 == 8 at entry");
        for (final MemoryWrite w : d.writes()) {
            assertTrue(w.address() + w.length() <= SP - 128, "nothing written in the red zone: " + w);
        }
        assertEquals(1, d.writes().size(), "frame and trampoline are one run");
        final String hex = d.writes().get(0).hex();
        assertEquals("488d7c24f8" + "48c7c07b000000" + "0f05" + "0f0b", hex.substring(168 * 2));
        assertEquals(f + 168, ByteOrder.le(ByteOrder.hex(hex.substring(0, 16))), "returns into the trampoline");
        // DF, TF, RF cleared, IF set.
        assertEquals(entry("rip", HANDLER, "rsp", f, "rdi", 12, "rflags", 0x246L), d.entry());
        // Mask bit signum - 1: 0x102 | bit 11 = 0x902, SIGKILL (bit 8) dropped: 0x802.
        assertEquals(0x802L, d.handlerMask());
        assertEquals(f, d.sigreturnArgument());
    }

    @ParameterizedTest
    @CsvSource({"AARCH64, 680f8052", "RISCV64, 9308b007"})
    void fixedTrailingTrampolineSetsTheNumberRegisterAndBlocksTheSignal(final Arch arch, final String second) {
        final Delivery d = deliver(arch, Variant.FIXED, 64, 0x40102L, 0);
        final String hex = d.writes().get(0).hex();
        assertEquals(second, hex.substring(arch.frameLength() * 2 + 8, arch.frameLength() * 2 + 16));
        // bit 63 for signal 64; SIGSTOP (bit 18) and SIGKILL (bit 8) dropped.
        assertEquals(0x8000_0000_0000_0002L, d.handlerMask());
        assertEquals(0, d.frameAddress() % 16);
    }

    @Test
    void restorerReplacesTheTrampoline() {
        final RegisterFile regs = RegisterFile.zero(Arch.AARCH64).with("sp", SP);
        final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(regs)
                .signal(1)
                .handler(HANDLER)
                .restorer(0x400500L)
                .sigreturnNr(1_000_000)
                .build());
        assertEquals(List.of(296), d.writes().stream().map(MemoryWrite::length).toList());
        assertEquals(0x400500L, d.entry().get("x30"));
        assertEquals(0x400500L, ByteOrder.le(UserMemory.of(d).read(d.frameAddress(), 8)));
    }

    @ParameterizedTest
    @CsvSource({
        "FIXED, 0, signal=0",
        "FIXED, 65, signal=65",
        "FIXED, 9, signal=9",
        "FIXED, 19, signal=19",
        "SEED, 0, signal=0",
        "SEED, 32, signal=32"
    })
    void badSignalsAreRefusedNamingTheValue(final Variant variant, final int signal, final String named) {
        final DeliveryRequest.Builder b = DeliveryRequest.builder(
                        RegisterFile.zero(Arch.X86_64).with("rsp", SP))
                .variant(variant)
                .signal(signal)
                .handler(HANDLER);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().endsWith(named), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"9", "19"})
    void seedDeliversKillAndStopAsTheSeedDoes(final int signal) {
        final Delivery d = deliver(Arch.X86_64, Variant.SEED, signal, 0, 0x202);
        assertEquals(signal, d.entry().get("rdi"));
        assertEquals(0, d.handlerMask(), "bits 9 and 19 never set");
    }

    @ParameterizedTest
    @CsvSource({"X86_64, 2147483648", "AARCH64, 65536", "RISCV64, 2048", "RISCV64, -1"})
    void sigreturnNumbersThatDoNotFitAreRefused(final Arch arch, final long nr) {
        final DeliveryRequest.Builder b = DeliveryRequest.builder(
                        RegisterFile.zero(arch).with(arch.stackPointerName(), SP))
                .signal(1)
                .handler(HANDLER)
                .sigreturnNr(nr);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().endsWith("sigreturnNr=" + Long.toUnsignedString(nr)), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"X86_64, 2147483647", "AARCH64, 65535", "RISCV64, 2047"})
    void largestEncodableSigreturnNumbersAreAccepted(final Arch arch, final long nr) {
        final Delivery d = SignalFrames.deliver(
                DeliveryRequest.builder(RegisterFile.zero(arch).with(arch.stackPointerName(), SP))
                        .signal(1)
                        .handler(HANDLER)
                        .sigreturnNr(nr)
                        .build());
        assertEquals(1, d.writes().size());
    }

    @Test
    void seedHasNoSigreturnNumberOrRestorerOption() {
        final RegisterFile regs = RegisterFile.zero(Arch.RISCV64).with("sp", SP);
        assertThrows(
                IllegalArgumentException.class,
                () -> DeliveryRequest.builder(regs)
                        .variant(Variant.SEED)
                        .signal(1)
                        .handler(HANDLER)
                        .sigreturnNr(123)
                        .build());
        assertThrows(
                IllegalArgumentException.class,
                () -> DeliveryRequest.builder(regs)
                        .variant(Variant.SEED)
                        .signal(1)
                        .handler(HANDLER)
                        .restorer(0x1000)
                        .build());
    }

    @Test
    void stackTooLowForTheFrameIsRefused() {
        final DeliveryRequest r = DeliveryRequest.builder(
                        RegisterFile.zero(Arch.AARCH64).with("sp", 0x100))
                .signal(1)
                .handler(HANDLER)
                .build();
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignalFrames.deliver(r));
        assertTrue(e.getMessage().endsWith("sp=0x100"), e.getMessage());
    }

    @Test
    void seedReportsDefect8ForStoresThatCrossAPage() {
        // sp = 0x7ffffffde0c0: f = (sp - 312) & ~15 = 0x7ffffffddf80, so the frame runs 0x80 bytes into the next
        // page, and the trampoline lies wholly in it (stored by its own call, so not misdirected).
        final RegisterFile regs = RegisterFile.zero(Arch.AARCH64).with("sp", 0x7ffffffde0c0L);
        final Delivery seed = SignalFrames.deliver(DeliveryRequest.builder(regs)
                .variant(Variant.SEED)
                .signal(1)
                .handler(HANDLER)
                .build());
        assertEquals(0x7ffffffddf80L, seed.frameAddress());
        assertEquals(1, seed.misdirectedWrites().size());
        assertEquals(0x7ffffffde000L, seed.misdirectedWrites().get(0).address());
        assertEquals(296 - 0x80, seed.misdirectedWrites().get(0).length());
        final Delivery fixed = SignalFrames.deliver(
                DeliveryRequest.builder(regs).signal(1).handler(HANDLER).build());
        assertEquals(List.of(), fixed.misdirectedWrites());
    }
}
