package dev.sigpage.frames;

/**
 * User memory that {@link InPlaceFrames} serialises a frame into and reads it back from, by virtual address,
 * little-endian. An engine implements it over its own mappings (off-heap stacks, for instance), so that a
 * delivery stores its bytes where they end up, with no intermediate copy. A frame's fields are consecutive 64-bit
 * values, so {@link InPlaceFrames} stores and loads them in runs ({@link #putLongs}, {@link #getLongs}); an
 * implementation over one buffer overrides those to check the range once per run instead of once per value.
 */
public interface FrameMemory {
    /**
     * Whether a range can be stored to and read from as a whole.
     *
     * @param address the first address
     * @param length  the length in bytes, positive
     * @return true if every byte of the range is mapped
     */
    boolean isMapped(long address, int length);

    /**
     * Reads a little-endian 64-bit value; called only on ranges {@link #isMapped} accepted.
     *
     * @param address the address of its first byte
     * @return the value
     */
    long getLong(long address);

    /**
     * Stores a little-endian 64-bit value; called only on ranges {@link #isMapped} accepted.
     *
     * @param address the address of its first byte
     * @param value   the value
     */
    void putLong(long address, long value);

    /**
     * Stores bytes; called only on ranges {@link #isMapped} accepted.
     *
     * @param address the address of the first byte
     * @param bytes   the bytes, neither modified nor retained
     */
    void putBytes(long address, byte[] bytes);

    /**
     * Stores consecutive little-endian 64-bit values, {@code values[from]} at {@code address}, the next at
     * {@code address + 8}, and so on; called only on ranges {@link #isMapped} accepted. The default stores them
     * one by one with {@link #putLong}.
     *
     * @param address the address of the first value's first byte
     * @param values  the values, neither modified nor retained
     * @param from    the index of the first value stored
     * @param count   how many values
     */
    default void putLongs(final long address, final long[] values, final int from, final int count) {
        for (int i = 0; i < count; i++) {
            putLong(address + (long) i * Long.BYTES, values[from + i]);
        }
    }

    /**
     * Reads consecutive little-endian 64-bit values into {@code values[from]} onward, the first from
     * {@code address}; called only on ranges {@link #isMapped} accepted. The default reads them one by one with
     * {@link #getLong}.
     *
     * @param address the address of the first value's first byte
     * @param values  receives the values
     * @param from    the index the first value goes to
     * @param count   how many values
     */
    default void getLongs(final long address, final long[] values, final int from, final int count) {
        for (int i = 0; i < count; i++) {
            values[from + i] = getLong(address + (long) i * Long.BYTES);
        }
    }
}
