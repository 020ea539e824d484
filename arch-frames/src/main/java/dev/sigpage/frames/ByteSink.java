package dev.sigpage.frames;

/** A fixed-size little-endian byte writer. */
final class ByteSink {
    private final byte[] bytes;
    private int position;

    ByteSink(final int length) {
        bytes = new byte[length];
    }

    void put(final byte[] src) {
        System.arraycopy(src, 0, bytes, position, src.length);
        position += src.length;
    }

    void putInt(final int value) {
        for (int i = 0; i < Integer.BYTES; i++) {
            bytes[position++] = (byte) (value >>> (8 * i));
        }
    }

    static void putLong(final byte[] dst, final int offset, final long value) {
        for (int i = 0; i < Long.BYTES; i++) {
            dst[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    static long getLong(final byte[] src, final int offset) {
        long value = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            value = (value << 8) | (src[offset + i] & 0xFFL);
        }
        return value;
    }

    byte[] toArray() {
        if (position != bytes.length) {
            throw new IllegalStateException("encoding must fill its length: position=" + position);
        }
        return bytes.clone();
    }
}
