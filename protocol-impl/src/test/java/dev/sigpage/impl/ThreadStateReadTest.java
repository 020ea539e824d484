package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Delivery;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import org.junit.jupiter.api.Test;

/**
 * The reads of a thread's own state that the delivery engine uses: the nesting depth of no-delivery sections and
 * whether delivery is inhibited, both ways (outside any section too); and whether a handler runs on the alternate
 * stack, before, during and after one that asked for it.
 */
class ThreadStateReadTest {
    @Test
    void inhibitDepthCountsOpenSectionsAndNoneMeansNotInhibited() {
        final ModelThread t = new Kernel().spawn(1000, 1000).mainThread();
        assertEquals(0, t.inhibitDepth());
        assertFalse(t.deliveryInhibited());
        t.inhibitDelivery();
        t.inhibitDelivery();
        assertEquals(2, t.inhibitDepth());
        assertTrue(t.deliveryInhibited());
        t.allowDelivery();
        assertEquals(1, t.inhibitDepth());
        assertTrue(t.deliveryInhibited());
        t.allowDelivery();
        assertEquals(0, t.inhibitDepth());
        assertFalse(t.deliveryInhibited());
    }

    @Test
    void onAltStackWhileAnOnstackHandlerRunsOnly() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread t = p.mainThread();
        t.sigaltstack(new AltStack(0x7000_0000L, 8192, 0));
        p.sigaction(Signals.SIGSEGV, SigAction.handler(0x4000L, SignalSet.empty(), SaFlags.SA_ONSTACK));
        assertFalse(t.onAltStack());
        kernel.tgkill(null, p.pid(), t.tid(), Signals.SIGSEGV);
        final Delivery delivery = new Delivery();
        assertEquals(Signals.SIGSEGV, t.deliver(delivery));
        assertTrue(t.onAltStack());
        t.sigreturn(delivery);
        assertFalse(t.onAltStack());
    }
}
