package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sigpage.api.Signals;
import org.junit.jupiter.api.Test;

/**
 * The index of parked threads per signal, at the edges of its 64-slot words: a process-directed send asks it for a
 * sleeper that allows the signal, so a wrong slot number or word is a lost wake-up.
 */
class SleeperIndexTest {
    private static final long USR1 = 1L << (Signals.SIGUSR1 - 1);
    private static final long SIG64 = 1L << 63;

    @Test
    void emptyIndexHasNoSleeper() {
        final SleeperIndex index = new SleeperIndex(130);
        for (int sig = 1; sig <= 64; sig++) {
            assertEquals(-1, index.findSleeper(sig), "signal " + sig);
        }
    }

    @Test
    void slotsOnBothSidesOfAWordBoundaryAreFoundByNumber() {
        for (final int slot : new int[] {0, 1, 63, 64, 65, 127, 128, 129}) {
            final SleeperIndex index = new SleeperIndex(130);
            index.register(slot, USR1 | SIG64);
            assertEquals(slot, index.findSleeper(Signals.SIGUSR1), "slot " + slot);
            assertEquals(slot, index.findSleeper(64), "slot " + slot + ", signal 64");
            assertEquals(-1, index.findSleeper(Signals.SIGUSR2), "slot " + slot + ", a signal it does not allow");
            assertEquals(-1, index.findSleeper(63), "slot " + slot + ", signal 63");
            index.deregister(slot, USR1 | SIG64);
            assertEquals(-1, index.findSleeper(Signals.SIGUSR1), "slot " + slot + " deregistered");
            assertEquals(-1, index.findSleeper(64), "slot " + slot + " deregistered, signal 64");
        }
    }

    @Test
    void lowestSlotIsFoundFirstAndDeregisteringOneKeepsTheOthers() {
        final SleeperIndex index = new SleeperIndex(200);
        index.register(130, USR1);
        index.register(70, USR1);
        index.register(5, USR1);
        assertEquals(5, index.findSleeper(Signals.SIGUSR1));
        index.deregister(5, USR1);
        assertEquals(70, index.findSleeper(Signals.SIGUSR1));
        index.deregister(70, USR1);
        assertEquals(130, index.findSleeper(Signals.SIGUSR1));
        index.deregister(130, USR1);
        assertEquals(-1, index.findSleeper(Signals.SIGUSR1));
    }

    @Test
    void deregisteringSomeSignalsKeepsTheRest() {
        final SleeperIndex index = new SleeperIndex(64);
        index.register(9, USR1 | SIG64 | 1L);
        index.deregister(9, SIG64);
        assertEquals(9, index.findSleeper(1));
        assertEquals(9, index.findSleeper(Signals.SIGUSR1));
        assertEquals(-1, index.findSleeper(64));
    }

    @Test
    void twoSleepersOfOneWordAreKeptApart() {
        final SleeperIndex index = new SleeperIndex(64);
        index.register(3, USR1);
        index.register(4, USR1);
        index.deregister(3, USR1);
        assertEquals(4, index.findSleeper(Signals.SIGUSR1));
    }
}
