package dev.sigpage.impl;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalThread;

/**
 * The kernel's view of process groups (one session): {@code kill} to a group, and the questions senders and
 * {@code setpgid} ask of a group. Walks the process table, which readers see without a lock.
 */
final class ProcessGroups {
    private final Kernel kernel;

    ProcessGroups(final Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * {@code kill} to 0 (the sender's group), -1 (every process the sender may signal, the sender itself as
     * {@link ProfileRules#broadcastIncludesSender} says) or {@code -pgid}. Succeeds if any target accepted the
     * signal; else fails with the last target's error, or ESRCH when no process matched.
     */
    void send(final SignalThread sender, final int pid, final int sig) {
        kernel.checkSignalOrNull(sig);
        final ModelThread s = kernel.checkSender(sender);
        if (pid == 0 && s == null) {
            throw new SignalException(Errno.ESRCH, "the kernel has no process group", "pid", pid);
        }
        final int group = pid == 0 ? s.process.pgid() : pid == -1 ? 0 : -pid;
        final boolean includesSender = kernel.rules().broadcastIncludesSender();
        SignalException last = null;
        int accepted = 0;
        final int bound = kernel.pidBound();
        for (int id = 1; id < bound; id++) {
            final ModelProcess p = kernel.processOrNull(id);
            if (p == null || group != 0 && p.pgid() != group) {
                continue;
            }
            if (pid == -1 && s != null && p == s.process && !includesSender) {
                continue;
            }
            try {
                kernel.sendToProcess(sender, p.pid(), sig, SigInfo.SI_USER, 0L);
                accepted++;
            } catch (final SignalException e) {
                last = e;
            }
        }
        if (accepted == 0) {
            throw last != null ? last : new SignalException(Errno.ESRCH, "no process in the group", "pid", pid);
        }
    }

    /** Whether a live process belongs to a group. */
    boolean exists(final int pgid) {
        final int bound = kernel.pidBound();
        for (int id = 1; id < bound; id++) {
            final ModelProcess p = kernel.processOrNull(id);
            if (p != null && p.pgid() == pgid) {
                return true;
            }
        }
        return false;
    }

    /** See {@link Kernel#isOrphanedGroup(int)}. */
    boolean isOrphaned(final int pgid) {
        final int bound = kernel.pidBound();
        for (int id = 1; id < bound; id++) {
            final ModelProcess p = kernel.processOrNull(id);
            if (p == null || p.pgid() != pgid) {
                continue;
            }
            final ModelProcess parent = kernel.processOrNull(p.ppid());
            if (parent != null && parent.pgid() != pgid) {
                return false;
            }
        }
        return true;
    }
}
