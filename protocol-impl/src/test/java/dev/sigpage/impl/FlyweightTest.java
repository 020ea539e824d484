package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The flyweights over caller-supplied buffers: validation at wrap, the primitive operations, and bad input
 * leaving the bytes unchanged.
 */
class FlyweightTest {
    private static AtomicBuffer direct(final int length, final int alignment) {
        final AtomicBuffer b = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, alignment));
        for (int i = 0; i < length; i++) {
            b.putByte(i, (byte) 0x5A);
        }
        return b;
    }

    @Test
    void threadControlWrapsAtAnySixteenAlignedOffsetOfAPage() {
        final AtomicBuffer page = direct(4096, 4096);
        final ThreadControl tc = ThreadControl.wrap(page, 4096 - 304);
        assertEquals(0x5A5A_5A5A_5A5A_5A5AL, tc.word(0));
        assertEquals(4096 - 304, tc.offset());
    }

    @Test
    void threadControlRefusesTooSmallMisalignedOnHeapAndOutOfRange() {
        final AtomicBuffer page = direct(4096, 4096);
        final byte[] before = Pages.bytes(page);
        final IllegalStateException small =
                assertThrows(IllegalStateException.class, () -> ThreadControl.wrap(page, 4096 - 288));
        assertEquals("thread control region needs 296 bytes from the offset: available=288", small.getMessage());
        final IllegalStateException misaligned =
                assertThrows(IllegalStateException.class, () -> ThreadControl.wrap(page, 8));
        assertTrue(
                misaligned.getMessage().startsWith("thread control region must be 16-byte aligned: address=0x"),
                misaligned.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ThreadControl.wrap(page, -16));
        assertThrows(IndexOutOfBoundsException.class, () -> ThreadControl.wrap(page, 4112));
        assertThrows(IllegalStateException.class, () -> ThreadControl.wrap(new UnsafeBuffer(new byte[512]), 0));
        assertThrows(NullPointerException.class, () -> ThreadControl.wrap(null, 0));
        assertArrayEquals(before, Pages.bytes(page));
    }

    @Test
    void processControlRefusesMisalignedAndShortPages() {
        final AtomicBuffer two = direct(8192, 4096);
        final byte[] before = Pages.bytes(two);
        assertThrows(IllegalStateException.class, () -> ProcessControl.wrap(two, 16));
        assertThrows(IllegalStateException.class, () -> ProcessControl.wrap(direct(4000, 4096), 0));
        assertEquals(4096, ProcessControl.wrap(two, 4096).offset());
        assertArrayEquals(before, Pages.bytes(two));
    }

    @Test
    void realtimeQueueRefusesBadDepthAndShortRegions() {
        final AtomicBuffer b = direct(4096, 64);
        assertThrows(IllegalArgumentException.class, () -> RealtimeQueue.wrap(b, 0, 0));
        assertThrows(IllegalStateException.class, () -> RealtimeQueue.wrap(b, 0, 100));
        assertThrows(IllegalStateException.class, () -> RealtimeQueue.wrap(b, 8, 1));
    }

    @Test
    void realtimeQueueKeepsItsBufferAndDepth() {
        final AtomicBuffer b = direct(4096, 64);
        final RealtimeQueue q = RealtimeQueue.wrap(b, 0, 3);
        assertSame(b, q.buffer());
        assertEquals(3, q.depth());
    }

    /**
     * A lock-free region is 32 rings of a 128-byte header and depth 32-byte entries (the descriptor's diagram):
     * 5120 bytes at depth 1, on a 64-byte boundary, off-heap.
     */
    @Test
    void lockFreeQueueRefusesShortMisalignedAndOnHeapRegions() {
        final AtomicBuffer exact = direct(5120, 64);
        final LockFreeRealtimeQueue q = LockFreeRealtimeQueue.wrap(exact, 0, 1);
        assertSame(exact, q.buffer());
        assertEquals(1, q.depth());
        final AtomicBuffer shortOne = direct(5112, 64);
        final byte[] before = Pages.bytes(shortOne);
        final IllegalStateException small =
                assertThrows(IllegalStateException.class, () -> LockFreeRealtimeQueue.wrap(shortOne, 0, 1));
        assertEquals("realtime queue region needs 5120 bytes from the offset: available=5112", small.getMessage());
        assertThrows(IllegalStateException.class, () -> LockFreeRealtimeQueue.wrap(direct(5184, 64), 8, 1));
        assertThrows(
                IllegalStateException.class, () -> LockFreeRealtimeQueue.wrap(new UnsafeBuffer(new byte[5120]), 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> LockFreeRealtimeQueue.wrap(exact, -64, 1));
        assertArrayEquals(before, Pages.bytes(shortOne));
    }

    /** The saved instruction pointer and arch register are the words at 280 and 288 of the region (DESIGN.md). */
    @Test
    void threadControlSavedWordsAtTheirLayoutOffsets() {
        final AtomicBuffer page = direct(4096, 4096);
        final ThreadControl tc = ThreadControl.wrap(page, 512);
        assertSame(page, tc.buffer());
        tc.putSavedIp(0x1122_3344_5566_7788L);
        tc.putSavedArchRegister(0x0246L);
        assertEquals(0x1122_3344_5566_7788L, GoldenLayoutTest.le64(page, 512 + 280));
        assertEquals(0x0246L, GoldenLayoutTest.le64(page, 512 + 288));
        assertEquals(0x1122_3344_5566_7788L, tc.savedIp());
        assertEquals(0x0246L, tc.savedArchRegister());
    }

    /**
     * An action is two words at 16 + 16 x (n-1) of the page (DESIGN.md): {@code first}, the handler with the flag
     * bits 57 (SA_SIGINFO) and 59 (SA_RESTART), then {@code user_data}, the sa_mask with signal n at bit n-1.
     */
    @Test
    void processControlWritesAnActionAtItsLayoutOffsetsAndReadsItBack() {
        final AtomicBuffer two = direct(8192, 4096);
        final ProcessControl pc = ProcessControl.wrap(two, 4096);
        assertSame(two, pc.buffer());
        final SigAction act = SigAction.handler(0x401000L, SignalSet.of(2), SaFlags.SA_RESTART | SaFlags.SA_SIGINFO);
        pc.putAction(10, act);
        assertEquals(0x401000L | 1L << 59 | 1L << 57, GoldenLayoutTest.le64(two, 4096 + 16 + 16 * 9), "first");
        assertEquals(0b10L, GoldenLayoutTest.le64(two, 4096 + 24 + 16 * 9), "user_data");
        assertEquals(0x5A5A_5A5A_5A5A_5A5AL, GoldenLayoutTest.le64(two, 4096 + 16 + 16 * 10), "the next action");
        assertEquals(act, pc.action(10));
        assertEquals(0x401000L | 1L << 59 | 1L << 57, pc.actionFirst(10));
    }

    @Test
    void threadControlPrimitives() {
        final AtomicBuffer page = direct(4096, 4096);
        page.setMemory(0, 4096, (byte) 0);
        final ThreadControl tc = ThreadControl.wrap(page, 512);
        assertEquals(0L, tc.replaceAllow(0, 0xFFFF_FFFF));
        assertEquals(0xFFFF_FFFF_0000_0000L, tc.raisePending(2));
        assertEquals(0xFFFF_FFFF_0000_0002L, tc.raisePending(2));
        assertTrue(tc.clearPending(2));
        assertFalse(tc.clearPending(2));
        assertEquals(0L, tc.raisePending(33), "word 1 is separate");
        assertEquals(1L, tc.word(1));
        tc.putSenderInfo(31, 7, -1);
        assertEquals(0xFFFF_FFFF_0000_0007L, tc.senderInfo(31));
        assertThrows(IllegalArgumentException.class, () -> tc.putSenderInfo(33, 1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> tc.word(-1));
        tc.putControlFlags(1);
        assertEquals(1L, tc.controlFlags());
    }

    @Test
    void badSignalToAPrimitiveChangesNoByte() {
        final AtomicBuffer page = direct(4096, 4096);
        final ThreadControl tc = ThreadControl.wrap(page, 0);
        final ProcessControl pc = ProcessControl.wrap(direct(4096, 4096), 0);
        final byte[] before = Pages.bytes(page);
        for (final int sig : new int[] {0, 32, 65, -3}) {
            assertThrows(SignalException.class, () -> tc.raisePending(sig));
            assertThrows(SignalException.class, () -> tc.clearPending(sig));
            assertThrows(SignalException.class, () -> tc.putSenderInfo(sig, 1, 1));
            assertThrows(SignalException.class, () -> pc.putAction(sig, SigAction.IGNORE));
        }
        assertArrayEquals(before, Pages.bytes(page));
    }

    @Test
    void actionEncodingRoundTrips() {
        for (int sig = 1; sig <= 64; sig++) {
            if (sig == 32) {
                continue;
            }
            final SigAction act = SigAction.handler(
                    0x1_0000_0000L + sig,
                    SignalSet.of(sig, 1).without(9).without(19),
                    SaFlags.SA_RESTART | SaFlags.SA_SIGINFO);
            final long first = ProcessControl.encodeFirst(sig, act);
            assertEquals(act, ProcessControl.decode(sig, first, ProcessControl.encodeMask(act.mask())));
        }
    }
}
