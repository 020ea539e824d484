package dev.sigpage.impl;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which threads of a process are parked waiting for a signal, by signal: for each signal 1..64 a bitmap with one
 * bit per thread slot. A process-directed send finds a thread to wake with a find-first-set over the bitmap of its
 * signal: O(slots / 64) word reads, independent of how many threads run or mask the signal (Redox scans every
 * thread's allow half instead).
 *
 * <p>Only threads parked in {@code awaitDeliverable(null, ...)} are indexed. A running thread needs no wake-up: it
 * observes the process pending bit at its next return-to-user check, as a kernel's thread does at the next tick.
 *
 * <p>No lost wake-up: a sleeper registers (SC RMW on each bitmap word) and then re-reads its deliverable set
 * before parking; a sender raises the process pending bit (SC RMW) and then reads the bitmap. This is the
 * store-buffering shape with sequentially consistent operations on both sides: at least one side sees the other.
 * A leaving sleeper deregisters first and then re-reads its deliverable set, so a sender that chose it (and woke
 * nobody else) is always seen by it.
 */
final class SleeperIndex {
    private final int words;
    private final AtomicLongArray bits;

    SleeperIndex(final int slots) {
        this.words = (slots + 63) >>> 6;
        this.bits = new AtomicLongArray(64 * words);
    }

    /**
     * Registers a slot for every signal of {@code signals}.
     */
    void register(final int slot, final long signals) {
        // CAS (SC): registers before the sleeper's re-check of its deliverable set; pairs with findSleeper.
        update(slot, signals, true);
    }

    /**
     * Deregisters a slot from every signal of {@code signals}.
     */
    void deregister(final int slot, final long signals) {
        // CAS (SC): deregisters before the leaving sleeper's final re-check.
        update(slot, signals, false);
    }

    private void update(final int slot, final long signals, final boolean set) {
        final int word = slot >>> 6;
        final long bit = 1L << (slot & 63);
        long rest = signals;
        while (rest != 0) {
            final int row = Long.numberOfTrailingZeros(rest);
            rest &= rest - 1;
            final int index = row * words + word;
            while (true) {
                // volatile: the value the CAS expects.
                final long prev = bits.get(index);
                // CAS (SC): the atomic OR (set) or and-not (clear) of the slot's bit; see register/deregister.
                if (bits.compareAndSet(index, prev, set ? prev | bit : prev & ~bit)) {
                    break;
                }
            }
        }
    }

    /**
     * The lowest slot parked waiting for a signal.
     *
     * @return a slot, or -1 if none
     */
    int findSleeper(final int sig) {
        final int base = (sig - 1) * words;
        for (int w = 0; w < words; w++) {
            // volatile: after the sender's SC raise of the pending bit; pairs with register's CAS.
            final long v = bits.get(base + w);
            if (v != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(v);
            }
        }
        return -1;
    }
}
