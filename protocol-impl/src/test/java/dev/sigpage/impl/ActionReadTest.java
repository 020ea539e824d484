package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A delivery reads an action's two words ({@code first}, {@code user_data}) under the process's sigaction lock, as
 * redox-rt's trampoline does, so its handler, flags and mask belong to one action. Here the test holds the lock and
 * writes a new action one word at a time, as a {@code sigaction} in progress does; a delivery started meanwhile must
 * wait for the lock and then use the new action whole. A delivery that reads without the lock finishes while the
 * lock is held, with the old handler and the new mask. The race itself is proven in jcstress
 * ({@code SigactionVsDeliveryRace}).
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ActionReadTest {
    private static final int SIGUSR1 = Signals.SIGUSR1;

    @Test
    void aDeliveryWaitsForASigactionInProgressAndUsesTheNewActionWhole() throws InterruptedException {
        final Kernel kernel = new Kernel();
        final ModelProcess app = kernel.spawn(1000, 1000);
        final ModelThread t = app.mainThread();
        final SigAction a = SigAction.handler(0x1000, SignalSet.of(Signals.SIGUSR2), SaFlags.SA_SIGINFO);
        final SigAction b = SigAction.handler(0x2000, SignalSet.of(Signals.SIGTERM), SaFlags.SA_RESTART);
        app.sigaction(SIGUSR1, a);
        t.sigprocmask(MaskHow.BLOCK, Signals.bit(SIGUSR1));
        kernel.tgkill(null, app.pid(), t.tid(), SIGUSR1);
        final Delivery delivery = new Delivery();
        final AtomicInteger delivered = new AtomicInteger(-1);
        final Thread deliverer = new Thread(() -> {
            t.sigprocmask(MaskHow.UNBLOCK, Signals.bit(SIGUSR1));
            delivered.set(t.deliver(delivery));
        });
        synchronized (app.actions.lock()) {
            // sigaction's first half: the new sa_mask is in the page, the old handler and flags still are.
            app.control.putActionUnchecked(
                    SIGUSR1, ProcessControl.encodeFirst(SIGUSR1, a), ProcessControl.encodeMask(b.mask()));
            deliverer.start();
            Thread.State state;
            do {
                Thread.onSpinWait();
                state = deliverer.getState();
            } while (state != Thread.State.BLOCKED && state != Thread.State.TERMINATED);
            assertEquals(Thread.State.BLOCKED, state, "the delivery read the action while sigaction held the lock");
            app.control.putActionUnchecked(
                    SIGUSR1, ProcessControl.encodeFirst(SIGUSR1, b), ProcessControl.encodeMask(b.mask()));
        }
        deliverer.join();
        assertEquals(SIGUSR1, delivered.get());
        assertEquals(0x2000, delivery.handler());
        assertEquals(SaFlags.SA_RESTART, delivery.flags());
        assertEquals(
                Signals.bit(Signals.SIGTERM) | Signals.bit(SIGUSR1),
                t.maskBits(),
                "the mask in the handler: B's sa_mask and the signal");
    }
}
