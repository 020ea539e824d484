package dev.sigpage.impl;

import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Allocation and validation of off-heap regions.
 */
final class Regions {
    private Regions() {}

    static AtomicBuffer allocate(final int length, final int alignment) {
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, alignment));
    }

    /**
     * Validates that {@code [offset, offset + length)} lies in the buffer, off-heap, at an aligned address.
     */
    static void check(
            final AtomicBuffer buffer, final int offset, final int length, final int alignment, final String region) {
        if (buffer == null) {
            throw new NullPointerException("buffer");
        }
        if (offset < 0 || offset > buffer.capacity()) {
            throw new IndexOutOfBoundsException(
                    region + " offset must be in 0..capacity=" + buffer.capacity() + ": offset=" + offset);
        }
        if (buffer.capacity() - offset < length) {
            throw new IllegalStateException(
                    region + " needs " + length + " bytes from the offset: available=" + (buffer.capacity() - offset));
        }
        if (buffer.byteArray() != null) {
            throw new IllegalStateException(region + " must be off-heap: buffer=byte[" + buffer.capacity() + "]");
        }
        final long address = buffer.addressOffset() + offset;
        if ((address & (alignment - 1)) != 0) {
            throw new IllegalStateException(
                    region + " must be " + alignment + "-byte aligned: address=0x" + Long.toHexString(address));
        }
    }
}
