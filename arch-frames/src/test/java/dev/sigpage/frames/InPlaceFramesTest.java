package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The in-place push and pop against their oracle, {@link SignalFrames#deliver} and {@link SignalFrames#restore}
 * (fixed variant), themselves checked against the real kernel and qemu-user: the same bytes at the same addresses
 * and nothing else, the same entry and restored registers and mask, the same refusals with memory and registers
 * left as they were.
 */
class InPlaceFramesTest {
    private static final int ROUNDS = 300;

    /** {@link UserMemory} seen through {@link FrameMemory}: a byte is mapped once written. */
    private static final class Adapter implements FrameMemory {
        final UserMemory memory;

        Adapter(final UserMemory memory) {
            this.memory = memory;
        }

        @Override
        public boolean isMapped(final long address, final int length) {
            return memory.firstUnmapped(address, length).isEmpty();
        }

        @Override
        public long getLong(final long address) {
            return ByteSink.getLong(memory.read(address, 8), 0);
        }

        @Override
        public void putLong(final long address, final long value) {
            final byte[] bytes = new byte[8];
            ByteSink.putLong(bytes, 0, value);
            memory.write(address, bytes);
        }

        @Override
        public void putBytes(final long address, final byte[] bytes) {
            memory.write(address, bytes);
        }
    }

    private static long[] values(final RegisterFile regs) {
        final long[] out = new long[regs.names().size()];
        regs.copyTo(out);
        return out;
    }

    /** Memory mapped (zero) from {@code low} to {@code high}. */
    private static UserMemory mapped(final long low, final long high) {
        return new UserMemory().write(low, new byte[(int) (high - low)]);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void pushStoresWhatDeliverStoresAndPopRestoresWhatRestoreRestores(final Arch arch) {
        final Random random = new Random(0x1A_91ACEL + arch.ordinal());
        for (int i = 0; i < ROUNDS; i++) {
            final long sp = 0x10_0000L + (random.nextLong() & 0x3fff_ffff_ffffL);
            final RegisterFile regs = RandomState.registers(arch, random, sp);
            final long mask = random.nextLong();
            final int signal = RandomState.signal(Variant.FIXED, random);
            final long handler = random.nextLong() & 0x7fff_ffff_ffffL;
            final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(regs)
                    .signal(signal)
                    .handler(handler)
                    .mask(mask)
                    .build());
            final UserMemory expected = mapped(sp - 1024, sp);
            expected.apply(d);
            final UserMemory memory = mapped(sp - 1024, sp);
            final long[] cpu = values(regs);

            final long frame = InPlaceFrames.push(
                    arch, cpu, signal, handler, mask, Variant.DEFAULT_SIGRETURN_NR, new Adapter(memory));

            assertEquals(d.frameAddress(), frame);
            assertEquals(d.sigreturnArgument(), frame);
            assertEquals(expected, memory, "bytes stored");
            RegisterFile entry = regs;
            for (final Map.Entry<String, Long> e : d.entry().entrySet()) {
                entry = entry.with(e.getKey(), e.getValue());
            }
            assertArrayEquals(values(entry), cpu, "entry registers");

            final RestoredContext r = SignalFrames.restore(arch, Variant.FIXED, UserMemory.of(d), frame);
            final long restoredMask = InPlaceFrames.pop(arch, new Adapter(memory), frame, cpu);
            assertArrayEquals(values(r.registers()), cpu, "restored registers");
            assertEquals(r.mask(), restoredMask, "restored mask");
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void anotherSigreturnNumberIsEncodedAsTheTrampolineEncodesIt(final Arch arch) {
        final long sp = 0x7fff_0000L;
        final RegisterFile regs = RandomState.registers(arch, new Random(7), sp);
        final Delivery d = SignalFrames.deliver(DeliveryRequest.builder(regs)
                .signal(10)
                .handler(0x40_1000L)
                .sigreturnNr(139)
                .build());
        final UserMemory memory = mapped(sp - 1024, sp);
        InPlaceFrames.push(arch, values(regs), 10, 0x40_1000L, 0, 139, new Adapter(memory));
        assertEquals(mapped(sp - 1024, sp).apply(d), memory);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aFrameReachingUnmappedBytesIsRefusedAndNothingChanges(final Arch arch) {
        final long sp = 0x7fff_0000L;
        final RegisterFile regs = RandomState.registers(arch, new Random(11), sp);
        final DeliveryRequest request =
                DeliveryRequest.builder(regs).signal(10).handler(0x40_1000L).build();
        // only the 100 bytes below sp are mapped: the frame's lowest bytes are not.
        final FrameRefusedException expected = assertThrows(
                FrameRefusedException.class, () -> SignalFrames.deliverInto(request, mapped(sp - 100, sp)));
        final UserMemory memory = mapped(sp - 100, sp);
        final long[] cpu = values(regs);

        final FrameRefusedException refused = assertThrows(
                FrameRefusedException.class,
                () -> InPlaceFrames.push(
                        arch, cpu, 10, 0x40_1000L, 0, Variant.DEFAULT_SIGRETURN_NR, new Adapter(memory)));

        assertEquals(expected.getMessage(), refused.getMessage());
        assertEquals(mapped(sp - 100, sp), memory);
        assertArrayEquals(values(regs), cpu);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void badArgumentsAreRefusedAsTheRequestRefusesThem(final Arch arch) {
        final RegisterFile low = RegisterFile.zero(arch).with(arch.stackPointerName(), 0x100L);
        final IllegalArgumentException noRoom = assertThrows(
                IllegalArgumentException.class,
                () -> SignalFrames.deliver(
                        DeliveryRequest.builder(low).signal(10).build()));
        final UserMemory memory = mapped(0, 0x100);
        final Adapter adapter = new Adapter(memory);
        assertEquals(
                noRoom.getMessage(),
                assertThrows(
                                IllegalArgumentException.class,
                                () -> InPlaceFrames.push(arch, values(low), 10, 0, 0, 123, adapter))
                        .getMessage());
        for (final int signal : new int[] {0, 9, 19, 65}) {
            final IllegalArgumentException bad = assertThrows(
                    IllegalArgumentException.class,
                    () -> DeliveryRequest.builder(low).signal(signal).build());
            assertEquals(
                    bad.getMessage(),
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> InPlaceFrames.push(arch, values(low), signal, 0, 0, 123, adapter))
                            .getMessage());
        }
        final IllegalArgumentException badNr = assertThrows(
                IllegalArgumentException.class,
                () -> DeliveryRequest.builder(low).signal(10).sigreturnNr(-1).build());
        assertEquals(
                badNr.getMessage(),
                assertThrows(
                                IllegalArgumentException.class,
                                () -> InPlaceFrames.push(arch, values(low), 10, 0, 0, -1, adapter))
                        .getMessage());
        assertEquals(
                "register count must be " + arch.registerNames().size() + ": count=3",
                assertThrows(IllegalArgumentException.class, () -> InPlaceFrames.pop(arch, adapter, 0, new long[3]))
                        .getMessage());
        assertEquals(mapped(0, 0x100), memory);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aForgedFrameIsRefusedAsRestoreRefusesItAndTheRegistersStay(final Arch arch) {
        final long sp = 0x7fff_0000L;
        final RegisterFile regs = RandomState.registers(arch, new Random(13), sp);
        final Delivery d = SignalFrames.deliver(
                DeliveryRequest.builder(regs).signal(10).handler(0x40_1000L).build());
        final int pcOffset =
                FrameLayoutBuilder.HEADER_FIELDS * 8 + 8 * arch.registerNames().indexOf(arch.programCounterName());
        final String flags = arch == Arch.X86_64 ? "rflags" : arch == Arch.AARCH64 ? "pstate" : "sstatus";
        final int flagsOffset =
                FrameLayoutBuilder.HEADER_FIELDS * 8 + 8 * arch.registerNames().indexOf(flags);
        final long[][] forgeries = {
            {pcOffset, arch.userAddressLimit()},
            {flagsOffset, arch == Arch.X86_64 ? 0x3000L : arch == Arch.AARCH64 ? 0x5L : 0x100L},
        };
        for (final long[] forgery : forgeries) {
            final UserMemory memory = UserMemory.of(d);
            final byte[] value = new byte[8];
            ByteSink.putLong(value, 0, forgery[1]);
            memory.write(d.frameAddress() + forgery[0], value);
            final FrameRefusedException expected = assertThrows(
                    FrameRefusedException.class,
                    () -> SignalFrames.restore(arch, Variant.FIXED, memory, d.frameAddress()));
            final long[] cpu = values(regs);
            final FrameRefusedException refused = assertThrows(
                    FrameRefusedException.class,
                    () -> InPlaceFrames.pop(arch, new Adapter(memory), d.frameAddress(), cpu));
            assertEquals(expected.getMessage(), refused.getMessage());
            assertArrayEquals(values(regs), cpu);
        }
        final long[] cpu = values(regs);
        final FrameRefusedException unmapped = assertThrows(
                FrameRefusedException.class,
                () -> InPlaceFrames.pop(arch, new Adapter(new UserMemory()), d.frameAddress(), cpu));
        assertEquals(
                assertThrows(
                                FrameRefusedException.class,
                                () -> SignalFrames.restore(arch, Variant.FIXED, new UserMemory(), d.frameAddress()))
                        .getMessage(),
                unmapped.getMessage());
        assertArrayEquals(values(regs), cpu);
        final FrameRefusedException wraps = assertThrows(
                FrameRefusedException.class, () -> InPlaceFrames.pop(arch, new Adapter(new UserMemory()), -8L, cpu));
        assertEquals(
                assertThrows(
                                FrameRefusedException.class,
                                () -> SignalFrames.restore(arch, Variant.FIXED, new UserMemory(), -8L))
                        .getMessage(),
                wraps.getMessage());
    }
}
