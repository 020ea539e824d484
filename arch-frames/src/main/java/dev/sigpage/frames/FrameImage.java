package dev.sigpage.frames;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The bytes a Linux delivery stores between two addresses, with a record of which bytes it stores: the kernel
 * leaves padding, reserved words and (without SA_SIGINFO) siginfo untouched, and those bytes must keep whatever
 * the stack held, so they are not part of the delivery's writes.
 */
final class FrameImage {
    private final long base;
    private final byte[] bytes;
    private final BitSet written;

    FrameImage(final long base, final int length) {
        this.base = base;
        this.bytes = new byte[length];
        this.written = new BitSet(length);
    }

    long base() {
        return base;
    }

    void putLong(final long address, final long value) {
        put(address, value, Long.BYTES);
    }

    void putInt(final long address, final long value) {
        put(address, value, Integer.BYTES);
    }

    void putShort(final long address, final long value) {
        put(address, value, Short.BYTES);
    }

    /** Stores the low {@code size} bytes of {@code value}, little-endian. */
    void put(final long address, final long value, final int size) {
        final int at = index(address, size);
        for (int i = 0; i < size; i++) {
            bytes[at + i] = (byte) (value >>> (8 * i));
            written.set(at + i);
        }
    }

    void putBytes(final long address, final byte[] src) {
        final int at = index(address, src.length);
        System.arraycopy(src, 0, bytes, at, src.length);
        written.set(at, at + src.length);
    }

    /** Marks {@code length} bytes written with zeros (the kernel clears them). */
    void zero(final long address, final int length) {
        putBytes(address, new byte[length]);
    }

    private int index(final long address, final int size) {
        final long at = address - base;
        if (at < 0 || at + size > bytes.length) {
            throw new IllegalStateException("frame image store must stay inside the image: address=" + Hex.of(address));
        }
        return (int) at;
    }

    /** The written bytes as runs of consecutive bytes, lowest address first. */
    List<MemoryWrite> runs() {
        final List<MemoryWrite> runs = new ArrayList<>();
        int from = written.nextSetBit(0);
        while (from >= 0) {
            final int to = written.nextClearBit(from);
            final byte[] run = new byte[to - from];
            System.arraycopy(bytes, from, run, 0, run.length);
            runs.add(new MemoryWrite(base + from, run));
            from = written.nextSetBit(to);
        }
        return runs;
    }
}
