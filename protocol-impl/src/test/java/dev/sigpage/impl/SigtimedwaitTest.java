package dev.sigpage.impl;

import static dev.sigpage.api.Signals.SIGCHLD;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import org.junit.jupiter.api.Test;

/**
 * sigtimedwait's edge cases: a pending signal of the set is taken even when its action became an ignoring
 * SIG_DFL while it was blocked, and a zero timeout is a poll that fails with EAGAIN, not EINTR.
 */
class SigtimedwaitTest {
    @Test
    void aBlockedPendingSignalWhoseActionBecameIgnoringIsStillTaken() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread t = p.mainThread();
        p.sigaction(SIGCHLD, SigAction.handler(0x40_1000L, SignalSet.empty(), SaFlags.SA_RESETHAND));
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGCHLD));
        kernel.tgkill(null, p.pid(), t.tid(), SIGCHLD);
        kernel.kill(null, p.pid(), SIGCHLD);
        t.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGCHLD));
        // the thread-directed instance is delivered: SA_RESETHAND makes the action SIG_DFL (ignore for SIGCHLD),
        // and the handler mask blocks SIGCHLD, so the process-directed instance stays pending and blocked.
        final Delivery d = new Delivery();
        assertEquals(SIGCHLD, t.deliver(d));
        assertTrue(p.sigaction(SIGCHLD).isDefault());
        assertTrue(t.sigpending().contains(SIGCHLD), "sigpending must show the blocked instance");

        final MutableSigInfo out = new MutableSigInfo();
        assertEquals(SIGCHLD, t.sigtimedwait(SignalSet.of(SIGCHLD), out, 0));
        assertEquals(SIGCHLD, out.signo());
        assertTrue(t.sigpending().isEmpty());
    }

    @Test
    void aZeroTimeoutFailsWithEagainEvenWhenAnotherSignalIsDeliverable() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread t = p.mainThread();
        p.sigaction(SIGUSR1, SigAction.handler(0x40_1000L, SignalSet.empty(), 0));
        kernel.tgkill(null, p.pid(), t.tid(), SIGUSR1);
        final SignalException e = assertThrows(
                SignalException.class, () -> t.sigtimedwait(SignalSet.of(SIGUSR2), new MutableSigInfo(), 0));
        assertEquals(Errno.EAGAIN, e.errno());
        assertTrue(t.deliverableSet().contains(SIGUSR1), "the other signal stays for its delivery");
    }

    @Test
    void aPositiveTimeoutIsStillInterruptedByAnotherDeliverableSignal() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread t = p.mainThread();
        p.sigaction(SIGUSR1, SigAction.handler(0x40_1000L, SignalSet.empty(), 0));
        kernel.tgkill(null, p.pid(), t.tid(), SIGUSR1);
        final SignalException e = assertThrows(
                SignalException.class,
                () -> t.sigtimedwait(SignalSet.of(SIGUSR2), new MutableSigInfo(), 1_000_000_000L));
        assertEquals(Errno.EINTR, e.errno());
    }
}
