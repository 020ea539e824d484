package dev.sigpage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The edges of each range and every accessor of the value types, written as literals from DESIGN.md, the layout
 * diagrams in the descriptors' javadoc and Linux's headers: the survivors and uncovered mutants of PIT's run on
 * protocol-api (docs/PROOFS.md) are killed here.
 */
class ApiBoundaryTest {

    @Test
    void signalRangesIncludeBothEnds() {
        assertEquals("SIGHUP", Signals.name(1));
        assertThrows(IllegalArgumentException.class, () -> Signals.name(0));
        assertTrue(Signals.isRealtime(33));
        assertTrue(Signals.isRealtime(64));
        assertFalse(Signals.isRealtime(32));
        assertFalse(Signals.isRealtime(65));
        assertTrue(Signals.isValid(1));
        assertTrue(Signals.isValid(31));
        assertFalse(Signals.isValid(32));
        assertTrue(Signals.isValid(33));
        assertTrue(Signals.isValid(64));
        assertFalse(Signals.isValid(0));
        assertFalse(Signals.isValid(65));
        assertEquals(1L, Signals.bit(1));
        assertEquals(1L << 9, Signals.bit(10));
        assertEquals(Long.MIN_VALUE, Signals.bit(64));
    }

    @Test
    void maskHowCodesAreExactlyZeroToTwo() {
        assertSame(MaskHow.BLOCK, MaskHow.fromCode(0));
        assertSame(MaskHow.UNBLOCK, MaskHow.fromCode(1));
        assertSame(MaskHow.SETMASK, MaskHow.fromCode(2));
        for (final int code : new int[] {-1, 3}) {
            final SignalException e = assertThrows(SignalException.class, () -> MaskHow.fromCode(code));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals(code, e.value());
        }
    }

    @Test
    void threadWordOffsetsAndBits() {
        // signal n in word (n-1)/32 at bit (n-1)%32; word 0 at 0, word 1 at 8; allow bits 32-63
        assertEquals(0, ThreadControlDescriptor.wordOffset(1));
        assertEquals(0, ThreadControlDescriptor.wordOffset(31));
        assertEquals(0, ThreadControlDescriptor.wordOffset(32));
        assertEquals(8, ThreadControlDescriptor.wordOffset(33));
        assertEquals(8, ThreadControlDescriptor.wordOffset(64));
        assertEquals(1L << 32, ThreadControlDescriptor.allowBit(1));
        assertEquals(1L << 33, ThreadControlDescriptor.allowBit(2));
        assertEquals(1L << 32, ThreadControlDescriptor.allowBit(33));
        assertEquals(Long.MIN_VALUE, ThreadControlDescriptor.allowBit(64));
    }

    @Test
    void processActionOffsets() {
        // 64 actions of 16 bytes from offset 16: first, then user_data
        assertEquals(16, ProcessControlDescriptor.actionFirstOffset(1));
        assertEquals(32, ProcessControlDescriptor.actionFirstOffset(2));
        assertEquals(1024, ProcessControlDescriptor.actionFirstOffset(64));
    }

    @Test
    void realtimeQueueLayout() {
        // lock at 0, 32 standard slots of 16 bytes from 16, rings from 528: 16-byte header, 24-byte entries
        assertEquals(16, RealtimeQueueDescriptor.standardInfoOffset(1));
        assertEquals(32, RealtimeQueueDescriptor.standardInfoOffset(2));
        assertEquals(40, RealtimeQueueDescriptor.ringLength(1));
        assertEquals(112, RealtimeQueueDescriptor.ringLength(4));
        assertEquals(528, RealtimeQueueDescriptor.ringOffset(33, 4));
        assertEquals(640, RealtimeQueueDescriptor.ringOffset(34, 4));
        // 528 + 32 x 40 = 1808, rounded up to a multiple of 64
        assertEquals(1856, RealtimeQueueDescriptor.length(1));
        // 528 + 32 x 112 = 4112, rounded up to a multiple of 64
        assertEquals(4160, RealtimeQueueDescriptor.length(4));
        // 528 + 32 x (16 + 65536 x 24) = 50,332,688, rounded up to a multiple of 64
        assertEquals(50_332_736, RealtimeQueueDescriptor.length(65536));
        assertThrows(IllegalArgumentException.class, () -> RealtimeQueueDescriptor.length(0));
        assertThrows(IllegalArgumentException.class, () -> RealtimeQueueDescriptor.length(65537));
    }

