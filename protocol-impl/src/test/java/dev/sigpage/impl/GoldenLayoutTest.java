package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;

/**
 * Writes through the API and reads raw little-endian bytes at the offsets of DESIGN.md's layout tables. Every
 * offset and expected value below is a literal from DESIGN.md (or Redox's sigabi.rs / redox-rt flag bits), never
 * a descriptor constant.
 */
class GoldenLayoutTest {
    /** Little-endian 64-bit read assembled byte by byte, independent of the buffer's byte order. */
    static long le64(final AtomicBuffer b, final int offset) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b.getByte(offset + i) & 0xFF);
        }
        return v;
    }

    @Test
    void threadRegionIs296BytesSixteenAligned() {
        final ModelThread t = new Kernel().spawn(1000, 1000).mainThread();
        assertEquals(296, t.region().capacity());
        assertEquals(0, t.region().addressOffset() % 16);
    }

    @Test
    void processPageIs4096BytesPageAligned() {
        final ModelProcess p = new Kernel().spawn(1000, 1000);
        assertEquals(4096, p.page().capacity());
        assertEquals(0, p.page().addressOffset() % 4096);
    }

    @Test
    void freshThreadAllowsEverythingAndHasNothingPending() {
        final ModelThread t = new Kernel().spawn(1000, 1000).mainThread();
        assertEquals(0xFFFF_FFFF_0000_0000L, le64(t.region(), 0));
        assertEquals(0xFFFF_FFFF_0000_0000L, le64(t.region(), 8));
    }

    @Test
    void maskChangeWritesAllowHalvesOfWordZeroAndOne() {
        final ModelThread t = new Kernel().spawn(1000, 1000).mainThread();
        // SIGINT = 2 -> word 0 bit 33; SIGRTMIN+1 = 34 -> word 1 bit 33; SIGKILL 9 / SIGSTOP 19 stay allowed.
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(2, 34, 9, 19));
        assertEquals(0xFFFF_FFFD_0000_0000L, le64(t.region(), 0));
        assertEquals(0xFFFF_FFFD_0000_0000L, le64(t.region(), 8));
        t.sigprocmask(MaskHow.SETMASK, SignalSet.full());
        // Only KILL (bit 32 + 8) and STOP (bit 32 + 18) remain in the allow half of word 0.
        assertEquals((1L << 40) | (1L << 50), le64(t.region(), 0));
        assertEquals(0L, le64(t.region(), 8));
    }

    @Test
    void threadDirectedSendSetsPendingBitAndSenderInfoSlot() {
        final Kernel kernel = new Kernel();
        final ModelProcess sender = kernel.spawn(1000, 1000);
        final ModelProcess target = kernel.spawn(1000, 1000);
        final ModelThread t = target.mainThread();
        kernel.tgkill(sender.mainThread(), target.pid(), t.tid(), Signals.SIGUSR1);
        // SIGUSR1 = 10: pending bit 9 of word 0; sender info at 16 + 8 * 9 = 88: pid low, ruid high.
        assertEquals(0xFFFF_FFFF_0000_0200L, le64(t.region(), 0));
        assertEquals((1000L << 32) | sender.pid(), le64(t.region(), 88));
        kernel.sigqueueThread(sender.mainThread(), target.pid(), t.tid(), 64, 5);
        // signal 64: word 1, pending bit 31.
        assertEquals(0xFFFF_FFFF_8000_0000L, le64(t.region(), 8));
    }

    @Test
    void controlFlagsAndSavedRegistersSitAt272And280And288() {
        final ModelThread t = new Kernel().spawn(1000, 1000).mainThread();
        t.inhibitDelivery();
        assertEquals(1L, le64(t.region(), 272));
        t.inhibitDelivery();
        assertEquals(1L, le64(t.region(), 272));
        t.allowDelivery();
        t.allowDelivery();
        assertEquals(0L, le64(t.region(), 272));
        t.control().putSavedIp(0x0000_7f00_1234_5678L);
        t.control().putSavedArchRegister(0x246L);
        assertEquals(0x0000_7f00_1234_5678L, le64(t.region(), 280));
        assertEquals(0x246L, le64(t.region(), 288));
    }

    @Test
    void processDirectedSendSetsPendingWordAndSenderInfoAt1040() {
        final Kernel kernel = new Kernel();
        final ModelProcess sender = kernel.spawn(1000, 1000);
        final ModelProcess target = kernel.spawn(1000, 1000);
        kernel.kill(sender.mainThread(), target.pid(), Signals.SIGTERM);
        // SIGTERM = 15 -> bit 14 of the pending word at 0; sender info at 1040 + 8 * 14 = 1152.
        assertEquals(1L << 14, le64(target.page(), 0));
        assertEquals((1000L << 32) | sender.pid(), le64(target.page(), 1152));
        kernel.sigqueue(sender.mainThread(), target.pid(), 33, 1);
        assertEquals((1L << 14) | (1L << 32), le64(target.page(), 0));
    }

    @Test
    void actionsAreSixteenBytesFrom16WithRedoxFlagBits() {
        final ModelProcess p = new Kernel().spawn(1000, 1000);
        final AtomicBuffer page = p.page();
        // Defaults: SIGCHLD (17) ignored -> bit 63 at 16 + 16 * 16 = 272; SIGTSTP (20) stops -> bit 62 at 320;
        // SIGTERM (15) plain default -> 0 at 240; SIGSTOP (19) -> 0 at 304.
        assertEquals(0x8000_0000_0000_0000L, le64(page, 272));
        assertEquals(0x4000_0000_0000_0000L, le64(page, 320));
        assertEquals(0L, le64(page, 240));
        assertEquals(0L, le64(page, 304));

        // SIGUSR1 (10) at 16 + 16 * 9 = 160: handler | SA_SIGINFO (bit 57) | SA_RESTART (bit 59); sa_mask at 168.
        p.sigaction(
                Signals.SIGUSR1,
                SigAction.handler(0x40_1000L, SignalSet.of(Signals.SIGUSR2), SaFlags.SA_SIGINFO | SaFlags.SA_RESTART));
        assertEquals(0x0A00_0000_0040_1000L, le64(page, 160));
        assertEquals(1L << 11, le64(page, 168));

        // SIGPIPE (13) at 16 + 16 * 12 = 208: SIG_IGN is handler 1 with bit 63.
        p.sigaction(Signals.SIGPIPE, SigAction.IGNORE);
        assertEquals(0x8000_0000_0000_0001L, le64(page, 208));

        // SIGCHLD with a handler and SA_NOCLDSTOP: bit 62 (signal-specific), not ignored.
        p.sigaction(Signals.SIGCHLD, SigAction.handler(0x50_0000L, SignalSet.empty(), SaFlags.SA_NOCLDSTOP));
        assertEquals(0x4000_0000_0050_0000L, le64(page, 272));

        // ONSTACK bit 58, NODEFER bit 60, RESETHAND bit 61 on signal 64 at 16 + 16 * 63 = 1024; sa_mask drops
        // SIGKILL and SIGSTOP.
        p.sigaction(
                64,
                SigAction.handler(
                        0x10L,
                        SignalSet.of(1, 9, 19, 64),
                        SaFlags.SA_ONSTACK | SaFlags.SA_NODEFER | SaFlags.SA_RESETHAND));
        assertEquals(0x3400_0000_0000_0010L, le64(page, 1024));
        assertEquals(0x8000_0000_0000_0001L, le64(page, 1032));
    }

    @Test
    void bytesOutsideTheFieldsStayZero() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        kernel.kill(p.mainThread(), p.pid(), Signals.SIGHUP);
        for (int i = 8; i < 16; i++) {
            assertEquals(0, p.page().getByte(i), "padding byte " + i);
        }
        for (int i = 1296; i < 4096; i++) {
            assertEquals(0, p.page().getByte(i), "unused byte " + i);
        }
    }
}
