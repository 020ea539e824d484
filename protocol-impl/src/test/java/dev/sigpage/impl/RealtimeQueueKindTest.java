package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kernel configuration selects the realtime queue of every process and thread; the semantics the rest of the
 * suite checks on both kinds ({@code LockFree*Test}) are the same. Here: the selection itself, where the entries
 * go, and the one combination refused.
 */
class RealtimeQueueKindTest {

    @Test
    void theDefaultIsTheLockedQueue() {
        assertEquals(RealtimeQueueKind.LOCKED, KernelConfig.defaults().realtimeQueueKind());
        final ModelProcess p = new Kernel().spawn(1000, 1000);
        assertNull(p.lockFreeQueue);
        assertNull(p.mainThread().lockFreeQueue);
    }

    @ParameterizedTest
    @EnumSource(RealtimeQueueKind.class)
    void entriesGoToTheRingOfTheConfiguredKind(final RealtimeQueueKind kind) {
        final Kernel kernel = new Kernel(KernelConfig.defaults().withRealtimeQueueKind(kind));
        final ModelThread sender = kernel.spawn(0, 0).mainThread();
        final ModelProcess app = kernel.spawn(1000, 1000);
        final ModelThread main = app.mainThread();
        kernel.sigqueue(sender, app.pid(), 40, 7);
        kernel.sigqueueThread(sender, app.pid(), main.tid(), 41, 8);
        final boolean lockFree = kind == RealtimeQueueKind.LOCK_FREE;
        assertEquals(lockFree, app.lockFreeQueue != null);
        assertEquals(lockFree ? 0 : 1, app.realtimeQueue().count(40));
        assertEquals(lockFree ? 0 : 1, main.realtimeQueue().count(41));
        if (lockFree) {
            assertEquals(1, app.lockFreeQueue.count(40));
            assertEquals(1, main.lockFreeQueue.count(41));
        }
        assertEquals(1, app.queuedRealtime(40));
        assertEquals(1, main.queuedRealtime(41));
        assertTrue(PagePrinter.process(app).contains("SIGRTMIN+7 x1"), PagePrinter.process(app));
        assertTrue(PagePrinter.thread(main).contains("SIGRTMIN+8 x1"), PagePrinter.thread(main));
        final MutableSigInfo info = new MutableSigInfo();
        assertEquals(40, main.claim(info));
        assertEquals(7, info.value());
        assertEquals(41, main.claim(info));
        assertEquals(8, info.value());
        assertEquals(0, app.queuedRealtime(40));
        assertTrue(app.pendingSet().isEmpty());
        assertTrue(main.pendingSet().isEmpty());
    }

    @Test
    void aStaleBitOverAnEmptyLockFreeRingIsClearedByTheClaim() {
        final Kernel kernel = new Kernel(KernelConfig.defaults().withRealtimeQueueKind(RealtimeQueueKind.LOCK_FREE));
        final ModelProcess app = kernel.spawn(1000, 1000);
        final ModelThread main = app.mainThread();
        // a raised bit with nothing queued: what a claimer's re-check leaves when another claimer took the entry
        app.control.raisePendingUnchecked(50);
        main.control.raisePendingUnchecked(51);
        assertEquals(0, main.claim(new MutableSigInfo()));
        assertFalse(app.pendingSet().contains(50));
        assertFalse(main.pendingSet().contains(51));
    }

    @Test
    void ignoringDrainsTheLockFreeRings() {
        final Kernel kernel = new Kernel(KernelConfig.defaults().withRealtimeQueueKind(RealtimeQueueKind.LOCK_FREE));
        final ModelThread sender = kernel.spawn(0, 0).mainThread();
        final ModelProcess app = kernel.spawn(1000, 1000);
        final ModelThread main = app.mainThread();
        main.sigprocmask(dev.sigpage.api.MaskHow.BLOCK, SignalSet.of(45));
        for (int i = 0; i < 3; i++) {
            kernel.sigqueue(sender, app.pid(), 45, i);
            kernel.sigqueueThread(sender, app.pid(), main.tid(), 45, i);
        }
        app.sigaction(45, SigAction.IGNORE);
        assertEquals(0, app.lockFreeQueue.count(45));
        assertEquals(0, main.lockFreeQueue.count(45));
        assertTrue(app.pendingSet().isEmpty());
        assertTrue(main.pendingSet().isEmpty());
    }

    @Test
    void theLockFreeQueueIsRefusedUnderTheRedoxProfileNamingBoth() {
        final KernelConfig lockFree = KernelConfig.defaults().withRealtimeQueueKind(RealtimeQueueKind.LOCK_FREE);
        final IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> lockFree.withProfile(Profile.REDOX));
        assertEquals(
                "the lock-free realtime queue cannot merge thread-directed realtime sends as the REDOX profile does:"
                        + " realtimeQueueKind=LOCK_FREE profile=REDOX",
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> KernelConfig.defaults()
                        .withProfile(Profile.REDOX)
                        .withRealtimeQueueKind(RealtimeQueueKind.LOCK_FREE));
        assertThrows(NullPointerException.class, () -> KernelConfig.defaults().withRealtimeQueueKind(null));
        assertNotNull(
                KernelConfig.defaults().withProfile(Profile.REDOX).withRealtimeQueueKind(RealtimeQueueKind.LOCKED));
    }
}
