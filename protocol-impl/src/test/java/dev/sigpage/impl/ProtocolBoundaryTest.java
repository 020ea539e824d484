package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;

/**
 * The flyweights' words at the boundary signals 1, 31, 33 and 64, against the bit and offset literals of DESIGN.md:
 * signal n in thread word (n-1)/32 at bit (n-1)%32, allow bits 32-63; the process pending word at bit n-1; sender
 * info slots of 8 bytes from offset 16 (thread region) and 1040 (process page).
 */
class ProtocolBoundaryTest {

    private static AtomicBuffer page() {
        final AtomicBuffer page = Regions.allocate(4096, 4096);
        page.setMemory(0, 4096, (byte) 0);
        return page;
    }

    @Test
    void threadWordBitsOfSignals1And31And33And64() {
        final AtomicBuffer page = page();
        final ThreadControl tc = ThreadControl.wrap(page, 0);
        assertEquals(0L, tc.raisePending(1));
        assertEquals(0x0000_0000_0000_0001L, page.getLong(0));
        assertEquals(0x0000_0000_0000_0001L, tc.raisePending(31));
        assertEquals(0x0000_0000_4000_0001L, page.getLong(0));
        assertEquals(0L, tc.raisePending(33));
        assertEquals(0x0000_0000_0000_0001L, page.getLong(8));
        assertEquals(0x0000_0000_0000_0001L, tc.raisePending(64));
        assertEquals(0x0000_0000_8000_0001L, page.getLong(8));

        assertTrue(tc.clearPending(64));
        assertEquals(0x0000_0000_0000_0001L, page.getLong(8));
        assertFalse(tc.clearPending(64));
        assertTrue(tc.clearPending(1));
        assertEquals(0x0000_0000_4000_0000L, page.getLong(0));
        assertEquals(0x0000_0000_4000_0000L, tc.word(0));
        assertEquals(0x0000_0000_0000_0001L, tc.word(1));
    }

    @Test
    void allowHalvesAreTheHighWordsAndKeepThePendingHalves() {
        final AtomicBuffer page = page();
        final ThreadControl tc = ThreadControl.wrap(page, 16);
        tc.raisePending(2);
        assertEquals(0x0000_0000_0000_0002L, tc.replaceAllow(0, 0x8000_0001));
        assertEquals(0x8000_0001_0000_0002L, page.getLong(16));
        assertEquals(0x8000_0001_0000_0002L, tc.replaceAllow(0, 0x0000_0004));
        assertEquals(0x0000_0004_0000_0002L, page.getLong(16));
        assertEquals(0L, tc.replaceAllow(1, 0xFFFF_FFFF));
        assertEquals(0xFFFF_FFFF_0000_0000L, page.getLong(24));
        assertEquals(0x0000_0004_0000_0002L, page.getLong(16), "word 0 untouched by word 1's change");
    }

    @Test
    void threadSenderInfoSlotsOfSignals1And31() {
        final AtomicBuffer page = page();
        final ThreadControl tc = ThreadControl.wrap(page, 0);
        tc.putSenderInfo(1, 0x11, 0x22);
        tc.putSenderInfo(31, -2, 7);
        assertEquals(0x0000_0022_0000_0011L, page.getLong(16));
        assertEquals(0x0000_0007_FFFF_FFFEL, page.getLong(16 + 30 * 8));
        assertEquals(0x0000_0022_0000_0011L, tc.senderInfo(1));
        assertEquals(0x0000_0007_FFFF_FFFEL, tc.senderInfo(31));
        assertEquals(0L, page.getLong(16 + 31 * 8), "the slot after signal 31's");
    }

    @Test
    void processPendingBitsOfSignals1And31And33And64() {
        final AtomicBuffer page = page();
        final ProcessControl pc = ProcessControl.wrap(page, 0);
        assertEquals(0L, pc.raisePending(1));
        assertEquals(1L, pc.raisePending(31));
        assertEquals(0x4000_0001L, pc.raisePending(33));
        assertEquals(0x0000_0001_4000_0001L, pc.raisePending(64));
        assertEquals(0x8000_0001_4000_0001L, page.getLong(0));
        assertEquals(0x8000_0001_4000_0001L, pc.pendingWord());

        assertTrue(pc.claimPending(64));
        assertFalse(pc.claimPending(64), "a second claim of one instance loses");
        assertTrue(pc.claimPending(1));
        assertEquals(0x0000_0001_4000_0000L, page.getLong(0));
    }

    @Test
    void processSenderInfoSlotsOfSignals1And31() {
        final AtomicBuffer page = page();
        final ProcessControl pc = ProcessControl.wrap(page, 0);
        pc.putSenderInfo(1, 5, 6);
        pc.putSenderInfo(31, 0x7FFF_FFFF, -1);
        assertEquals(0x0000_0006_0000_0005L, page.getLong(1040));
        assertEquals(0xFFFF_FFFF_7FFF_FFFFL, page.getLong(1040 + 30 * 8));
        assertEquals(0x0000_0006_0000_0005L, pc.senderInfo(1));
        assertEquals(0xFFFF_FFFF_7FFF_FFFFL, pc.senderInfo(31));
    }

    @Test
    void processSenderInfoOfARealtimeSignalIsRefusedByValueWithoutAWrite() {
        final AtomicBuffer page = page();
        final ProcessControl pc = ProcessControl.wrap(page, 0);
        final byte[] before = Pages.bytes(page);
        assertEquals(
                "sender info slots exist for signals 1..31: signal=33",
                assertThrows(IllegalArgumentException.class, () -> pc.putSenderInfo(33, 1, 1))
                        .getMessage());
        assertEquals(
                "sender info slots exist for signals 1..31: signal=64",
                assertThrows(IllegalArgumentException.class, () -> pc.senderInfo(64))
                        .getMessage());
        assertArrayEquals(before, Pages.bytes(page));
    }

    @Test
    void threadSenderInfoOfARealtimeSignalIsRefusedByValueWithoutAWrite() {
        final AtomicBuffer page = page();
        final ThreadControl tc = ThreadControl.wrap(page, 0);
        final byte[] before = Pages.bytes(page);
        assertEquals(
                "sender info slots exist for signals 1..31: signal=33",
                assertThrows(IllegalArgumentException.class, () -> tc.senderInfo(33))
                        .getMessage());
        assertEquals(
                "sender info slots exist for signals 1..31: signal=64",
                assertThrows(IllegalArgumentException.class, () -> tc.putSenderInfo(64, 1, 1))
                        .getMessage());
        assertThrows(dev.sigpage.api.SignalException.class, () -> tc.senderInfo(32));
        assertArrayEquals(before, Pages.bytes(page));
    }

    /** Signal 64, the last action slot: fork copies it, exec resets its handler (DESIGN.md, Inheritance). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Profile.class)
    void forkCopiesAndExecResetsTheActionOfSignal64(final Profile profile) {
        final Kernel kernel = new Kernel(KernelConfig.defaults().withProfile(profile));
        final ModelProcess app = kernel.spawn(1000, 1000);
        final dev.sigpage.api.SigAction handler =
                dev.sigpage.api.SigAction.handler(0x40_1000L, dev.sigpage.api.SignalSet.of(2), 0);
        app.sigaction(64, handler);
        final ModelProcess child = app.fork(app.mainThread());
        assertEquals(handler, child.sigaction(64), "fork copies the action");
        child.exec(child.mainThread());
        assertEquals(dev.sigpage.api.SigAction.DEFAULT, child.sigaction(64), "exec resets the handler");
    }
}
