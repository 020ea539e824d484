package dev.sigpage.impl.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A mapped range of model user memory backed by an off-heap buffer: a thread's stack, or an alternate signal
 * stack. Little-endian, like every supported architecture. Used by its thread only.
 */
public final class UserStack {
    private final long base;
    private final UnsafeBuffer buffer;
    // the same bytes as little-endian 64-bit words, for runs of them (a frame's fields) copied in one call.
    private final LongBuffer words;

    private UserStack(final long base, final int size) {
        this.base = base;
        final ByteBuffer bytes = ByteBuffer.allocateDirect(size);
        this.buffer = new UnsafeBuffer(bytes);
        this.words = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    }

    /**
     * Maps {@code size} bytes at {@code base}.
     *
     * @param base the lowest address, 16-aligned
     * @param size the size in bytes, a positive multiple of 16
     * @return the mapping, zero-filled
     */
    public static UserStack map(final long base, final int size) {
        if ((base & 15) != 0) {
            throw new IllegalArgumentException("stack base must be 16-aligned: base=0x" + Long.toHexString(base));
        }
        if (size <= 0 || (size & 15) != 0) {
            throw new IllegalArgumentException("stack size must be a positive multiple of 16: size=" + size);
        }
        // base + size must stay below 2^64: the top (the initial stack pointer) is an address, never 0 by wrapping.
        if (Long.compareUnsigned(base, -(long) size) >= 0) {
            throw new IllegalArgumentException(
                    "stack must end below the top of the address space: base=0x" + Long.toHexString(base));
        }
        return new UserStack(base, size);
    }

    /** @return the lowest address */
    public long base() {
        return base;
    }

    /** @return the address just above the highest byte (the initial stack pointer) */
    public long top() {
        return base + buffer.capacity();
    }

    /** @return the size in bytes */
    public int size() {
        return buffer.capacity();
    }

    /** @return the off-heap bytes, index 0 at {@link #base()} */
    public AtomicBuffer buffer() {
        return buffer;
    }

    /**
     * Whether a range lies inside this mapping.
     *
     * @param address the first address
     * @param length  the length
     * @return true if every byte is mapped here
     */
    public boolean contains(final long address, final long length) {
        return Long.compareUnsigned(address, base) >= 0
                && length >= 0
                && Long.compareUnsigned(address - base, buffer.capacity() - length) <= 0
                && length <= buffer.capacity();
    }

    /**
     * Reads a little-endian 64-bit value.
     *
     * @param address the address
     * @return the value
     * @throws IndexOutOfBoundsException if not mapped here
     */
    public long getLong(final long address) {
        return buffer.getLong(index(address, 8), ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Writes a little-endian 64-bit value.
     *
     * @param address the address
     * @param value   the value
     * @throws IndexOutOfBoundsException if not mapped here
     */
    public void putLong(final long address, final long value) {
        buffer.putLong(index(address, 8), value, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the bytes as little-endian 64-bit words, word {@code i} at {@code base() + 8 * i} */
    LongBuffer words() {
        return words;
    }

    /**
     * Reads bytes.
     *
     * @param address the first address
     * @param length  the count
     * @return a copy
     * @throws IndexOutOfBoundsException if not mapped here
     */
    public byte[] read(final long address, final int length) {
        final byte[] out = new byte[length];
        buffer.getBytes(index(address, length), out);
        return out;
    }

    /**
     * Writes bytes.
     *
     * @param address the first address
     * @param bytes   the bytes
     * @throws IndexOutOfBoundsException if not mapped here
     */
    public void write(final long address, final byte[] bytes) {
        buffer.putBytes(index(address, bytes.length), bytes);
    }

    private int index(final long address, final int length) {
        if (!contains(address, length)) {
            throw new IndexOutOfBoundsException("range must be mapped in [0x" + Long.toHexString(base) + ", 0x"
                    + Long.toHexString(top()) + "): address=0x" + Long.toHexString(address));
        }
        return (int) (address - base);
    }
}
