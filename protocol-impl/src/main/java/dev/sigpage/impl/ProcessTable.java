package dev.sigpage.impl;

import dev.sigpage.api.Signals;

/**
 * The kernel's tables of pids and tids, and how long a pid lives. A process that ends keeps its pid as a zombie
 * until its parent waits for it ({@link #reap}), as POSIX's {@code kill} and {@code waitpid} require; it keeps no
 * thread (their regions and tids go at once). A process with no parent to wait for (spawned, or orphaned by its
 * parent's end) is gone at its end, and a parent's end frees its zombie children: the model's init reaps them.
 * Changes serialize on one lock, taken after a process's own lock; lookups are array reads.
 */
final class ProcessTable {
    private final Kernel kernel;
    private final Object lock = new Object();
    private final IdTable<ModelProcess> processes = new IdTable<>(16);
    private final IdTable<ModelThread> threads = new IdTable<>(64);

    ProcessTable(final Kernel kernel) {
        this.kernel = kernel;
    }

    ModelProcess newProcess(final int ruid, final int suid, final long allow, final ModelProcess parent) {
        synchronized (lock) {
            // the table publishes the process and its pages.
            return processes.add(pid -> {
                final ModelProcess p = new ModelProcess(kernel, pid, ruid, suid, parent);
                if (parent != null) {
                    parent.actions.copyTo(p);
                }
                p.setMainThread(p.attach(allow));
                return p;
            });
        }
    }

    ModelThread newThread(final ModelProcess process, final int slot, final long allow) {
        synchronized (lock) {
            // the table publishes the thread and its region.
            return threads.add(tid -> new ModelThread(kernel, process, tid, slot, allow | Signals.UNBLOCKABLE_BITS));
        }
    }

    void forgetThread(final ModelThread t) {
        synchronized (lock) {
            threads.remove(t.tid, t);
        }
    }

    /**
     * A process ended (it is no longer alive): its zombie children go, its live children become orphans, and it
     * stays as a zombie only if a parent may still wait for it.
     */
    void exited(final ModelProcess p) {
        synchronized (lock) {
            final int bound = processes.bound();
            for (int id = 1; id < bound; id++) {
                final ModelProcess c = processes.get(id);
                if (c != null && c != p && c.ppid() == p.pid() && !c.orphaned) {
                    if (c.isAlive()) {
                        c.orphaned = true;
                    } else {
                        processes.remove(id, c);
                    }
                }
            }
            if (p.ppid() == 0 || p.orphaned) {
                processes.remove(p.pid(), p);
            }
        }
    }

    /** The parent waited for an ended child: its pid is free. */
    void reap(final ModelProcess p) {
        if (p.isAlive()) {
            throw new IllegalStateException("only an ended process can be reaped: pid=" + p.pid());
        }
        synchronized (lock) {
            processes.remove(p.pid(), p);
        }
    }

    /** One past the highest pid in use. */
    int pidBound() {
        return processes.bound();
    }

    ModelThread thread(final int tid) {
        return threads.get(tid);
    }

    /** The process with a pid, alive or a zombie, or null. */
    ModelProcess process(final int pid) {
        return processes.get(pid);
    }
}
