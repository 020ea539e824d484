package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * The id table's contract from its javadoc: ids count up from 1; once the table has {@link IdTable#WRAP_AT} entries
 * and fewer than half of them are live, the next id wraps to the lowest free one, otherwise the table doubles; ids
 * outside {@code 1..bound()-1} hold nothing and are ignored by {@code remove}.
 */
class IdTableTest {
    /** A full table of {@code WRAP_AT} slots: ids 1..WRAP_AT-1 taken, so the next add must wrap or grow. */
    private static IdTable<String> fullAtWrapSize() {
        final IdTable<String> table = new IdTable<>(IdTable.WRAP_AT);
        for (int i = 1; i < IdTable.WRAP_AT; i++) {
            assertEquals("e" + i, table.add(id -> "e" + id), "ids count up from 1");
        }
        assertEquals(IdTable.WRAP_AT, table.bound());
        return table;
    }

    private static void removeIds(final IdTable<String> table, final int from, final int to) {
        for (int i = from; i <= to; i++) {
            table.remove(i, table.get(i));
            assertNull(table.get(i));
        }
    }

    @Test
    void fewerThanHalfLiveWrapsToTheLowestFreeId() {
        final IdTable<String> table = fullAtWrapSize();
        // 1023 - 512 = 511 live: fewer than half of 1024.
        removeIds(table, 1, 512);
        assertEquals("e1", table.add(id -> "e" + id), "wraps to the lowest free id");
        assertEquals(IdTable.WRAP_AT, table.bound(), "no growth");
    }

    @Test
    void exactlyHalfLiveGrows() {
        final IdTable<String> table = fullAtWrapSize();
        // 1023 - 511 = 512 live: half of 1024, not fewer.
        removeIds(table, 1, 511);
        assertEquals("e" + IdTable.WRAP_AT, table.add(id -> "e" + id), "the next id after the highest");
        assertEquals(2 * IdTable.WRAP_AT, table.bound(), "the table doubled");
    }

    @Test
    void belowWrapSizeNeverWrapsButGrows() {
        final IdTable<String> table = new IdTable<>(2);
        assertEquals("e1", table.add(id -> "e" + id));
        table.remove(1, "e1");
        assertEquals("e2", table.add(id -> "e" + id), "2 < WRAP_AT: the table grows, id 1 is not reused");
        assertEquals(4, table.bound());
    }

    @Test
    void idsOutsideTheTableHoldNothingAndAreIgnored() {
        final IdTable<String> table = fullAtWrapSize();
        final int bound = table.bound();
        assertNull(table.get(0));
        assertNull(table.get(-1));
        assertNull(table.get(bound), "one past the highest id");
        table.remove(bound, null);
        table.remove(-1, null);
        // id 0 never holds an entry: removing "it" must not count a live entry as gone.
        table.remove(0, null);
        removeIds(table, 1, 511);
        // 512 live, exactly half: grows (one wrongly counted removal would make it 511 and wrap).
        assertEquals("e" + bound, table.add(id -> "e" + id));
        assertEquals(2 * bound, table.bound());
        assertSame(table.get(bound), table.get(bound));
    }
}
