package dev.sigpage.impl;

import dev.sigpage.api.Errno;
import dev.sigpage.api.ProcessControlDescriptor;
import dev.sigpage.api.RealtimeQueueDescriptor;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalProcess;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.SignalThread;
import dev.sigpage.api.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.agrona.concurrent.AtomicBuffer;

/**
 * A process of the kernel model: its 4096-byte, page-aligned process control page (pending set, actions, sender
 * info), its queue region for process-directed realtime signals, its threads and its sleeper index.
 *
 * <p>Sends, claims and mask changes never take a lock. Rare operations that change the set of threads or the
 * actions (thread creation and exit, {@code sigaction}, {@code fork}, {@code exec}, {@code exit}) serialize on the
 * process's lock, as Redox serializes {@code sigaction} on its {@code SIGACTIONS_LOCK}.
 */
public final class ModelProcess implements SignalProcess {
    final Kernel kernel;
    private final int pid;
    private final int ruid;
    private final int suid;
    private final int ppid;
    private volatile int pgid;
    final AtomicBuffer page;
    final ProcessControl control;
    final RealtimeQueue queue;
    /** The lock-free ring of this process's realtime signals under {@link RealtimeQueueKind#LOCK_FREE}, else null. */
    final LockFreeRealtimeQueue lockFreeQueue;

    final SleeperIndex sleepers;
    final AtomicReferenceArray<ModelThread> slots;
    private final Object lock = new Object();
    final ProcessActions actions;
    private volatile ModelThread mainThread;
    private volatile boolean alive = true;
    private volatile int exitStatus;
    private volatile boolean stopped;
    /** Set when the parent ended first: no one will wait for this process. Written under the table's lock. */
    volatile boolean orphaned;

