package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import org.junit.jupiter.api.Test;

/**
 * The printed tables show the seed talk's rows. Expected rows are written out by hand.
 */
class PagePrinterTest {
    @Test
    void threadTableShowsPendingAllowDeliverPerSignal() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread t = p.mainThread();
        // The seed talk's example: pending {3,4,5}, allow all but 4 -> deliver {3,5}.
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(4));
        kernel.tgkill(null, p.pid(), t.tid(), 3);
        kernel.kill(null, p.pid(), 4);
        kernel.tgkill(null, p.pid(), t.tid(), 5);
        final String table = PagePrinter.thread(t);
        assertTrue(table.contains("  Signal   HUP INT QUIT ILL TRAP"), table);
        assertTrue(table.contains("  Pending    0   0    1   1    1    0"), table);
        assertTrue(table.contains("  Allow      1   1    1   0    1    1"), table);
        assertTrue(table.contains("  Deliver    0   0    1   0    1    0"), table);
        assertTrue(table.contains("word0=0xfffffff700000014"), table);
    }

    @Test
    void processPageShowsPendingNonDefaultActionsAndQueues() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        p.sigaction(Signals.SIGPIPE, SigAction.IGNORE);
        kernel.sigqueue(null, p.pid(), Signals.SIGRTMIN + 1, 1);
        kernel.sigqueue(null, p.pid(), Signals.SIGRTMIN + 1, 2);
        kernel.kill(null, p.pid(), Signals.SIGTERM);
        final String text = PagePrinter.process(p);
        assertTrue(text.contains("pending=0x0000000200004000 {SIGTERM,SIGRTMIN+1}"), text);
        assertTrue(text.contains("SIGPIPE      first=0x8000000000000001 handler=SIG_IGN"), text);
        assertTrue(text.contains("queued for process: SIGRTMIN+1 x2"), text);
        assertTrue(!text.contains("SIGCHLD"), "default actions are not listed");
    }
}
