package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Forged frames: privileged flags, kernel-half program counters, truncated and unmapped memory. Refused in both
 * variants (defect 7 is never reproduced), naming the field and value, with nothing returned and memory
 * unchanged. Bit positions are FRAMES.md's and the architecture manuals'.
 */
class ForgedFrameTest {
    private static final long SP = 0x7ffe_8000L;

    private static Delivery valid(final Arch arch) {
        final RegisterFile regs = RandomState.registers(arch, new Random(11), SP);
        return SignalFrames.deliver(
                DeliveryRequest.builder(regs).signal(3).handler(0x1000).mask(6).build());
    }

    private static UserMemory forge(final Delivery d, final String field, final long value) {
        final UserMemory memory = UserMemory.of(d);
        final int offset = d.arch().frameFields().stream()
                .filter(f -> f.name().equals(field))
                .findFirst()
                .orElseThrow()
                .offset();
        final byte[] le = new byte[8];
        for (int i = 0; i < 8; i++) {
            le[i] = (byte) (value >>> (8 * i));
        }
        return memory.write(d.frameAddress() + offset, le);
    }

    private static void assertRefused(
            final Arch arch, final UserMemory memory, final long framePointer, final String field, final long value) {
        for (final Variant variant : List.of(Variant.FIXED, Variant.SEED)) { // the seed layout; linux has its own tests
            final UserMemory before = memory.copy();
            final FrameRefusedException e = assertThrows(
                    FrameRefusedException.class, () -> SignalFrames.restore(arch, variant, memory, framePointer));
            assertEquals(field, e.field(), e.getMessage());
            assertEquals(value, e.value(), e.getMessage());
            assertEquals(true, e.getMessage().endsWith(field + "=0x" + Long.toHexString(value)), e.getMessage());
            assertEquals(before, memory, "memory unchanged");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "X86_64, rflags, 0x1202",
        "X86_64, rflags, 0x2202",
        "X86_64, rflags, 0x3202",
        "X86_64, rflags, 0x20202",
        "X86_64, rip, 0x800000000000",
        "X86_64, rip, 0xffffffff81000000",
        "AARCH64, pstate, 0x4",
        "AARCH64, pstate, 0x5",
        "AARCH64, pstate, 0x10",
        "AARCH64, pstate, 0x40",
        "AARCH64, pstate, 0x80",
        "AARCH64, pstate, 0x100",
        "AARCH64, pstate, 0x200",
        "AARCH64, pc, 0x1000000000000",
        "AARCH64, pc, 0xffff000008080000",
        "RISCV64, sstatus, 0x2",
        "RISCV64, sstatus, 0x100",
        "RISCV64, sstatus, 0x40000",
        "RISCV64, sstatus, 0x80000",
        "RISCV64, pc, 0x800000000000",
        "RISCV64, pc, 0xffffffff80000000"
    })
    void privilegedOrKernelStateIsRefused(final Arch arch, final String field, final String hex) {
        final long value = Long.parseUnsignedLong(hex.substring(2), 16);
        final Delivery d = valid(arch);
        assertRefused(arch, forge(d, field, value), d.frameAddress(), field, value);
    }

    @ParameterizedTest
    @CsvSource({
        "X86_64, rip, 0x7fffffffffff", "AARCH64, pc, 0xffffffffffff", "RISCV64, pc, 0x7fffffffffff",
        "AARCH64, pstate, 0xf0000000", "AARCH64, pstate, 0x200000", "RISCV64, sstatus, 0x20",
        "RISCV64, sstatus, 0x8000000000006000"
    })
    void highestUserStateIsAcceptedAsStored(final Arch arch, final String field, final String hex) {
        final long value = Long.parseUnsignedLong(hex.substring(2), 16);
        final Delivery d = valid(arch);
        final RestoredContext r = SignalFrames.restore(arch, Variant.FIXED, forge(d, field, value), d.frameAddress());
        assertEquals(value, r.registers().get(field));
    }

    /**
     * A forged saved mask that blocks SIGKILL and SIGSTOP comes back without them (FRAMES.md: sigreturn never
     * restores them as blocked): bits 8 and 18 in the fixed convention, 9 and 19 in the seed's.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void aForgedSavedMaskNeverBlocksKillOrStop(final Arch arch) {
        final Delivery d = valid(arch);
        final UserMemory forged = forge(d, "saved_mask", -1L);
        final long frame = d.frameAddress();
        assertEquals(
                0xFFFF_FFFF_FFFB_FEFFL,
                SignalFrames.restore(arch, Variant.FIXED, forged, frame).mask());
        assertEquals(
                0xFFFF_FFFF_FFF7_FDFFL,
                SignalFrames.restore(arch, Variant.SEED, forged, frame).mask());
    }

    @ParameterizedTest
    @CsvSource({"0x0, 0x202", "0x4000, 0x202", "0xffffffffffc4cfff, 0x40fd7", "0x8d5, 0xad7"})
    void x86_64FlagsKeepOnlyUserBitsWithIfAndBit1(final String stored, final String restored) {
        final Delivery d = valid(Arch.X86_64);
        final long value = Long.parseUnsignedLong(stored.substring(2), 16);
        final RestoredContext r =
                SignalFrames.restore(Arch.X86_64, Variant.FIXED, forge(d, "rflags", value), d.frameAddress());
        assertEquals(
                Long.parseUnsignedLong(restored.substring(2), 16), r.registers().get("rflags"));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void truncatedFrameIsRefusedNamingTheFirstMissingByte(final Arch arch) {
        final Delivery d = valid(arch);
        final long f = d.frameAddress();
        final byte[] frame = UserMemory.of(d).read(f, arch.frameLength());
        final UserMemory missingLast = new UserMemory().write(f, java.util.Arrays.copyOf(frame, frame.length - 1));
        assertRefused(arch, missingLast, f, "address", f + arch.frameLength() - 1);
        final UserMemory missingFirst =
                new UserMemory().write(f + 1, java.util.Arrays.copyOfRange(frame, 1, frame.length));
        assertRefused(arch, missingFirst, f, "address", f);
        assertRefused(arch, new UserMemory(), f, "address", f);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void unmappedSecondPageIsRefusedNotReadAsTheSeedWould(final Arch arch) {
        // Defect 8: the seed reads the tail of a straddling frame from whatever physical page follows.
        final long f = 0x7ffd_ff80L;
        final byte[] frame = new byte[arch.frameLength()];
        final UserMemory firstPageOnly = new UserMemory().write(f, java.util.Arrays.copyOf(frame, 0x80));
        assertRefused(arch, firstPageOnly, f, "address", 0x7ffe_0000L);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void frameWrappingPastTheTopIsRefused(final Arch arch) {
        final long f = -16L;
        assertRefused(arch, new UserMemory().write(f, new byte[16]), f, "framePointer", f);
    }
}
