package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UserMemoryTest {
    @Test
    void readsAcrossAPageBoundary() {
        final byte[] bytes = new byte[64];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i + 1);
        }
        final UserMemory m = new UserMemory().write(0x1fe0L, bytes);
        assertArrayEquals(bytes, m.read(0x1fe0L, 64));
        assertEquals(0x21, m.read(0x2000L, 1)[0]);
        assertTrue(m.isMapped(0x201fL));
        assertFalse(m.isMapped(0x2020L));
    }

    @Test
    void onlyWrittenBytesAreMappedAndTheFirstMissingOneIsNamed() {
        final UserMemory m = new UserMemory().write(0x1000L, new byte[8]).write(0x1010L, new byte[8]);
        assertEquals(OptionalLong.of(0x1008L), m.firstUnmapped(0x1000L, 24));
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.read(0x1000L, 24));
        assertEquals("memory must be mapped: address=0x1008", e.getMessage());
        assertEquals(OptionalLong.empty(), m.firstUnmapped(0x1010L, 8));
    }

    @Test
    void writesThatWrapAreRefusedAndLeaveMemoryUnchanged() {
        final UserMemory m = new UserMemory().write(0x1000L, new byte[] {1});
        final UserMemory before = m.copy();
        assertThrows(IllegalArgumentException.class, () -> m.write(-4L, new byte[8]));
        assertEquals(before, m);
        m.write(-8L, new byte[8]);
        assertTrue(m.isMapped(-1L));
    }

    @Test
    void copiesAreIndependent() {
        final UserMemory m = new UserMemory().write(0x1000L, new byte[] {1});
        final UserMemory c = m.copy();
        c.write(0x1000L, new byte[] {2});
        assertEquals(1, m.read(0x1000L, 1)[0]);
        assertNotEquals(m, c);
    }
}
