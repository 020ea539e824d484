package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runs of 64-bit values a frame is stored and read as: the same little-endian bytes as the values stored one
 * by one, at aligned and unaligned addresses, in the mapping tried first and in another one; nothing outside the
 * run changes. The expected bytes are encoded by {@link ByteBuffer}, not by the memory under test.
 */
class MappedMemoryTest {
    private static final long STACK_BASE = 0x7fff_f000_0000L;
    private static final int STACK_SIZE = 0x1000;
    private static final long ALT_BASE = 0x5000_0000L;
    private static final int ALT_SIZE = 0x1000;
    private static final long[] VALUES = {
        0x0123_4567_89ab_cdefL, -1L, 0L, 0x8000_0000_0000_0001L, 0x7fff_f000_0fc8L, 0x202L, 42L
    };

    private static byte[] littleEndian(final long[] values, final int from, final int count) {
        final ByteBuffer out = ByteBuffer.allocate(count * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            out.putLong(values[from + i]);
        }
        return out.array();
    }

    private static MappedMemory memory(final UserStack stack, final UserStack alt) {
        final MappedMemory m = new MappedMemory(stack);
        m.map(alt);
        return m;
    }

    @ParameterizedTest
    @ValueSource(longs = {STACK_BASE + 0x800, STACK_BASE + 0x803, STACK_BASE + STACK_SIZE - 40, ALT_BASE + 0x18})
    void aRunStoresTheLittleEndianBytesOfItsValuesAndNothingElse(final long address) {
        final UserStack stack = UserStack.map(STACK_BASE, STACK_SIZE);
        final UserStack alt = UserStack.map(ALT_BASE, ALT_SIZE);
        final MappedMemory memory = memory(stack, alt);
        final UserStack holder = address >= STACK_BASE ? stack : alt;

        memory.putLongs(address, VALUES, 2, 5);

        assertArrayEquals(littleEndian(VALUES, 2, 5), holder.read(address, 5 * Long.BYTES));
        assertArrayEquals(new byte[8], holder.read(address - 8, 8), "below the run");
        if (address + 48 <= holder.top()) {
            assertArrayEquals(new byte[8], holder.read(address + 40, 8), "above the run");
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(VALUES[2 + i], memory.getLong(address + 8L * i));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {STACK_BASE + 0x800, STACK_BASE + 0x805, ALT_BASE + 0x18})
    void aRunReadsWhatWasStoredOneByOne(final long address) {
        final MappedMemory memory = memory(UserStack.map(STACK_BASE, STACK_SIZE), UserStack.map(ALT_BASE, ALT_SIZE));
        for (int i = 0; i < VALUES.length; i++) {
            memory.putLong(address + 8L * i, VALUES[i]);
        }
        final long[] read = new long[VALUES.length + 2];

        memory.getLongs(address, read, 1, VALUES.length);

        final long[] expected = new long[VALUES.length + 2];
        System.arraycopy(VALUES, 0, expected, 1, VALUES.length);
        assertArrayEquals(expected, read);
    }

    @ParameterizedTest
    @ValueSource(longs = {STACK_BASE + STACK_SIZE - 16, ALT_BASE - 8})
    void aRunNotInsideOneMappingIsRefusedAndNothingChanges(final long address) {
        final UserStack stack = UserStack.map(STACK_BASE, STACK_SIZE);
        final UserStack alt = UserStack.map(ALT_BASE, ALT_SIZE);
        final MappedMemory memory = memory(stack, alt);
        final long[] read = {7, 7, 7};

        final IndexOutOfBoundsException refused =
                assertThrows(IndexOutOfBoundsException.class, () -> memory.putLongs(address, VALUES, 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.getLongs(address, read, 0, 3));

        assertEquals("range must be mapped: address=0x" + Long.toHexString(address), refused.getMessage());
        assertArrayEquals(new byte[STACK_SIZE], stack.read(STACK_BASE, STACK_SIZE));
        assertArrayEquals(new byte[ALT_SIZE], alt.read(ALT_BASE, ALT_SIZE));
        assertArrayEquals(new long[] {7, 7, 7}, read);
    }
}
