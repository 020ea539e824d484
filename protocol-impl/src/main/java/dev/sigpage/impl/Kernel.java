package dev.sigpage.impl;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalKernel;
import dev.sigpage.api.SignalThread;
import dev.sigpage.api.Signals;
import java.util.Objects;

/**
 * The kernel model: it creates processes and threads and sends signals into their pages.
 *
 * <p>A send validates everything before it touches memory (signal number, sender, target, permission), so a
 * refused send leaves every page as it was. Signal 0 is the null signal: it stops there, having sent nothing, so
 * it tells whether the target exists and may be signalled. A process-directed send to a zombie (a forked child
 * that has ended and that its parent has not yet {@linkplain #reap reaped}) stops there too, accepted and
 * delivering nothing, as POSIX's {@code kill} keeps the pid until the parent waits. Then, in this order
 * ({@code PageSend}):
 * <ol>
 * <li>send-time effects ({@code SendTimeEffects}, as the profile's rules say): under POSIX a stop signal discards a
 * pending SIGCONT and SIGCONT discards pending stop signals, in the process and in every thread; under Redox
 * SIGKILL and stop signals act here and are never pending, and SIGCONT resumes a stopped process;</li>
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
    private final ProfileRules rules;
    private final ProcessTable table = new ProcessTable(this);
    private final ProcessGroups groups = new ProcessGroups(this);
    private final PageSend pageSend;
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
        this.rules = config.profile().rules(config);
        this.pageSend = new PageSend(this);
    }

    /**
     * The rules of the configured profile: the one place where each rule that differs between POSIX and Redox is
     * decided.
     *
     * @return the rules
     */
    public ProfileRules rules() {
        return rules;
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
        return table.newProcess(ruid, suid, -1L, null);
    }

    ModelProcess forkOf(final ModelProcess parent, final long allow) {
        return table.newProcess(parent.ruid(), parent.suid(), allow, parent);
    }

    /** The table of pids and tids. */
    ProcessTable table() {
        return table;
    }

    /**
     * The parent waited for a child that has ended: the child's pid is free. Until then the child is a zombie:
     * {@link #kill} of its pid succeeds and delivers nothing. A process without a parent to wait for (spawned, or
     * whose parent ended) needs no reaping.
     *
     * @param child the ended child
     * @throws IllegalStateException if the child has not ended
     */
    public void reap(final ModelProcess child) {
        table.reap(child);
    }

    /** One past the highest pid in use, for a walk over {@link #processOrNull}. */
    int pidBound() {
        return table.pidBound();
    }

    ModelThread threadOrNull(final int tid) {
        return table.thread(tid);
    }

    ModelProcess processOrNull(final int pid) {
        final ModelProcess p = table.process(pid);
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

    void notifyHook(final ModelProcess target, final int tid, final int sig) {
        final SendHook hook = sendHook;
        if (hook != null) {
            hook.accepted(target, tid, sig);
        }
    }

    // ---------------------------------------------------------------- senders

    /**
     * {@inheritDoc}
     *
     * <p>A {@code pid} of 0 or less names a group, as {@code kill} does: 0 the sender's process group, -1 every
     * process the sender may signal ({@link ProfileRules#broadcastIncludesSender} decides whether the sender is one),
     * {@code -pgid} that group. The send succeeds if any target accepted it; else it fails with the last target's
     * error, or ESRCH when no process matched.
     */
    @Override
    public void kill(final SignalThread sender, final int pid, final int sig) {
        if (pid > 0) {
            sendToProcess(sender, pid, sig, SigInfo.SI_USER, 0L);
        } else {
            groups.send(sender, pid, sig);
        }
    }

    /** Whether a live process belongs to a group. */
    boolean groupExists(final int pgid) {
        return groups.exists(pgid);
    }

    /**
     * Whether a process group is orphaned (POSIX's definition, in the model's single session): no member has a
     * live parent in another group. A member without a live parent does not count, as in procmgr's
     * {@code pgrp_is_orphaned}.
     *
     * @param pgid the group
     * @return true if orphaned (an empty group is orphaned)
     */
    public boolean isOrphanedGroup(final int pgid) {
        return groups.isOrphaned(pgid);
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
    public void sigqueueThread(
            final SignalThread sender, final int pid, final int tid, final int sig, final long value) {
        sendToThread(sender, pid, tid, sig, SigInfo.SI_QUEUE, value);
    }

    ModelThread checkSender(final SignalThread sender) {
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

    private void checkPermission(final ModelThread sender, final ModelProcess target) {
        if (sender == null) {
            return;
        }
        final int uid = sender.process.ruid();
        if (!rules.maySignal(uid, target.ruid(), target.suid())) {
            throw new SignalException(Errno.EPERM, rules.permissionRule(), "uid", uid);
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
     *     because the signal is ignored or the target is a zombie), so a caller can tell a newly pending instance (bit clear) from one merged
     *     into a pending instance (bit set); for a realtime signal the instance is queued either way; 0 for the null
     *     signal
     * @throws SignalException EINVAL, EPERM, ESRCH, or EAGAIN (realtime queue full)
     */
    public long sendToProcess(
            final SignalThread sender, final int pid, final int sig, final int code, final long value) {
        checkSignalOrNull(sig);
        final ModelThread s = checkSender(sender);
        final ModelProcess target = table.process(pid);
        if (target == null) {
            throw new SignalException(Errno.ESRCH, "no such process", "pid", pid);
        }
        checkPermission(s, target);
        if (sig == NULL_SIGNAL) {
            return 0L;
        }
        if (!target.isAlive()) {
            // a zombie: its pid stands until its parent waits, and nothing is delivered to it.
            return Signals.bit(sig);
        }
        return pageSend.toProcess(s, target, sig, code, value);
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
    public long sendToThread(
            final SignalThread sender, final int pid, final int tid, final int sig, final int code, final long value) {
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
        return pageSend.toThread(s, target, t, sig, code, value);
    }

    /** A valid signal, or the null signal where the profile has one (both do: POSIX kill and procmgr). */
    void checkSignalOrNull(final int sig) {
        if (sig != NULL_SIGNAL || !rules.nullSignalChecksOnly()) {
            Signals.checkSignal(sig);
        }
    }
}
