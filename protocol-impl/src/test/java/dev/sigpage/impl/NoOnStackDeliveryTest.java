package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Delivery;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import org.junit.jupiter.api.Test;

/**
 * POSIX sigaction: a handler runs on the alternate stack only if its action has SA_ONSTACK; an alternate stack being
 * set up is not enough.
 */
class NoOnStackDeliveryTest {
    @Test
    void aHandlerWithoutOnStackRunsOnTheThreadsOwnStack() {
        final Kernel k = new Kernel();
        final ModelProcess p = k.spawn(1000, 1000);
        final ModelThread t = p.mainThread();
        t.sigaltstack(new AltStack(0x5000_0000L, 0x4000, 0));
        p.sigaction(Signals.SIGUSR1, SigAction.handler(0x401000L, SignalSet.empty(), 0));
        k.tgkill(null, p.pid(), t.tid(), Signals.SIGUSR1);
        final Delivery d = new Delivery();
        assertEquals(Signals.SIGUSR1, t.deliver(d));
        assertFalse(d.onAltStack(), "no SA_ONSTACK: not on the alternate stack");
        assertEquals(0L, d.altStackTop());
        assertFalse(t.onAltStack());
    }
}
