package dev.sigpage.impl;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalKernel;
import dev.sigpage.api.SignalThread;
import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;
import java.util.Objects;

/**
 * The kernel model: it creates processes and threads and sends signals into their pages.
 *
 * <p>A send validates everything before it touches memory (signal number, sender, target, permission), so a
 * refused send leaves every page as it was. Signal 0 is the null signal: it stops there, having sent nothing, so
 * it tells whether the target exists and may be signalled. Then, in this order:
 * <ol>
 * <li>stop/continue side effects: a stop signal discards a pending SIGCONT, SIGCONT discards pending stop signals,
 * in the process and in every thread;</li>
 * <li>a signal whose action is ignored (bit 63 of the action's {@code first} word: SIG_IGN, or SIG_DFL of
 * SIGCHLD/SIGURG/SIGWINCH) is discarded;</li>
 * <li>standard signals: the sender info and the code/value slot are written (release), then the pending bit is
 * raised with one atomic OR (SC) that also yields the allow half; realtime signals: the entry is enqueued and the
 * pending bit raised under the queue's lock, or the send fails with EAGAIN and nothing changes;</li>
 * <li>wake-up: a thread-directed send unparks the target if the previous word allowed the signal; a
 * process-directed send unparks the first parked thread of the signal's sleeper index (O(threads / 64), see
 * {@link SleeperIndex}); running threads see the bit at their next {@link ModelThread#deliveryDue()}.</li>
 * </ol>
 *
 * <p>Lookups of processes and threads are array reads (no boxing), so a send allocates nothing.
 */
public final class Kernel implements SignalKernel {
    /** The null signal: a send of it checks the target and the permission and sends nothing (POSIX kill). */
    public static final int NULL_SIGNAL = 0;

    private final KernelConfig config;
    private final Object tableLock = new Object();
    private final IdTable<ModelProcess> processes = new IdTable<>(16);
    private final IdTable<ModelThread> threads = new IdTable<>(64);
    private volatile SendHook sendHook;

    /**
     * A kernel with {@link KernelConfig#defaults()}.
     *
     * @throws IllegalStateException if the JVM lacks Agrona's flag (the message names it)
     */
    public Kernel() {
        this(KernelConfig.defaults());
    }

