package dev.sigpage.frames;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A sparse model of user memory for restore and frame dumps: 4 KiB pages, and within a page only the bytes that
 * were written are mapped. Reads may cross page boundaries; reading a byte that was never written is refused
 * with its address, so a truncated frame is never padded with zeros.
 *
 * <p>Unlike the seed's single-page helper (defect 8), a run that crosses a page boundary is stored at the
 * virtual addresses it names, in every page it touches. Not thread-safe.
 */
public final class UserMemory {
    /** Page size in bytes. */
    public static final int PAGE_SIZE = 4096;

    private static final int PAGE_SHIFT = 12;

    private final TreeMap<Long, Page> pages = new TreeMap<>(Long::compareUnsigned);

    /** Empty memory: nothing mapped. */
    public UserMemory() {}

    /**
     * Memory holding exactly the bytes a delivery wrote.
     *
     * @param delivery a delivery
     * @return new memory with its writes applied
     */
    public static UserMemory of(final Delivery delivery) {
        final UserMemory memory = new UserMemory();
        memory.apply(delivery);
        return memory;
    }

    /**
     * Stores every write of a delivery.
     *
     * @param delivery a delivery
     * @return this memory
     */
    public UserMemory apply(final Delivery delivery) {
        for (final MemoryWrite w : delivery.writes()) {
            write(w.address(), w.bytes());
        }
        return this;
    }

    /**
     * Stores bytes, mapping them.
     *
     * @param address the address of the first byte
     * @param bytes   the bytes
     * @return this memory
     * @throws IllegalArgumentException if the run would wrap past the top of the address space
     */
    public UserMemory write(final long address, final byte[] bytes) {
        checkRange(address, bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            final long a = address + i;
            pages.computeIfAbsent(a >>> PAGE_SHIFT, k -> new Page()).put((int) (a & (PAGE_SIZE - 1)), bytes[i]);
        }
        return this;
    }

    /**
     * Whether one byte is mapped.
     *
     * @param address the address
     * @return true if it was written
     */
    public boolean isMapped(final long address) {
        final Page page = pages.get(address >>> PAGE_SHIFT);
        return page != null && page.present.get((int) (address & (PAGE_SIZE - 1)));
    }

    /**
     * The first byte of a range that is not mapped.
     *
     * @param address the first address of the range
     * @param length  the length of the range
     * @return the lowest unmapped address in the range, or empty if every byte is mapped
     * @throws IllegalArgumentException if the range would wrap past the top of the address space
     */
    public OptionalLong firstUnmapped(final long address, final int length) {
        checkRange(address, length);
        for (int i = 0; i < length; i++) {
            if (!isMapped(address + i)) {
                return OptionalLong.of(address + i);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Reads bytes, possibly across page boundaries.
     *
     * @param address the address of the first byte
     * @param length  the number of bytes
     * @return the bytes
     * @throws IllegalStateException naming the first address that is not mapped
     * @throws IllegalArgumentException if the range would wrap past the top of the address space
     */
    public byte[] read(final long address, final int length) {
        final OptionalLong missing = firstUnmapped(address, length);
        if (missing.isPresent()) {
            throw new IllegalStateException("memory must be mapped: address=" + Hex.of(missing.getAsLong()));
        }
        final byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            final long a = address + i;
            out[i] = pages.get(a >>> PAGE_SHIFT).data[(int) (a & (PAGE_SIZE - 1))];
        }
        return out;
    }

    /**
     * An independent copy of this memory.
     *
     * @return the copy
     */
    public UserMemory copy() {
        final UserMemory copy = new UserMemory();
        for (final Map.Entry<Long, Page> e : pages.entrySet()) {
            copy.pages.put(e.getKey(), e.getValue().copy());
        }
        return copy;
    }

    private static void checkRange(final long address, final int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: length=" + length);
        }
        if (length > 0 && Long.compareUnsigned(address, -(long) length) > 0) {
            throw new IllegalArgumentException(
                    "range must not wrap past the top of the address space: address=" + Hex.of(address));
        }
    }

    /** Equal when the same bytes are mapped with the same values. */
    @Override
    public boolean equals(final Object o) {
        return o instanceof UserMemory && ((UserMemory) o).pages.equals(pages);
    }

    @Override
    public int hashCode() {
        return pages.hashCode();
    }

    /** The mapped pages and their mapped byte counts. */
    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("UserMemory{");
        for (final Map.Entry<Long, Page> e : pages.entrySet()) {
            sb.append(Hex.of(e.getKey() << PAGE_SHIFT))
                    .append(':')
                    .append(e.getValue().present.cardinality())
                    .append(' ');
        }
        return sb.append('}').toString();
    }

    private static final class Page {
        private final byte[] data;
        private final BitSet present;

        Page() {
            this(new byte[PAGE_SIZE], new BitSet(PAGE_SIZE));
        }

        private Page(final byte[] data, final BitSet present) {
            this.data = data;
            this.present = present;
        }

        void put(final int offset, final byte value) {
            data[offset] = value;
            present.set(offset);
        }

        Page copy() {
            return new Page(data.clone(), (BitSet) present.clone());
        }

        @Override
        public boolean equals(final Object o) {
            return o instanceof Page && ((Page) o).present.equals(present) && Arrays.equals(((Page) o).data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(present, Arrays.hashCode(data));
        }
    }
}
