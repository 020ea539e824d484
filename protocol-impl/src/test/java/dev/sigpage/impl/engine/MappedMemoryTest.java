package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    /**
     * Every access reaches the mapping that holds it, whichever mapping served the access before: a value read or
     * written in the other mapping, at its first and last word, aligned and not, one at a time and in runs.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anAccessOutsideTheMappingTriedFirstReachesTheMappingThatHoldsIt(final boolean stackFirst) {
        final UserStack stack = UserStack.map(STACK_BASE, STACK_SIZE);
        final UserStack alt = UserStack.map(ALT_BASE, ALT_SIZE);
        final UserStack first = stackFirst ? stack : alt;
        final UserStack other = stackFirst ? alt : stack;
        final MappedMemory memory = new MappedMemory(first);
        memory.map(other);
        final long[] addresses = {other.base(), other.base() + 0x23, other.top() - 8};
        for (final long address : addresses) {
            other.write(address, littleEndian(VALUES, 0, 1));
            assertTried(memory, first);
            assertEquals(VALUES[0], memory.getLong(address), "getLong at 0x" + Long.toHexString(address));

            assertTried(memory, first);
            memory.putLong(address, VALUES[3]);
            assertArrayEquals(littleEndian(VALUES, 3, 1), other.read(address, 8), "putLong");
        }
        for (final long address : new long[] {other.base(), other.base() + 0x13, other.top() - 24}) {
            other.write(address, littleEndian(VALUES, 1, 3));
            final long[] read = new long[5];
            assertTried(memory, first);
            memory.getLongs(address, read, 1, 3);
            assertArrayEquals(new long[] {0, VALUES[1], VALUES[2], VALUES[3], 0}, read, "getLongs");

            assertTried(memory, first);
            memory.putLongs(address, VALUES, 4, 3);
            assertArrayEquals(littleEndian(VALUES, 4, 3), other.read(address, 24), "putLongs");
        }
    }

    /** Makes {@code first} the mapping that served the last access, and checks that it did. */
    private static void assertTried(final MappedMemory memory, final UserStack first) {
        assertEquals(first, memory.mappingOf(first.base(), 8));
        assertEquals(first, memory.mappingOf(first.top() - 8, 8));
    }

    /** Values and runs that cross the top of the mapping that served the last access are refused by name. */
    @Test
    void anAccessCrossingTheTopOfTheMappingTriedFirstIsRefusedAndNothingChanges() {
        final UserStack stack = UserStack.map(STACK_BASE, STACK_SIZE);
        final UserStack alt = UserStack.map(ALT_BASE, ALT_SIZE);
        final MappedMemory memory = memory(stack, alt);
        final long top = stack.top();
        final long[] read = {7, 7, 7};

        for (final long address : new long[] {top - 4, top - 1, top}) {
            assertTried(memory, stack);
            assertRefused(address, () -> memory.getLong(address));
            assertTried(memory, stack);
            assertRefused(address, () -> memory.putLong(address, -1L));
        }
        for (final long address : new long[] {top - 16, top - 8, top - 12}) {
            assertTried(memory, stack);
            assertRefused(address, () -> memory.getLongs(address, read, 0, 3));
            assertTried(memory, stack);
            assertRefused(address, () -> memory.putLongs(address, VALUES, 0, 3));
        }

        assertArrayEquals(new byte[STACK_SIZE], stack.read(STACK_BASE, STACK_SIZE));
        assertArrayEquals(new byte[ALT_SIZE], alt.read(ALT_BASE, ALT_SIZE));
        assertArrayEquals(new long[] {7, 7, 7}, read);
    }

    private static void assertRefused(final long address, final org.junit.jupiter.api.function.Executable access) {
        final IndexOutOfBoundsException refused = assertThrows(IndexOutOfBoundsException.class, access);
        assertEquals("range must be mapped: address=0x" + Long.toHexString(address), refused.getMessage());
    }

    /** A run read word by word (unaligned) reads its words and no word past its end. */
    @Test
    void anUnalignedRunReadsNoWordPastItsEnd() {
        final UserStack stack = UserStack.map(STACK_BASE, STACK_SIZE);
        final MappedMemory memory = memory(stack, UserStack.map(ALT_BASE, ALT_SIZE));
        final long address = STACK_BASE + 0x805;
        stack.write(address, littleEndian(VALUES, 0, 4));
        final long[] read = new long[4];
        read[3] = 7;

        memory.getLongs(address, read, 0, 3);

        assertArrayEquals(new long[] {VALUES[0], VALUES[1], VALUES[2], 7}, read);
    }

    @Test
    void bytesAreWrittenWhereAddressedAndTheMappingsAreListedStackFirst() {
        final UserStack stack = UserStack.map(STACK_BASE, STACK_SIZE);
        final UserStack alt = UserStack.map(ALT_BASE, ALT_SIZE);
        final MappedMemory memory = memory(stack, alt);
        final byte[] bytes = {1, 2, 3, 4, 5};

        memory.putBytes(ALT_BASE + 0x11, bytes);

        assertArrayEquals(bytes, alt.read(ALT_BASE + 0x11, 5));
        assertEquals(List.of(stack, alt), memory.mappings());
        assertEquals(ALT_BASE, alt.base());
        assertEquals(ALT_SIZE, alt.size());
        assertEquals(ALT_BASE + ALT_SIZE, alt.top());
    }

    /** A mapping's size is a positive multiple of 16: 16 is the smallest, 0 is refused by value. */
    @Test
    void theSmallestMappingIs16Bytes() {
        assertEquals(16, UserStack.map(ALT_BASE, 16).size());
        final IllegalArgumentException empty =
                assertThrows(IllegalArgumentException.class, () -> UserStack.map(ALT_BASE, 0));
        assertEquals("stack size must be a positive multiple of 16: size=0", empty.getMessage());
    }

    /**
     * A mapping ends below 2^64: its top, the initial stack pointer, is base + size as an address. The highest mapping
     * of 16 bytes starts at 2^64 - 32 (top 2^64 - 16); one at 2^64 - 16 would have its top wrap to 0, and is refused
     * by its base.
     */
    @Test
    void aMappingEndsBelowTheTopOfTheAddressSpace() {
        final UserStack highest = UserStack.map(-32L, 16);
        assertEquals(0xFFFF_FFFF_FFFF_FFF0L, highest.top());
        final IllegalArgumentException wraps =
                assertThrows(IllegalArgumentException.class, () -> UserStack.map(-16L, 16));
        assertEquals("stack must end below the top of the address space: base=0xfffffffffffffff0", wraps.getMessage());
    }
}
