package dev.sigpage.impl.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A pipe's buffer: bytes come out in the order they went in (POSIX pipes are first in, first out), also when the
 * ring wraps; the capacity is at least 1, and a smaller one is refused by value.
 */
class PipeTest {
    @Test
    void bytesComeOutInTheOrderTheyWentInAcrossTheEndOfTheRing() {
        final Pipe pipe = new Pipe(4);
        assertEquals(3, pipe.offer(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2}, pipe.poll(2));

        assertEquals(3, pipe.offer(new byte[] {4, 5, 6, 7}), "room for three");
        assertEquals(4, pipe.available());
        assertArrayEquals(new byte[] {3, 4, 5, 6}, pipe.poll(8));
        assertEquals(2, pipe.offer(new byte[] {8, 9}));
        assertArrayEquals(new byte[] {8}, pipe.poll(1));
        assertArrayEquals(new byte[] {9}, pipe.poll(1));
        assertArrayEquals(new byte[0], pipe.poll(1));
    }

    @Test
    void aCapacityOfOneIsTheSmallest() {
        final Pipe one = new Pipe(1);
        assertEquals(1, one.capacity());
        assertEquals(1, one.offer(new byte[] {7, 8}));
        assertArrayEquals(new byte[] {7}, one.poll(2));

        final IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new Pipe(0));
        assertEquals("pipe capacity must be at least 1: capacity=0", zero.getMessage());
    }
}
