package dev.sigpage.impl;

import static dev.sigpage.impl.Pages.unchanged;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SignalException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signal 0 is the null signal (POSIX kill, pthread_kill, sigqueue): the target and the permission are checked, and
 * nothing is sent.
 */
class NullSignalTest {
    private Kernel kernel;
    private ModelProcess app;
    private ModelProcess other;
    private ModelThread main;

    @BeforeEach
    void setUp() {
        kernel = new Kernel();
        app = kernel.spawn(1000, 1000);
        other = kernel.spawn(2000, 2000);
        main = app.mainThread();
    }

    @Test
    void signalZeroToALiveTargetSucceedsAndChangesNothing() {
        final byte[][] before = Pages.snapshot(app, other);
        final byte[] region = Pages.bytes(main.region());
        kernel.kill(main, app.pid(), 0);
        kernel.tgkill(main, app.pid(), main.tid(), 0);
        kernel.sigqueue(main, app.pid(), 0, 42L);
        kernel.sigqueueThread(null, app.pid(), main.tid(), 0, 42L);
        assertArrayEquals(before, Pages.snapshot(app, other), "the null signal changed a page");
        assertArrayEquals(region, Pages.bytes(main.region()), "the null signal changed a thread region");
        assertTrue(main.pendingSet().isEmpty());
    }

    @Test
    void signalZeroReportsAMissingProcessOrThread() {
        final SignalException noProcess = unchanged(SignalException.class, () -> kernel.kill(main, 99, 0), app, other);
        assertEquals(Errno.ESRCH, noProcess.errno());
        final SignalException noThread =
                unchanged(SignalException.class, () -> kernel.tgkill(main, app.pid(), 99, 0), app, other);
        assertEquals(Errno.ESRCH, noThread.errno());
        final SignalException queued =
                unchanged(SignalException.class, () -> kernel.sigqueue(main, 99, 0, 1L), app, other);
        assertEquals(Errno.ESRCH, queued.errno());
    }

    @Test
    void signalZeroReportsAMissingPermission() {
        final SignalException e = unchanged(SignalException.class, () -> kernel.kill(main, other.pid(), 0), app, other);
        assertEquals(Errno.EPERM, e.errno());
    }

    @Test
    void negativeSignalsStayInvalid() {
        final SignalException e = unchanged(SignalException.class, () -> kernel.kill(main, app.pid(), -1), app, other);
        assertEquals(Errno.EINVAL, e.errno());
    }
}
