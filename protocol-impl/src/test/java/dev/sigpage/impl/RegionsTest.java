package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** {@link Regions#check}'s alignment rule is about the region's own address: the buffer's address plus the offset. */
class RegionsTest {
    @Test
    void theAlignmentIsOfTheBufferAddressPlusTheOffset() {
        final AtomicBuffer aligned = Regions.allocate(64, 16);
        // a view starting 2 bytes past a 16-byte boundary: its offset 14 is at the next boundary.
        final AtomicBuffer view = new UnsafeBuffer(aligned, 2, 62);
        Regions.check(view, 14, 8, 16, "test region");
        final IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> Regions.check(view, 0, 8, 16, "test region"));
        assertEquals(
                "test region must be 16-byte aligned: address=0x" + Long.toHexString(aligned.addressOffset() + 2),
                e.getMessage());
    }
}