    ModelProcess(final Kernel kernel, final int pid, final int ruid, final int suid, final ModelProcess parent) {
        this.kernel = kernel;
        this.pid = pid;
        this.ppid = parent == null ? 0 : parent.pid;
        this.pgid = parent == null ? pid : parent.pgid;
        this.ruid = ruid;
        this.suid = suid;
        this.page = Regions.allocate(ProcessControlDescriptor.LENGTH, ProcessControlDescriptor.ALIGNMENT);
        this.control = ProcessControl.wrap(page, 0);
        final int depth = kernel.config().realtimeQueueDepth();
        this.queue = RealtimeQueue.wrap(
                Regions.allocate(RealtimeQueueDescriptor.length(depth), RealtimeQueueDescriptor.ALIGNMENT), 0, depth);
        this.lockFreeQueue = kernel.config().realtimeQueueKind() == RealtimeQueueKind.LOCK_FREE
                ? LockFreeRealtimeQueue.allocate(depth)
                : null;
        final int maxThreads = kernel.config().maxThreadsPerProcess();
        this.sleepers = new SleeperIndex(maxThreads);
        this.slots = new AtomicReferenceArray<>(maxThreads);
        this.actions = new ProcessActions(this, lock);
        actions.initFresh();
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public int ruid() {
        return ruid;
    }

    @Override
    public int suid() {
        return suid;
    }

    /**
     * The parent's pid: 0 for a spawned process, the forking process's pid for a child.
     *
     * @return the parent pid
     */
    public int ppid() {
        return ppid;
    }

    /**
     * The process group: its own pid when spawned, the parent's group when forked, or what {@link #setpgid} set.
     * The model has one session.
     *
     * @return the process group id
     */
    public int pgid() {
        return pgid;
    }

    /**
     * Moves the process into a process group ({@code setpgid(0, pgid)} by the process itself).
     *
     * @param group 0 or the process's pid for a new group of its own, else an existing group's id
     * @throws SignalException EINVAL for a negative id, EPERM for a group that has no live member
     */
    public void setpgid(final int group) {
        if (group < 0) {
            throw new SignalException(Errno.EINVAL, "process group must be 0 or more", "pgid", group);
        }
        final int target = group == 0 ? pid : group;
        if (target != pid && !kernel.groupExists(target)) {
            throw new SignalException(
                    Errno.EPERM, "process group must be the caller's pid or an existing group", "pgid", group);
        }
        synchronized (lock) {
            checkAlive();
            // volatile: read by group-directed senders.
            pgid = target;
        }
    }

    @Override
    public ModelThread mainThread() {
        return mainThread;
    }

    @Override
    public List<ModelThread> threads() {
        final List<ModelThread> list = new ArrayList<>();
        for (int i = 0; i < slots.length(); i++) {
            // volatile: the slot table is published by attach's volatile set.
            final ModelThread t = slots.get(i);
            if (t != null) {
                list.add(t);
            }
        }
        list.sort((a, b) -> Integer.compare(a.tid, b.tid));
        return list;
    }

    /**
     * The live thread with a tid.
     *
     * @param tid thread id
     * @return the thread, or null if it is not a live thread of this process
     */
    public ModelThread thread(final int tid) {
        final ModelThread t = kernel.threadOrNull(tid);
        return t != null && t.process == this && t.isAlive() ? t : null;
    }

    void checkAlive() {
        if (!alive) {
            throw ThreadExitedException.process(pid);
        }
    }

    ModelThread own(final SignalThread thread, final String role) {
        Objects.requireNonNull(thread, role);
        if (!(thread instanceof ModelThread) || ((ModelThread) thread).process != this) {
            throw new IllegalArgumentException(role + " must be a thread of process " + pid + ": tid=" + thread.tid());
        }
        final ModelThread t = (ModelThread) thread;
        t.checkAlive();
        return t;
    }

    /** Creates and attaches a thread; the caller holds the lock or the process is not yet published. */
    ModelThread attach(final long initialAllow) {
        for (int slot = 0; slot < slots.length(); slot++) {
            // volatile: slots change only under the process lock, which the caller holds.
            if (slots.get(slot) == null) {
                final ModelThread t = kernel.table().newThread(this, slot, initialAllow);
                // volatile: publishes the initialized region to senders and waiters.
                slots.set(slot, t);
                return t;
            }
        }
        throw new IllegalStateException("process has no free thread slot: maxThreadsPerProcess=" + slots.length());
    }

    void setMainThread(final ModelThread t) {
        mainThread = t;
    }

    @Override
    public ModelThread createThread(final SignalThread creator) {
        synchronized (lock) {
            checkAlive();
            final ModelThread c = own(creator, "creator");
            return attach(c.allowBits());
        }
    }

    void exitThread(final ModelThread t) {
        synchronized (lock) {
            if (!t.isAlive()) {
                return;
            }
            detach(t);
            if (mainThread == t) {
                final List<ModelThread> rest = threads();
                if (!rest.isEmpty()) {
                    mainThread = rest.get(0);
                }
            }
            if (threads().isEmpty()) {
                exitLocked(0);
                return;
            }
            // signals pending for the process that the exiting thread allowed: wake another thread for them.
            retarget(control.pendingWord());
        }
    }

    private void detach(final ModelThread t) {
        t.markExited();
        // CAS (SC): frees the slot after the thread is marked dead; senders reading the slot see null or a dead thread.
        slots.compareAndSet(t.slot, t, null);
        kernel.table().forgetThread(t);
    }

    // ---------------------------------------------------------------- sigaction

    @Override
    public SigAction sigaction(final int sig, final SigAction act) {
        return sigaction(null, sig, act);
    }

    /**
     * {@code sigaction} called by a thread of this process. The thread matters where the profile says so: under
     * {@link Profile#REDOX} an ignoring action discards pending instances from the calling thread's word and the
     * process word only (no thread is the caller when {@code caller} is null); under {@link Profile#POSIX} from
     * every thread and queue.
     *
     * @param caller the calling thread, or null
     * @param sig    1..31 or 33..64, not SIGKILL or SIGSTOP
     * @param act    the new action
     * @return the old action
     * @throws SignalException          EINVAL for an invalid signal, SIGKILL/SIGSTOP or flags the profile refuses
     * @throws IllegalArgumentException if the caller is not a live thread of this process, or the profile cannot
     *                                  store the action
     */
    public SigAction sigaction(final SignalThread caller, final int sig, final SigAction act) {
        return actions.set(caller, sig, act);
    }

    @Override
    public SigAction sigaction(final int sig) {
        Signals.checkSignal(sig);
        return actions.of(sig);
    }

    /**
     * Discards pending instances of signals from the process and from every thread, queued realtime entries
     * included (see {@code PendingDiscard}).
     */
    void discard(final long bits) {
        PendingDiscard.discard(this, bits);
    }

    // ---------------------------------------------------------------- fork, exec, exit

    @Override
    public ModelProcess fork(final SignalThread forking) {
        synchronized (lock) {
            checkAlive();
            final ModelThread f = own(forking, "forking thread");
            final ModelProcess child = kernel.forkOf(this, f.allowBits());
            child.mainThread().altStack.copyFrom(f.altStack);
            if (kernel.rules().forkKeepsPending()) {
                ImageChange.copyPending(this, f, child);
            }
            return child;
        }
    }

    @Override
    public void exec(final SignalThread execing) {
        synchronized (lock) {
            checkAlive();
            final ModelThread e = own(execing, "execing thread");
            for (final ModelThread t : threads()) {
                if (t != e) {
                    detach(t);
                }
            }
            mainThread = e;
            e.altStack.reset();
            ImageChange.restartActions(this);
        }
    }

    @Override
    public void exit(final int status) {
        synchronized (lock) {
            checkAlive();
            exitLocked(status);
        }
    }

    private void exitLocked(final int status) {
        exitStatus = status;
        alive = false;
        for (final ModelThread t : threads()) {
            detach(t);
        }
        kernel.table().exited(this);
    }

    /**
     * The status given to {@link #exit(int)} (0 when the last thread exited).
     *
     * @return the exit status, 0 while alive
     */
    public int exitStatus() {
        return exitStatus;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    /**
     * Whether a stop signal stopped the process at send time and no SIGCONT has resumed it yet. Only kernels whose
     * profile stops at send time ({@link ProfileRules#stopsAtSend}) set it; under POSIX the delivery engine keeps
     * the run state.
     *
     * @return true while stopped
     */
    public boolean isStopped() {
        return stopped;
    }

    /** Set by a stop at send time, cleared by a continue at send time (see {@code SendTimeEffects}). */
    void stopped(final boolean value) {
        // volatile: read by later senders of SIGCONT and by the engine's send hook.
        stopped = value;
    }

    @Override
    public SignalSet pendingSet() {
        return SignalSet.ofBits(control.pendingWord());
    }

    // ---------------------------------------------------------------- wake-ups

    /** Wakes the first parked thread registered for a signal; O(slots / 64). Allocation-free. */
    void wakeFor(final int sig) {
        final int slot = sleepers.findSleeper(sig);
        if (slot >= 0) {
            // volatile: the published thread of the slot found in the index.
            final ModelThread t = slots.get(slot);
            if (t != null) {
                t.wake();
            }
        }
    }

    /** Wakes a parked thread for each of the signals. */
    void retarget(final long bits) {
        long rest = bits;
        while (rest != 0) {
            final int sig = Long.numberOfTrailingZeros(rest) + 1;
            rest &= rest - 1;
            wakeFor(sig);
        }
    }

    // ---------------------------------------------------------------- raw memory

    /**
     * The flyweight over the process page.
     *
     * @return the process control
     */
    public ProcessControl control() {
        return control;
    }

    /**
     * The 4096-byte, page-aligned process page.
     *
     * @return the buffer (its capacity is exactly 4096)
     */
    public AtomicBuffer page() {
        return page;
    }

    /**
     * The locked queue region of process-directed signals: the realtime rings under
     * {@link RealtimeQueueKind#LOCKED}, and the standard signals' code and value slots under either kind.
     *
     * @return the queue flyweight
     */
    public RealtimeQueue realtimeQueue() {
        return queue;
    }

    /**
     * The number of queued process-directed instances of a realtime signal, in the ring of the kernel's queue kind.
     * A snapshot: exact when no send or claim runs concurrently.
     *
     * @param sig 33..64
     * @return entries queued
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     * @throws IllegalArgumentException        for a standard signal
     */
    public int queuedRealtime(final int sig) {
        return lockFreeQueue != null ? lockFreeQueue.count(sig) : queue.count(sig);
    }

    @Override
    public String toString() {
        return "ModelProcess[pid=" + pid + ", ruid=" + ruid + ", suid=" + suid + (alive ? "" : ", exited") + "]";
    }
}
