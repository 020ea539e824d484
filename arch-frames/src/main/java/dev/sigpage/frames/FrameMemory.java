package dev.sigpage.frames;

/**
 * User memory that {@link InPlaceFrames} serialises a frame into and reads it back from, by virtual address,
 * little-endian. An engine implements it over its own mappings (off-heap stacks, for instance), so that a
 * delivery stores its bytes where they end up, with no intermediate copy.
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
}
