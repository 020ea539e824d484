package dev.sigpage.jcstress;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The few raw-word helpers the broken twins share. The twins model wrong designs over raw Agrona buffers, so they
 * must not borrow the library's flyweights; what they do correctly (an atomic OR, the bit of a signal) lives here
 * once.
 */
final class RawAtomics {

    private RawAtomics() {}

    /** A fresh zeroed buffer of {@code words} 64-bit words, 8-byte aligned (heap backed, cheap per sample). */
    static AtomicBuffer words(int words) {
        return new UnsafeBuffer(new byte[words * Long.BYTES]);
    }

    /** Signal {@code sig}'s bit in the pending half of its word (signal n at bit (n-1)%32). */
    static long pendingBit(int sig) {
        return 1L << ((sig - 1) % 32);
    }

    /** Signal {@code sig}'s bit in the allow half of its word (bit 32 + (n-1)%32). */
    static long allowBit(int sig) {
        return 1L << (32 + (sig - 1) % 32);
    }

    /** Atomic OR by a compare-and-set loop that re-reads on failure; returns the previous word. */
    static long getAndOr(AtomicBuffer buffer, int index, long bits) {
        while (true) {
            long old = buffer.getLongVolatile(index);
            if (buffer.compareAndSetLong(index, old, old | bits)) {
                return old;
            }
        }
    }

    /** Atomic AND-NOT by a compare-and-set loop that re-reads on failure; returns the previous word. */
    static long getAndClear(AtomicBuffer buffer, int index, long bits) {
        while (true) {
            long old = buffer.getLongVolatile(index);
            if (buffer.compareAndSetLong(index, old, old & ~bits)) {
                return old;
            }
        }
    }
}
