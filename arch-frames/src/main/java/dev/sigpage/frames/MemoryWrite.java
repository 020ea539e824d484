package dev.sigpage.frames;

import java.util.Arrays;

/** A run of consecutive bytes stored to user memory, starting at {@link #address()}. */
public final class MemoryWrite {
    private final long address;
    private final byte[] bytes;

    /**
     * A run of bytes.
     *
     * @param address the address of the first byte
     * @param bytes   the bytes, copied
     */
    public MemoryWrite(final long address, final byte[] bytes) {
        this.address = address;
        this.bytes = bytes.clone();
    }

    /** @return the address of the first byte */
    public long address() {
        return address;
    }

    /** @return a copy of the bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the number of bytes */
    public int length() {
        return bytes.length;
    }

    /** @return the bytes as lowercase hexadecimal, two digits a byte, lowest address first */
    public String hex() {
        return Hex.bytes(bytes);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof MemoryWrite
                && ((MemoryWrite) o).address == address
                && Arrays.equals(((MemoryWrite) o).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(address) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.of(address) + ":" + hex();
    }
}
