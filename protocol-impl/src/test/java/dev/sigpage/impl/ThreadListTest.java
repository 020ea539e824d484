package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SignalException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A process's thread list: live threads only, in tid order whatever slots they occupy; an ended thread's tid is
 * gone from the kernel's table. And the text of a thread and a process, from facts the test knows independently:
 * pids and tids count up from 1 in a new kernel, the uids are the ones given to {@code spawn}.
 */
class ThreadListTest {
    @Test
    void threadsAreListedByTidWhateverTheirSlots() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread main = p.mainThread();
        final ModelThread second = p.createThread(main);
        final ModelThread third = p.createThread(main);
        assertEquals(List.of(1, 2, 3), List.of(main.tid(), second.tid(), third.tid()));
        second.exit();
        // the lowest free slot is the one tid 2 left: tid 4 sits in slot 1, before tid 3 in slot 2.
        final ModelThread fourth = p.createThread(main);
        assertEquals(4, fourth.tid());
        assertEquals(1, fourth.slot);
        assertEquals(2, third.slot);
        assertEquals(List.of(main, third, fourth), p.threads());
    }

    @Test
    void anEndedThreadsTidLeavesTheKernelsTable() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread t = p.createThread(p.mainThread());
        assertSame(t, kernel.threadOrNull(2));
        t.exit();
        assertNull(kernel.threadOrNull(2), "the ended thread is still in the kernel's table");
        assertNull(p.thread(2));
        final SignalException e = assertThrows(() -> kernel.thread(2));
        assertEquals(Errno.ESRCH, e.errno());
        assertEquals(2, e.value());
    }

    @Test
    void everyThreadOfAnEndedProcessLeavesTheKernelsTable() {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        p.createThread(p.mainThread());
        p.exit(0);
        assertNull(kernel.threadOrNull(1));
        assertNull(kernel.threadOrNull(2));
        assertEquals(List.of(), p.threads());
    }

    @Test
    void textOfAThreadAndAProcess() {
        final Kernel kernel = new Kernel();
        final ModelProcess first = kernel.spawn(1000, 1000);
        final ModelProcess p = kernel.spawn(1001, 1002);
        final ModelThread main = p.mainThread();
        final ModelThread t = p.createThread(main);
        assertEquals("ModelThread[tid=3, pid=2]", t.toString());
        assertEquals("ModelProcess[pid=2, ruid=1001, suid=1002]", p.toString());
        t.exit();
        assertEquals("ModelThread[tid=3, pid=2, exited]", t.toString());
        p.exit(0);
        assertEquals("ModelThread[tid=2, pid=2, exited]", main.toString());
        assertEquals("ModelProcess[pid=2, ruid=1001, suid=1002, exited]", p.toString());
        assertEquals("ModelProcess[pid=1, ruid=1000, suid=1000]", first.toString());
    }

    private static SignalException assertThrows(final Runnable r) {
        return org.junit.jupiter.api.Assertions.assertThrows(SignalException.class, r::run);
    }
}