    @Test
    void handlerAddressRangeIncludesBothEnds() {
        assertEquals(0L, new SigAction(0L, SignalSet.empty(), 0).handler());
        final long max = (1L << 57) - 1;
        assertEquals(max, new SigAction(max, SignalSet.empty(), 0).handler());
        assertThrows(IllegalArgumentException.class, () -> new SigAction(max + 1, SignalSet.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> new SigAction(-1L, SignalSet.empty(), 0));
    }

    @Test
    void actionKindsAreExclusive() {
        final SigAction handler = SigAction.handler(0x1000, SignalSet.empty(), 0);
        assertTrue(SigAction.DEFAULT.isDefault());
        assertFalse(SigAction.DEFAULT.isIgnored());
        assertFalse(SigAction.DEFAULT.isHandler());
        assertFalse(SigAction.IGNORE.isDefault());
        assertTrue(SigAction.IGNORE.isIgnored());
        assertFalse(SigAction.IGNORE.isHandler());
        assertFalse(handler.isDefault());
        assertFalse(handler.isIgnored());
        assertTrue(handler.isHandler());
    }

    @Test
    void signalSetEmptinessAndHashing() {
        assertTrue(SignalSet.empty().isEmpty());
        assertTrue(SignalSet.ofBits(0L).isEmpty());
        assertEquals(SignalSet.full(), SignalSet.ofBits(-1L));
        assertFalse(SignalSet.of(Signals.SIGINT).isEmpty());
        assertEquals(SignalSet.ofBits(1L << 9), SignalSet.of(10));
        assertEquals(SignalSet.ofBits(1L << 9).hashCode(), SignalSet.of(10).hashCode());
        final Set<Integer> hashes = new HashSet<>();
        for (int sig = 1; sig <= 31; sig++) {
            hashes.add(SignalSet.of(sig).hashCode());
        }
        // not a constant: sets spread over hash buckets
        assertEquals(31, hashes.size());
    }

    @Test
    void valueHoldersGiveBackWhatWasSet() {
        final MutableSigInfo info = new MutableSigInfo().set(10, SigInfo.SI_QUEUE, 7, 1000, 42L);
        assertEquals(10, info.signo());
        assertEquals(-1, info.code());
        assertEquals(7, info.senderPid());
        assertEquals(1000, info.senderUid());
        assertEquals(42L, info.value());
        assertEquals(new SigInfo(10, -1, 7, 1000, 42L), info.toSigInfo());
        assertEquals(new SigInfo(10, -1, 7, 1000, 42L).toString(), info.toString());
        final Delivery d = new Delivery();
        assertSame(d, d.set(0x1000, SaFlags.SA_RESTART, 1L << 1, true, 0x8000));
        d.info().set(10, SigInfo.SI_USER, 1, 0, 0);
        assertEquals(0x1000, d.handler());
        assertEquals(SaFlags.SA_RESTART, d.flags());
        assertEquals(1L << 1, d.savedMask());
        assertTrue(d.onAltStack());
        assertEquals(0x8000, d.altStackTop());
        assertEquals(10, d.signo());
        assertFalse(d.isDefault());
        assertTrue(d.restartsSyscall());
        assertFalse(d.set(0, 0, 0, false, 0).restartsSyscall());
        assertTrue(d.isDefault());
        assertFalse(d.onAltStack());
    }

    @Test
    void namesOfCodesFlagsAndStackStates() {
        assertEquals("SI_USER", SigInfo.codeName(0));
        assertEquals("SI_KERNEL", SigInfo.codeName(0x80));
        assertEquals("SI_QUEUE", SigInfo.codeName(-1));
        assertEquals("SI_TKILL", SigInfo.codeName(-6));
        assertEquals("5", SigInfo.codeName(5));
        assertEquals("0", SaFlags.toString(0));
        assertEquals("SA_SIGINFO|SA_RESTART", SaFlags.toString(4 | 0x1000_0000));
        assertEquals("SA_NOCLDSTOP|0x100", SaFlags.toString(1 | 0x100));
        assertEquals("0x100", SaFlags.toString(0x100));
        assertTrue(new AltStack(0x7000, 8192, 2).isDisabled());
        assertFalse(new AltStack(0x7000, 8192, 1).isDisabled());
        assertTrue(new AltStack(0x7000, 8192, 1).isOnStack());
        assertFalse(new AltStack(0x7000, 8192, 0).isOnStack());
    }
}
