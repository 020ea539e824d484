package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.Signals;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pending standard signal keeps the info of the send that made it pending (first sender wins, under both
 * profiles), and every path that clears a standard bit frees its info slot, so the next send records its own info.
 * A slot left owned makes the next send wait for ever: these tests run their body on a separate thread so that a
 * leak fails at the timeout instead of hanging the build. Concurrent senders are proven in jcstress
 * ({@code ConcurrentSendersRace}) and in {@link LincheckTest}.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StandardInstanceTest {
    private static final int SIGUSR1 = Signals.SIGUSR1;

    private Kernel kernel;
    private ModelProcess app;
    private ModelThread t;
    private ModelThread other;
    private final MutableSigInfo info = new MutableSigInfo();

    private void world(final Profile profile) {
        kernel = new Kernel(KernelConfig.defaults().withProfile(profile));
        app = kernel.spawn(1000, 1000);
        t = app.mainThread();
        other = kernel.spawn(1000, 1000).mainThread();
        t.sigprocmask(MaskHow.BLOCK, Signals.bit(SIGUSR1));
    }

    private void assertClaimed(final int code, final int pid, final long value) {
        t.sigprocmask(MaskHow.UNBLOCK, Signals.bit(SIGUSR1));
        assertEquals(SIGUSR1, t.claim(info));
        assertEquals(code, info.code(), "si_code");
        assertEquals(pid, info.senderPid(), "sender pid");
        assertEquals(value, info.value(), "value");
        t.sigprocmask(MaskHow.BLOCK, Signals.bit(SIGUSR1));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aThreadDirectedSendToAPendingSignalKeepsTheFirstSendersInfo(final Profile profile) {
        world(profile);
        final long first = kernel.sendToThread(null, app.pid(), t.tid(), SIGUSR1, SigInfo.SI_QUEUE, 7);
        final long second = kernel.sendToThread(other, app.pid(), t.tid(), SIGUSR1, SigInfo.SI_QUEUE, 42);
        assertEquals(0, first & Signals.bit(SIGUSR1), "the first send made it pending");
        assertNotEquals(0, second & Signals.bit(SIGUSR1), "the second send found it pending");
        assertClaimed(SigInfo.SI_KERNEL, 0, 7);
        assertEquals(0, t.claim(info), "one instance");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aProcessDirectedSendToAPendingSignalKeepsTheFirstSendersInfo(final Profile profile) {
        world(profile);
        kernel.kill(null, app.pid(), SIGUSR1);
        final long second = kernel.sendToProcess(other, app.pid(), SIGUSR1, SigInfo.SI_USER, 0);
        assertNotEquals(0, second & Signals.bit(SIGUSR1), "the second send found it pending");
        assertClaimed(SigInfo.SI_KERNEL, 0, 0);
        assertEquals(0, t.claim(info), "one instance");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aClaimFreesTheSlotForTheNextSend(final Profile profile) {
        world(profile);
        kernel.tgkill(null, app.pid(), t.tid(), SIGUSR1);
        kernel.kill(null, app.pid(), SIGUSR1);
        assertClaimed(SigInfo.SI_KERNEL, 0, 0);
        assertClaimed(SigInfo.SI_KERNEL, 0, 0);
        kernel.tgkill(other, app.pid(), t.tid(), SIGUSR1);
        kernel.kill(other, app.pid(), SIGUSR1);
        assertClaimed(SigInfo.SI_TKILL, other.process().pid(), 0);
        assertClaimed(SigInfo.SI_USER, other.process().pid(), 0);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void anIgnoringActionFreesTheSlotOfWhatItDiscards(final Profile profile) {
        world(profile);
        kernel.tgkill(null, app.pid(), t.tid(), SIGUSR1);
        kernel.kill(null, app.pid(), SIGUSR1);
        app.sigaction(t, SIGUSR1, SigAction.IGNORE);
        app.sigaction(t, SIGUSR1, SigAction.DEFAULT);
        assertEquals(0, t.pendingBits() & Signals.bit(SIGUSR1), "discarded");
        kernel.tgkill(other, app.pid(), t.tid(), SIGUSR1);
        assertClaimed(SigInfo.SI_TKILL, other.process().pid(), 0);
        kernel.kill(other, app.pid(), SIGUSR1);
        assertClaimed(SigInfo.SI_USER, other.process().pid(), 0);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void sigtimedwaitFreesTheSlot(final Profile profile) {
        world(profile);
        kernel.tgkill(null, app.pid(), t.tid(), SIGUSR1);
        kernel.kill(null, app.pid(), SIGUSR1);
        assertEquals(SIGUSR1, t.sigtimedwait(dev.sigpage.api.SignalSet.of(SIGUSR1), info, 0));
        assertEquals(SIGUSR1, t.sigtimedwait(dev.sigpage.api.SignalSet.of(SIGUSR1), info, 0));
        kernel.tgkill(other, app.pid(), t.tid(), SIGUSR1);
        kernel.kill(other, app.pid(), SIGUSR1);
        assertClaimed(SigInfo.SI_TKILL, other.process().pid(), 0);
        assertClaimed(SigInfo.SI_USER, other.process().pid(), 0);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aForkedChildsPendingInstanceKeepsItsInfoAndFreesItsSlot(final Profile profile) {
        world(profile);
        kernel.kill(null, app.pid(), SIGUSR1);
        final ModelProcess child = app.fork(t);
        final ModelThread c = child.mainThread();
        final boolean copied = (child.control().pendingWord() & Signals.bit(SIGUSR1)) != 0;
        kernel.kill(other, child.pid(), SIGUSR1);
        c.sigprocmask(MaskHow.UNBLOCK, Signals.bit(SIGUSR1));
        assertEquals(SIGUSR1, c.claim(info));
        assertEquals(copied ? 0 : other.process().pid(), info.senderPid(), "the first sender of the child's instance");
        kernel.kill(other, child.pid(), SIGUSR1);
        assertEquals(SIGUSR1, c.claim(info));
        assertEquals(other.process().pid(), info.senderPid());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theSlotIsOwnedExactlyWhileAnInstanceIsPending(final Profile profile) {
        world(profile);
        assertFalse(t.queue.standardSlotOwned(SIGUSR1));
        assertFalse(app.queue.standardSlotOwned(SIGUSR1));
        kernel.tgkill(null, app.pid(), t.tid(), SIGUSR1);
        kernel.kill(null, app.pid(), SIGUSR1);
        assertTrue(t.queue.standardSlotOwned(SIGUSR1));
        assertTrue(app.queue.standardSlotOwned(SIGUSR1));
        t.sigprocmask(MaskHow.UNBLOCK, Signals.bit(SIGUSR1));
        t.claim(info);
        t.claim(info);
        assertFalse(t.queue.standardSlotOwned(SIGUSR1));
        assertFalse(app.queue.standardSlotOwned(SIGUSR1));
    }

    /**
     * The raise adds the bit (one getAndAdd), which is an OR only while the bit is clear. A bit written raw (the public
     * flyweight, bypassing the slot) is seen by the send's first read, and the send merges instead of adding it again;
     * an add would carry into the next signal's bit (thread word) or the next pending bit (process word).
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void aSendMergesIntoABitWrittenRawInsteadOfAddingIt(final Profile profile) {
        world(profile);
        t.control().raisePending(SIGUSR1);
        app.control().raisePending(SIGUSR1);
        final long thread = kernel.sendToThread(other, app.pid(), t.tid(), SIGUSR1, SigInfo.SI_TKILL, 0);
        final long process = kernel.sendToProcess(other, app.pid(), SIGUSR1, SigInfo.SI_USER, 0);
        assertNotEquals(0, thread & Signals.bit(SIGUSR1), "the thread-directed send found it pending");
        assertNotEquals(0, process & Signals.bit(SIGUSR1), "the process-directed send found it pending");
        assertEquals(Signals.bit(SIGUSR1), t.threadPendingBits(), "thread pending bits");
        assertEquals(Signals.bit(SIGUSR1), app.control().pendingWord(), "process pending word");
        assertFalse(t.queue.standardSlotOwned(SIGUSR1), "a merged send takes no slot");
        assertFalse(app.queue.standardSlotOwned(SIGUSR1), "a merged send takes no slot");
    }

    /**
     * Each standard signal has its own info slot (DESIGN.md: one 16-byte slot per standard signal, code, owner,
     * value): taking and freeing one signal's slot leaves a neighbour's pending value whole, all 64 bits of it.
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void neighbouringSignalsKeepTheirOwnInfoSlots(final Profile profile) {
        world(profile);
        final int sigusr2 = Signals.SIGUSR2;
        final int sigpipe = Signals.SIGPIPE;
        assertEquals(sigusr2 + 1, sigpipe, "neighbours");
        t.sigprocmask(MaskHow.BLOCK, dev.sigpage.api.SignalSet.of(sigusr2, sigpipe));
        kernel.sendToThread(null, app.pid(), t.tid(), sigpipe, SigInfo.SI_QUEUE, 5);
        kernel.sendToThread(null, app.pid(), t.tid(), sigusr2, SigInfo.SI_QUEUE, 0x1234_5678_9ABC_DEF0L);
        t.sigprocmask(MaskHow.UNBLOCK, Signals.bit(sigpipe));
        assertEquals(sigpipe, t.claim(info));
        assertEquals(5, info.value());
        t.sigprocmask(MaskHow.UNBLOCK, Signals.bit(sigusr2));
        assertEquals(sigusr2, t.claim(info));
        assertEquals(0x1234_5678_9ABC_DEF0L, info.value());
        assertFalse(t.queue.standardSlotOwned(sigusr2));
        assertFalse(t.queue.standardSlotOwned(sigpipe));
    }

    /**
     * An imported Redox dump keeps the slot rule: a standard signal pending in the dump owns its slot until claimed,
     * one not pending leaves it free, whatever the target held before the import.
     */
    @org.junit.jupiter.api.Test
    void anImportedDumpOwnsTheSlotsOfItsPendingInstancesOnly() {
        world(Profile.REDOX);
        final int sigterm = Signals.SIGTERM;
        t.sigprocmask(MaskHow.BLOCK, dev.sigpage.api.SignalSet.of(SIGUSR1, sigterm));
        kernel.kill(null, app.pid(), sigterm);
        kernel.tgkill(null, app.pid(), t.tid(), SIGUSR1);
        final byte[] page = RedoxDump.processPage(app);
        final byte[] region = RedoxDump.threadRegion(t);

        final ModelProcess copy = kernel.spawn(1000, 1000);
        final ModelThread c = copy.mainThread();
        c.sigprocmask(MaskHow.BLOCK, dev.sigpage.api.SignalSet.of(Signals.SIGUSR2, Signals.SIGINT));
        kernel.kill(null, copy.pid(), Signals.SIGUSR2);
        kernel.tgkill(null, copy.pid(), c.tid(), Signals.SIGINT);
        assertTrue(copy.queue.standardSlotOwned(Signals.SIGUSR2));
        assertTrue(c.queue.standardSlotOwned(Signals.SIGINT));

        RedoxDump.load(copy, page, c, region);
        assertTrue(copy.queue.standardSlotOwned(sigterm), "process SIGTERM pending in the dump");
        assertFalse(copy.queue.standardSlotOwned(Signals.SIGUSR2), "process SIGUSR2 not pending in the dump");
        assertFalse(copy.queue.standardSlotOwned(SIGUSR1));
        assertTrue(c.queue.standardSlotOwned(SIGUSR1), "thread SIGUSR1 pending in the dump");
        assertFalse(c.queue.standardSlotOwned(Signals.SIGINT), "thread SIGINT not pending in the dump");
        assertFalse(c.queue.standardSlotOwned(sigterm));
    }

    /** REDOX fork keeps standard pending signals (DESIGN.md), each with its sender's pid and real uid. */
    @org.junit.jupiter.api.Test
    void aRedoxForkKeepsThePendingInstancesSenderUid() {
        world(Profile.REDOX);
        t.sigprocmask(MaskHow.BLOCK, Signals.bit(Signals.SIGUSR2));
        kernel.kill(other, app.pid(), SIGUSR1);
        kernel.tgkill(other, app.pid(), t.tid(), Signals.SIGUSR2);
        final ModelThread c = app.fork(t).mainThread();
        c.sigprocmask(MaskHow.SETMASK, dev.sigpage.api.SignalSet.empty());
        // thread-directed standard signals are claimed before process-directed ones (DESIGN.md, Claim).
        assertEquals(Signals.SIGUSR2, c.claim(info));
        assertEquals(other.process().pid(), info.senderPid());
        assertEquals(1000, info.senderUid(), "thread-directed instance's sender uid");
        assertEquals(SIGUSR1, c.claim(info));
        assertEquals(other.process().pid(), info.senderPid());
        assertEquals(1000, info.senderUid(), "process-directed instance's sender uid");
    }
}
