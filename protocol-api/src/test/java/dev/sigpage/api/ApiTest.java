package dev.sigpage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vocabulary: values from Linux's headers and DESIGN.md, written as literals.
 */
class ApiTest {
    @Test
    void linuxNumbering() {
        assertEquals(9, Signals.SIGKILL);
        assertEquals(17, Signals.SIGCHLD);
        assertEquals(19, Signals.SIGSTOP);
        assertEquals(20, Signals.SIGTSTP);
        assertEquals(33, Signals.SIGRTMIN);
        assertEquals(64, Signals.SIGRTMAX);
        assertEquals("SIGINT", Signals.name(2));
        assertEquals("SIGSYS", Signals.name(31));
        assertEquals("SIG32", Signals.name(32));
        assertEquals("SIGRTMIN", Signals.name(33));
        assertEquals("SIGRTMIN+2", Signals.name(35));
        assertEquals("SIGRTMIN+31", Signals.name(64));
        assertThrows(IllegalArgumentException.class, () -> Signals.name(65));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 32, 65, -1, 1000})
    void checkSignalIsEinvalNamingTheValue(final int sig) {
        final SignalException e = assertThrows(SignalException.class, () -> Signals.checkSignal(sig));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("signal", e.valueName());
        assertEquals(sig, e.value());
        assertEquals("EINVAL: signal must be in 1..31 or 33..64: signal=" + sig, e.getMessage());
    }

    @Test
    void checkSignalAcceptsBothGroups() {
        assertEquals(1, Signals.checkSignal(1));
        assertEquals(31, Signals.checkSignal(31));
        assertEquals(33, Signals.checkSignal(33));
        assertEquals(64, Signals.checkSignal(64));
        assertTrue(Signals.isRealtime(33));
        assertFalse(Signals.isRealtime(31));
    }

    @Test
    void defaultActions() {
        assertEquals(DefaultAction.IGNORE, Signals.defaultAction(17));
        assertEquals(DefaultAction.IGNORE, Signals.defaultAction(23));
        assertEquals(DefaultAction.IGNORE, Signals.defaultAction(28));
        assertEquals(DefaultAction.STOP, Signals.defaultAction(19));
        assertEquals(DefaultAction.STOP, Signals.defaultAction(20));
        assertEquals(DefaultAction.STOP, Signals.defaultAction(21));
        assertEquals(DefaultAction.STOP, Signals.defaultAction(22));
        assertEquals(DefaultAction.CONTINUE, Signals.defaultAction(18));
        assertEquals(DefaultAction.TERMINATE, Signals.defaultAction(15));
        assertEquals(DefaultAction.TERMINATE, Signals.defaultAction(40));
        assertThrows(SignalException.class, () -> Signals.defaultAction(32));
    }

    @Test
    void signalSetBitsAndOperations() {
        final SignalSet s = SignalSet.of(2, 15);
        assertEquals(0x4002L, s.bits());
        assertEquals("{SIGINT,SIGTERM}", s.toString());
        assertEquals(2, s.lowest());
        assertEquals(0, SignalSet.empty().lowest());
        assertEquals(2, s.size());
        assertTrue(s.contains(15));
        assertFalse(s.contains(3));
        assertEquals(SignalSet.of(2), s.without(15));
        assertEquals(SignalSet.of(2, 15, 64), s.with(64));
        assertEquals(1L << 63, SignalSet.of(64).bits());
        assertEquals(SignalSet.of(1, 2, 15), s.union(SignalSet.of(1)));
        assertEquals(SignalSet.of(15), s.intersection(SignalSet.of(15, 16)));
        assertEquals(SignalSet.of(2), s.minus(SignalSet.of(15)));
        assertEquals(SignalSet.ofBits(~0x4002L), s.complement());
        assertEquals(SignalSet.ofBits(0x4002L), s);
        assertEquals(s.hashCode(), SignalSet.ofBits(0x4002L).hashCode());
        assertNotEquals(s, SignalSet.of(2));
        assertTrue(SignalSet.empty().isEmpty());
        assertEquals(64, SignalSet.full().size());
        assertThrows(IllegalArgumentException.class, () -> SignalSet.of(0));
        assertThrows(IllegalArgumentException.class, () -> SignalSet.of(65));
        assertThrows(IllegalArgumentException.class, () -> s.contains(-1));
    }

    @Test
    void signalSetOfANullArrayNamesTheArgument() {
        final NullPointerException e = assertThrows(NullPointerException.class, () -> SignalSet.of((int[]) null));
        assertEquals("signals", e.getMessage());
    }

    @Test
    void maskHowCodes() {
        assertEquals(0, MaskHow.BLOCK.code());
        assertEquals(1, MaskHow.UNBLOCK.code());
        assertEquals(2, MaskHow.SETMASK.code());
        assertEquals(MaskHow.SETMASK, MaskHow.fromCode(2));
        final SignalException e = assertThrows(SignalException.class, () -> MaskHow.fromCode(-1));
        assertEquals("how", e.valueName());
        assertEquals(-1, e.value());
    }

    @Test
    void saFlagsHaveLinuxValues() {
        assertEquals(1, SaFlags.SA_NOCLDSTOP);
        assertEquals(2, SaFlags.SA_NOCLDWAIT);
        assertEquals(4, SaFlags.SA_SIGINFO);
        assertEquals(0x08000000, SaFlags.SA_ONSTACK);
        assertEquals(0x10000000, SaFlags.SA_RESTART);
        assertEquals(0x40000000, SaFlags.SA_NODEFER);
        assertEquals(0x80000000, SaFlags.SA_RESETHAND);
        assertEquals("SA_SIGINFO|SA_RESTART", SaFlags.toString(0x10000004));
        assertEquals("0", SaFlags.toString(0));
    }

    @Test
    void sigActionKinds() {
        assertTrue(SigAction.DEFAULT.isDefault());
        assertTrue(SigAction.IGNORE.isIgnored());
        final SigAction h = SigAction.handler(0x1000, SignalSet.empty(), 0);
        assertTrue(h.isHandler());
        assertThrows(IllegalArgumentException.class, () -> SigAction.handler(0, SignalSet.empty(), 0));
        assertThrows(NullPointerException.class, () -> new SigAction(0, null, 0));
    }

    @Test
    void sigInfoCodesAndMutableCopy() {
        assertEquals(0, SigInfo.SI_USER);
        assertEquals(-1, SigInfo.SI_QUEUE);
        assertEquals(-6, SigInfo.SI_TKILL);
        final MutableSigInfo m = new MutableSigInfo().set(40, SigInfo.SI_QUEUE, 3, 1000, 7);
        assertEquals(new SigInfo(40, -1, 3, 1000, 7), m.toSigInfo());
        assertEquals(0, m.clear().signo());
    }

    @Test
    void errnoNumbers() {
        assertEquals(1, Errno.EPERM.number());
        assertEquals(3, Errno.ESRCH.number());
        assertEquals(4, Errno.EINTR.number());
        assertEquals(11, Errno.EAGAIN.number());
        assertEquals(22, Errno.EINVAL.number());
    }

    @Test
    void descriptorsMatchDesignMd() {
        assertEquals(0, ThreadControlDescriptor.WORD_0_OFFSET);
        assertEquals(8, ThreadControlDescriptor.WORD_1_OFFSET);
        assertEquals(16, ThreadControlDescriptor.SENDER_INFO_OFFSET);
        assertEquals(272, ThreadControlDescriptor.CONTROL_FLAGS_OFFSET);
        assertEquals(280, ThreadControlDescriptor.SAVED_IP_OFFSET);
        assertEquals(288, ThreadControlDescriptor.SAVED_ARCH_REGISTER_OFFSET);
        assertEquals(296, ThreadControlDescriptor.LENGTH);
        assertEquals(16, ThreadControlDescriptor.ALIGNMENT);
        assertEquals(8, ThreadControlDescriptor.wordOffset(33));
        assertEquals(1L << 31, ThreadControlDescriptor.pendingBit(64));
        assertEquals(1L << 32, ThreadControlDescriptor.allowBit(1));
        assertEquals(264, ThreadControlDescriptor.senderInfoOffset(32));
        assertEquals(0xFFFF_FFFF_0000_0005L, ThreadControlDescriptor.packSenderInfo(5, -1));

        assertEquals(0, ProcessControlDescriptor.PENDING_OFFSET);
        assertEquals(16, ProcessControlDescriptor.ACTIONS_OFFSET);
        assertEquals(1040, ProcessControlDescriptor.SENDER_INFO_OFFSET);
        assertEquals(4096, ProcessControlDescriptor.LENGTH);
        assertEquals(4096, ProcessControlDescriptor.ALIGNMENT);
        assertEquals(16, ProcessControlDescriptor.actionFirstOffset(1));
        assertEquals(1032, ProcessControlDescriptor.actionUserDataOffset(64));
        assertEquals(1288, ProcessControlDescriptor.senderInfoOffset(32));
        assertEquals(63, ProcessControlDescriptor.IGNORED_BIT);
        assertEquals(62, ProcessControlDescriptor.SIG_SPECIFIC_BIT);
        assertEquals(57, ProcessControlDescriptor.SIGINFO_BIT);
    }
}