    /**
     * A kernel with the given sizes.
     *
     * @param config the sizes
     * @throws IllegalStateException if the JVM lacks Agrona's flag
     *                               ({@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} on the class
     *                               path, {@code =org.agrona} on the module path; the message names both)
     */
    public Kernel(final KernelConfig config) {
        AgronaAccess.check();
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * The configuration.
     *
     * @return the sizes
     */
    public KernelConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- tables

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a uid is negative
     */
    @Override
    public ModelProcess spawn(final int ruid, final int suid) {
        if (ruid < 0) {
            throw new IllegalArgumentException("uid must be 0 or more: ruid=" + ruid);
        }
        if (suid < 0) {
            throw new IllegalArgumentException("uid must be 0 or more: suid=" + suid);
        }
        return newProcess(ruid, suid, -1L, null);
    }

    private ModelProcess newProcess(final int ruid, final int suid, final long allow, final ModelProcess parent) {
        synchronized (tableLock) {
            // the table publishes the process and its pages.
            return processes.add(pid -> {
                final ModelProcess p = new ModelProcess(this, pid, ruid, suid);
                if (parent != null) {
                    parent.copyActionsTo(p);
                }
                p.setMainThread(p.attach(allow));
                return p;
            });
        }
    }

    ModelProcess forkOf(final ModelProcess parent, final long allow) {
        return newProcess(parent.ruid(), parent.suid(), allow, parent);
    }

    ModelThread newThread(final ModelProcess process, final int slot, final long allow) {
        synchronized (tableLock) {
            // the table publishes the thread and its region.
            return threads.add(tid -> new ModelThread(this, process, tid, slot, allow | Signals.UNBLOCKABLE_BITS));
        }
    }

    void forgetThread(final ModelThread t) {
        synchronized (tableLock) {
            threads.remove(t.tid, t);
        }
    }

    void forgetProcess(final ModelProcess p) {
        synchronized (tableLock) {
            processes.remove(p.pid(), p);
        }
    }

    ModelThread threadOrNull(final int tid) {
        return threads.get(tid);
    }

    private ModelProcess processOrNull(final int pid) {
        final ModelProcess p = processes.get(pid);
        return p != null && p.isAlive() ? p : null;
    }

    @Override
    public ModelProcess process(final int pid) {
        final ModelProcess p = processOrNull(pid);
        if (p == null) {
            throw new SignalException(Errno.ESRCH, "no such process", "pid", pid);
        }
        return p;
    }

    /**
     * The live thread with a tid, in any process.
     *
     * @param tid thread id
     * @return the thread
     * @throws SignalException ESRCH for an unknown or exited thread
     */
    public ModelThread thread(final int tid) {
        final ModelThread t = threadOrNull(tid);
        if (t == null || !t.isAlive()) {
            throw new SignalException(Errno.ESRCH, "no such thread", "tid", tid);
        }
        return t;
    }

    /**
     * Installs the hook told of every accepted send (one hook; null removes it).
     *
     * @param hook the hook, or null
     */
    public void sendHook(final SendHook hook) {
        // volatile: read by every send.
        this.sendHook = hook;
    }

    private void notifyHook(final ModelProcess target, final int tid, final int sig) {
        final SendHook hook = sendHook;
        if (hook != null) {
            hook.accepted(target, tid, sig);
        }
    }

    // ---------------------------------------------------------------- senders

    @Override
    public void kill(final SignalThread sender, final int pid, final int sig) {
        sendToProcess(sender, pid, sig, SigInfo.SI_USER, 0L);
    }

    @Override
    public void tgkill(final SignalThread sender, final int pid, final int tid, final int sig) {
        sendToThread(sender, pid, tid, sig, SigInfo.SI_TKILL, 0L);
    }

    @Override
    public void sigqueue(final SignalThread sender, final int pid, final int sig, final long value) {
        sendToProcess(sender, pid, sig, SigInfo.SI_QUEUE, value);
    }

    @Override
    public void sigqueueThread(final SignalThread sender, final int pid, final int tid, final int sig,
        final long value) {
        sendToThread(sender, pid, tid, sig, SigInfo.SI_QUEUE, value);
    }

    private ModelThread checkSender(final SignalThread sender) {
        if (sender == null) {
            return null;
        }
        if (!(sender instanceof ModelThread) || ((ModelThread) sender).kernel != this) {
            throw new IllegalArgumentException("sender must be a thread of this kernel: tid=" + sender.tid());
        }
        final ModelThread s = (ModelThread) sender;
        s.checkAlive();
        return s;
    }

    private static void checkPermission(final ModelThread sender, final ModelProcess target) {
        if (sender == null) {
            return;
        }
        final int uid = sender.process.ruid();
        if (uid != 0 && uid != target.ruid() && uid != target.suid()) {
            throw new SignalException(Errno.EPERM, "sender uid must be 0 or the target's real or saved uid", "uid",
                uid);
        }
    }

    /**
     * The general process-directed send behind {@link #kill} and {@link #sigqueue}, for callers that need to
     * observe it (race tests, benchmarks, accounting): it returns the process pending word as the send's atomic
     * OR found it.
     *
     * @param sender the sending thread, or null for the kernel
     * @param pid    target process
     * @param sig    signal 1..31 or 33..64, or {@link #NULL_SIGNAL} to check the target and send nothing
     * @param code   the si_code to record ({@link SigInfo#SI_USER}, {@link SigInfo#SI_QUEUE}, ...)
     * @param value  the value to record
     * @return the process pending word before the send (with the signal's bit set when the send was discarded
     *     because the signal is ignored), so a caller can tell a newly pending instance (bit clear) from one merged
     *     into a pending instance (bit set); for a realtime signal the instance is queued either way; 0 for the null
     *     signal
     * @throws SignalException EINVAL, EPERM, ESRCH, or EAGAIN (realtime queue full)
     */
    public long sendToProcess(final SignalThread sender, final int pid, final int sig, final int code,
        final long value) {
        checkSignalOrNull(sig);
        final ModelThread s = checkSender(sender);
        final ModelProcess target = process(pid);
        checkPermission(s, target);
        if (sig == NULL_SIGNAL) {
            return 0L;
        }
        final int senderPid = s == null ? 0 : s.process.pid();
        final int senderUid = s == null ? 0 : s.process.ruid();
        final int effectiveCode = s == null ? SigInfo.SI_KERNEL : code;
        stopContinueEffects(target, sig);
        notifyHook(target, 0, sig);
        final ProcessControl pc = target.control;
        if (pc.isIgnoredUnchecked(sig)) {
            return Signals.bit(sig);
        }
        final long prev;
        if (Signals.isRealtime(sig)) {
            final RealtimeQueue q = target.queue;
            q.lock();
            try {
                if (!q.offerLocked(sig, value, ThreadControlDescriptor.packSenderInfo(senderPid, senderUid),
                    effectiveCode)) {
                    throw full(sig);
                }
                // CAS (SC) under the queue lock: the bit goes up after the entry is in the ring.
                prev = pc.raisePendingUnchecked(sig);
            } finally {
                q.unlock();
            }
        } else {
            target.queue.putStandardInfo(sig, effectiveCode, value);
            pc.putSenderInfoUnchecked(sig, senderPid, senderUid);
            // CAS (SC): publishes the info above; the index read in wakeFor is ordered after it.
            prev = pc.raisePendingUnchecked(sig);
        }
        target.wakeFor(sig);
        return prev;
    }

    /**
     * The general thread-directed send behind {@link #tgkill} and {@link #sigqueueThread}, for callers that need
     * to observe it: it returns the target's signal word as the send's atomic OR found it, whose allow half is
     * what the sender saw.
     *
     * @param sender the sending thread, or null for the kernel
     * @param pid    target process
     * @param tid    target thread
     * @param sig    signal 1..31 or 33..64, or {@link #NULL_SIGNAL} to check the target and send nothing
     * @param code   the si_code to record
     * @param value  the value to record
     * @return the thread's word (signals 1-32 or 33-64) before the send (with the signal's pending bit set when
     *     the send was discarded because the signal is ignored); 0 for the null signal
     * @throws SignalException EINVAL, EPERM, ESRCH, or EAGAIN (realtime queue full)
     */
    public long sendToThread(final SignalThread sender, final int pid, final int tid, final int sig,
        final int code, final long value) {
        checkSignalOrNull(sig);
        final ModelThread s = checkSender(sender);
        final ModelProcess target = process(pid);
        final ModelThread t = target.thread(tid);
        if (t == null) {
            throw new SignalException(Errno.ESRCH, "no such thread in process " + pid, "tid", tid);
        }
        checkPermission(s, target);
        if (sig == NULL_SIGNAL) {
            return 0L;
        }
        final int senderPid = s == null ? 0 : s.process.pid();
        final int senderUid = s == null ? 0 : s.process.ruid();
        final int effectiveCode = s == null ? SigInfo.SI_KERNEL : code;

        stopContinueEffects(target, sig);
        notifyHook(target, tid, sig);
        if (target.control.isIgnoredUnchecked(sig)) {
            return ThreadControlDescriptor.pendingBit(sig);
        }
        final long prev;
        if (Signals.isRealtime(sig)) {
            final RealtimeQueue q = t.queue;
            q.lock();
            try {
                if (!q.offerLocked(sig, value, ThreadControlDescriptor.packSenderInfo(senderPid, senderUid),
                    effectiveCode)) {
                    throw full(sig);
                }
                // CAS (SC) under the queue lock: the bit goes up after the entry is in the ring.
                prev = t.control.raisePendingUnchecked(sig);
            } finally {
                q.unlock();
            }
        } else {
            t.queue.putStandardInfo(sig, effectiveCode, value);
            t.control.putSenderInfoUnchecked(sig, senderPid, senderUid);
            // CAS (SC): publishes the info; its previous word tells whether the owner allows the signal.
            prev = t.control.raisePendingUnchecked(sig);
        }
        if ((prev & ThreadControlDescriptor.allowBit(sig)) != 0) {
            t.wake();
        }
        return prev;
    }

    private static void checkSignalOrNull(final int sig) {
        if (sig != NULL_SIGNAL) {
            Signals.checkSignal(sig);
        }
    }

    private SignalException full(final int sig) {
        return new SignalException(Errno.EAGAIN, "realtime queue of depth " + config.realtimeQueueDepth()
            + " is full", "signal", sig);
    }

    private static void stopContinueEffects(final ModelProcess target, final int sig) {
        if (sig == Signals.SIGCONT) {
            target.discard(Signals.STOP_BITS);
        } else if ((Signals.STOP_BITS & Signals.bit(sig)) != 0) {
            target.discard(Signals.bit(Signals.SIGCONT));
        }
    }
}
