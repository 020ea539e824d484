package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.function.Executable;

/**
 * Test helper: every byte of the given processes' pages, queue regions and thread regions.
 */
final class Pages {
    private Pages() {}

    static byte[][] snapshot(final ModelProcess... processes) {
        final List<byte[]> out = new ArrayList<>();
        for (final ModelProcess p : processes) {
            out.add(bytes(p.page()));
            out.add(bytes(p.realtimeQueue().buffer()));
            if (p.lockFreeQueue != null) {
                out.add(bytes(p.lockFreeQueue.buffer()));
            }
            for (final ModelThread t : p.threads()) {
                out.add(bytes(t.region()));
                out.add(bytes(t.realtimeQueue().buffer()));
                if (t.lockFreeQueue != null) {
                    out.add(bytes(t.lockFreeQueue.buffer()));
                }
            }
        }
        return out.toArray(new byte[0][]);
    }

    static byte[] bytes(final AtomicBuffer buffer) {
        final byte[] b = new byte[buffer.capacity()];
        buffer.getBytes(0, b);
        return b;
    }

    /** Runs a failing action and checks that it changed no byte of the processes' memory. */
    static <T extends Throwable> T unchanged(
            final Class<T> type, final Executable action, final ModelProcess... processes) {
        final byte[][] before = snapshot(processes);
        final T thrown = org.junit.jupiter.api.Assertions.assertThrows(type, action);
        assertArrayEquals(before, snapshot(processes), "a refused operation changed memory");
        return thrown;
    }
}
