package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.Signals;
import org.junit.jupiter.api.Test;

/**
 * A forked child that has ended keeps its pid until its parent waits for it (POSIX kill: "the process ... has
 * terminated but has not yet been waited for" is still a process): kill succeeds and delivers nothing. Reaping
 * frees the pid, and so does the parent's own end; a spawned process has no parent to wait and is gone at once.
 */
class ZombieTest {
    private static Errno errno(final Runnable r) {
        return assertThrows(SignalException.class, r::run).errno();
    }

    @Test
    void aChildThatEndedCanBeSignalledUntilReaped() {
        for (final Profile profile : Profile.values()) {
            final Kernel k = new Kernel(KernelConfig.defaults().withProfile(profile));
            final ModelProcess parent = k.spawn(1000, 1000);
            final ModelProcess child = parent.fork(parent.mainThread());
            final int pid = child.pid();
            child.exit(42);
            k.kill(parent.mainThread(), pid, Signals.SIGTERM);
            k.kill(parent.mainThread(), pid, Kernel.NULL_SIGNAL);
            k.kill(null, pid, Signals.SIGKILL);
            assertEquals(0L, child.control().pendingWord(), profile + ": nothing is delivered to a zombie");
            assertEquals(42, child.exitStatus(), profile.toString());
            assertFalse(child.isAlive());
            k.reap(child);
            assertEquals(
                    Errno.ESRCH,
                    errno(() -> k.kill(parent.mainThread(), pid, Signals.SIGTERM)),
                    profile + ": a reaped child is gone");
        }
    }

    @Test
    void aZombieKeepsItsOwnersPermission() {
        final Kernel k = new Kernel();
        final ModelProcess parent = k.spawn(1000, 1000);
        final ModelProcess child = parent.fork(parent.mainThread());
        child.exit(0);
        final ModelProcess stranger = k.spawn(2000, 2000);
        assertEquals(Errno.EPERM, errno(() -> k.kill(stranger.mainThread(), child.pid(), Signals.SIGTERM)));
    }

    @Test
    void theParentsEndReapsItsZombies() {
        final Kernel k = new Kernel();
        final ModelProcess parent = k.spawn(1000, 1000);
        final ModelProcess child = parent.fork(parent.mainThread());
        child.exit(0);
        parent.exit(0);
        assertEquals(Errno.ESRCH, errno(() -> k.kill(null, child.pid(), Signals.SIGTERM)));
    }

    @Test
    void aChildOrphanedBeforeItEndsIsGoneAtItsEnd() {
        final Kernel k = new Kernel();
        final ModelProcess parent = k.spawn(1000, 1000);
        final ModelProcess child = parent.fork(parent.mainThread());
        parent.exit(0);
        child.exit(0);
        assertEquals(Errno.ESRCH, errno(() -> k.kill(null, child.pid(), Signals.SIGTERM)));
    }

    @Test
    void aSpawnedProcessIsGoneAtItsEnd() {
        final Kernel k = new Kernel();
        final ModelProcess p = k.spawn(1000, 1000);
        p.exit(0);
        assertEquals(Errno.ESRCH, errno(() -> k.kill(null, p.pid(), Signals.SIGTERM)));
    }
}
