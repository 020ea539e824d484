package dev.sigpage.impl;

import dev.sigpage.api.ProcessControlDescriptor;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.Signals;

/**
 * The effects a signal has at send time, whatever the target's masks, as the profile's rules decide them. POSIX: a
 * stop signal discards a pending SIGCONT and SIGCONT discards pending stop signals, then the send goes on. Redox
 * (procmgr's {@code on_send_sig}): SIGKILL and the stop signals act here and are never set pending; SIGCONT to a
 * stopped process resumes it, discards stop bits from every thread word and is set pending in the process word
 * unless ignored; SIGCONT to a running process is an ordinary signal. A stop or continue at send time tells the
 * parent with SIGCHLD where the rules say so.
 */
final class SendTimeEffects {
    /** The pid procmgr names as the sender of SIGCHLD (Redox's init). */
    static final int INIT_PID = 1;

    private final Kernel kernel;

    SendTimeEffects(final Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Applies the send-time effects of a validated send.
     *
     * @return true if the send is complete (nothing more is raised)
     */
    boolean complete(final ModelProcess target, final int tid, final int sig) {
        final ProfileRules rules = kernel.rules();
        if (sig == Signals.SIGKILL && rules.killActsAtSend()) {
            kernel.notifyHook(target, tid, sig);
            return true;
        }
        if (rules.stopsAtSend(sig, target.control.actionFirstUnchecked(sig))) {
            if (sig != Signals.SIGSTOP
                    && rules.orphanedGroupDiscardsStopAtSend()
                    && kernel.isOrphanedGroup(target.pgid())) {
                return true;
            }
            stop(target);
            // procmgr raises the parent's SIGCHLD before any caller sees the stop (its waitpid answer comes after).
            notifyParent(target);
            kernel.notifyHook(target, tid, sig);
            return true;
        }
        if (rules.continueOnlyWhenStopped()) {
            if (sig == Signals.SIGCONT && target.isStopped()) {
                resume(target);
                notifyParent(target);
                kernel.notifyHook(target, tid, sig);
                return true;
            }
            return false;
        }
        if (sig == Signals.SIGCONT) {
            target.discard(Signals.STOP_BITS);
        } else if ((Signals.STOP_BITS & Signals.bit(sig)) != 0) {
            target.discard(Signals.bit(Signals.SIGCONT));
        }
        return false;
    }

    /**
     * procmgr's SIGCHLD to the parent of a process stopped or continued at send time: from pid 1 with uid 0,
     * discarded if the parent ignores SIGCHLD or set SA_NOCLDSTOP (bit 62), merged into a pending one.
     */
    private void notifyParent(final ModelProcess child) {
        if (!kernel.rules().stopNotifiesParentAtSend()) {
            return;
        }
        final ModelProcess parent = kernel.processOrNull(child.ppid());
        if (parent == null) {
            return;
        }
        final ProcessControl pc = parent.control;
        final long first = pc.actionFirstUnchecked(Signals.SIGCHLD);
        if (first < 0 || (first & (1L << ProcessControlDescriptor.SIG_SPECIFIC_BIT)) != 0) {
            return;
        }
        // a pending SIGCHLD keeps its first sender's info: the send merges into it and wakes nobody.
        final long prev =
                StandardInstance.raiseInProcess(pc, parent.queue, Signals.SIGCHLD, SigInfo.SI_USER, 0L, INIT_PID, 0);
        if ((prev & Signals.bit(Signals.SIGCHLD)) == 0) {
            parent.wakeFor(Signals.SIGCHLD);
        }
    }

    /** A stop at send time: stopped, SIGCONT discarded from every thread word and the process word. */
    private static void stop(final ModelProcess target) {
        target.stopped(true);
        StandardInstance.discardFromProcess(target.control, target.queue, Signals.SIGCONT);
        for (final ModelThread t : target.threads()) {
            StandardInstance.discardFromThread(t.control, t.queue, Signals.SIGCONT);
        }
    }

    /**
     * A continue at send time: running again, stop signals discarded from every thread's word, SIGCONT pending in
     * the process word unless ignored (even when blocked).
     */
    private static void resume(final ModelProcess target) {
        target.stopped(false);
        for (final ModelThread t : target.threads()) {
            for (int sig = Signals.SIGSTOP; sig <= Signals.SIGTTOU; sig++) {
                StandardInstance.discardFromThread(t.control, t.queue, sig);
            }
        }
        if (!target.control.isIgnoredUnchecked(Signals.SIGCONT)) {
            // no sender info is written for it; a pending SIGCONT stays as it is.
            StandardInstance.raiseInProcessKeepingInfo(target.control, target.queue, Signals.SIGCONT);
            target.wakeFor(Signals.SIGCONT);
        }
    }
}
