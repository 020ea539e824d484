package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Deliver then restore at the pointer the trampoline passes, over many seeded random states. */
class RoundTripTest {
    private static final int ROUNDS = 400;

    static Stream<Arguments> archAndVariant() {
        return Stream.of(Arch.values())
                .flatMap(a -> Stream.of(Variant.FIXED, Variant.SEED).map(v -> Arguments.of(a, v)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("archAndVariant")
    void randomStatesComeBackExactly(final Arch arch, final Variant variant) {
        final Random random = new Random(0x5EED_0000L + 31 * arch.ordinal() + variant.ordinal());
        int straddles = 0;
        int shifted = 0;
        for (int i = 0; i < ROUNDS; i++) {
            // Random user stack pointers, any alignment, so frames land across page boundaries too.
            final long sp = 0x10_0000L + (random.nextLong() & 0x3fff_ffff_ffffL);
            final RegisterFile regs = RandomState.registers(arch, random, sp);
            final long mask = RandomState.mask(variant, random);
            final int signal = RandomState.signal(variant, random);
            final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(regs)
                    .variant(variant)
                    .signal(signal)
                    .handler(random.nextLong() & 0x7fff_ffff_ffffL)
                    .mask(mask)
                    .build());
            final UserMemory memory = UserMemory.of(d);
            final UserMemory before = memory.copy();
            if ((d.frameAddress() >>> 12) != ((d.frameAddress() + arch.frameLength() - 1) >>> 12)) {
                straddles++;
            }
            if (arch == Arch.X86_64 && variant == Variant.SEED) {
                // Defect 1: the seed trampoline passes frame + 8; the frame read there is shifted by one field.
                assertEquals(d.frameAddress() + 8, d.sigreturnArgument());
                try {
                    final RestoredContext r = SignalFrames.restore(arch, variant, memory, d.sigreturnArgument());
                    assertEquals(regs.get("rbx"), r.registers().get("rax"));
                    assertNotEquals(regs, r.registers());
                    shifted++;
                } catch (final FrameRefusedException e) {
                    // Unless the trampoline sits right after the frame, the shifted read runs into padding that
                    // delivery never wrote.
                    assertEquals("address", e.field(), e.getMessage());
                }
            } else if (arch == Arch.AARCH64 && variant == Variant.SEED) {
                // Defect 4: the seed trampoline passes 123, not the frame; read at the frame, the layout is exact.
                assertEquals(123, d.sigreturnArgument());
                final FrameRefusedException e = org.junit.jupiter.api.Assertions.assertThrows(
                        FrameRefusedException.class, () -> SignalFrames.restore(arch, variant, memory, 123));
                assertEquals(123, e.value());
                final RestoredContext r = SignalFrames.restore(arch, variant, memory, d.frameAddress());
                assertEquals(regs, r.registers());
                assertEquals(mask, r.mask());
            } else {
                final RestoredContext r = SignalFrames.restore(arch, variant, memory, d.sigreturnArgument());
                assertEquals(regs, r.registers());
                assertEquals(mask, r.mask());
                assertEquals(d.frameAddress(), d.sigreturnArgument());
            }
            assertEquals(before, memory, "restore never writes memory");
        }
        assertTrue(straddles > 0, "some frames straddled a page boundary");
        if (arch == Arch.X86_64 && variant == Variant.SEED) {
            assertTrue(shifted > 0, "some shifted frames were read whole (trampoline right after the frame)");
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void frameStraddlingAPageBoundaryRoundTrips(final Arch arch) {
        // The frame crosses 0x7ffe0000 in every arch with this sp.
        final long sp = 0x7ffe_00c0L;
        final RegisterFile regs = RandomState.registers(arch, new Random(7), sp);
        final Delivery d = SignalFrames.deliver(
                DeliveryRequest.builder(regs).signal(2).handler(0x1000).mask(5).build());
        assertTrue(d.frameAddress() < 0x7ffe_0000L && d.frameAddress() + arch.frameLength() > 0x7ffe_0000L);
        final RestoredContext r = SignalFrames.restore(arch, Variant.FIXED, UserMemory.of(d), d.frameAddress());
        assertEquals(regs, r.registers());
        assertEquals(5, r.mask());
    }

    @ParameterizedTest
    @EnumSource(
            value = Variant.class,
            names = {"FIXED", "SEED"})
    void restoredMaskDropsKillAndStopInTheVariantsConvention(final Variant variant) {
        final RegisterFile regs = RandomState.registers(Arch.RISCV64, new Random(3), 0x7ffe_0000L);
        final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(regs)
                .variant(variant)
                .signal(1)
                .handler(0x1000)
                .mask(-1L)
                .build());
        final RestoredContext r = SignalFrames.restore(Arch.RISCV64, variant, UserMemory.of(d), d.frameAddress());
        final long killStop = variant == Variant.FIXED ? 0x40100L : 0x80200L;
        assertEquals(~killStop, r.mask());
    }
}
