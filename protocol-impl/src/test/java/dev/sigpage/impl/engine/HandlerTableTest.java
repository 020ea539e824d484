package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A handler registered at a chosen address: the address must be a handler address (2 to 2^57 - 1, the range
 * DESIGN.md gives: above SIG_DFL = 0 and SIG_IGN = 1, below the REDOX flag bits) and free; a refused registration
 * leaves the table as it was.
 */
class HandlerTableTest {
    private static final long MAX = (1L << 57) - 1;
    private final HandlerTable table = new HandlerTable();
    private final SignalHandler first = (sig, info, ctx) -> {};
    private final SignalHandler second = (sig, info, ctx) -> {};

    @Test
    void bothEndsOfTheRangeAreHandlerAddresses() {
        assertEquals(2L, table.register(2L, first));
        assertEquals(MAX, table.register(MAX, second));

        assertSame(first, table.lookup(2L));
        assertSame(second, table.lookup(MAX));
    }

    @Test
    void addressesOutsideTheRangeAreRefusedByValue() {
        for (final long address : new long[] {1L, 0L, -1L, MAX + 1}) {
            final IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> table.register(address, first));
            assertEquals("handler address must be in 2..2^57-1: address=" + address, refused.getMessage());
            assertNull(table.lookup(address));
        }
    }

    @Test
    void aTakenAddressIsRefusedAndKeepsItsHandler() {
        table.register(0x40_1000L, first);

        final IllegalArgumentException taken =
                assertThrows(IllegalArgumentException.class, () -> table.register(0x40_1000L, second));

        assertEquals("handler address must be free: address=0x401000", taken.getMessage());
        assertSame(first, table.lookup(0x40_1000L));
    }
}
