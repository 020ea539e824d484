package dev.sigpage.impl;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalThread;
import dev.sigpage.api.Signals;
import java.util.Objects;

/**
 * The actions of one process, in its page: {@code sigaction} (with the discard an ignoring action causes), the
 * reset of an {@code SA_RESETHAND} handler at delivery, and the copy into a forked child. Writers serialize on the
 * process's lock; readers of both words of an action hold it too, senders read {@code first} alone.
 */
final class ProcessActions {
    private final ModelProcess process;
    private final Object lock;

    ProcessActions(final ModelProcess process, final Object lock) {
        this.process = process;
        this.lock = lock;
    }

    /** Writes the fresh action of every signal that has one; the process is not yet published. */
    void initFresh() {
        final ProfileRules rules = process.kernel.rules();
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            if (rules.hasFreshAction(sig)) {
                process.control.putActionUnchecked(sig, rules.freshFirst(sig), 0L);
            }
        }
    }

    /** {@code sigaction}: see {@link ModelProcess#sigaction(SignalThread, int, SigAction)}. */
    SigAction set(final SignalThread caller, final int sig, final SigAction act) {
        Signals.checkSignal(sig);
        Objects.requireNonNull(act, "act");
        if (sig == Signals.SIGKILL || sig == Signals.SIGSTOP) {
            throw new SignalException(
                    Errno.EINVAL, "the action of SIGKILL and SIGSTOP cannot be changed", "signal", sig);
        }
        final ProfileRules rules = process.kernel.rules();
        if ((act.flags() & ~rules.acceptedSaFlags()) != 0) {
            throw new SignalException(
                    Errno.EINVAL,
                    "flags must be a subset of " + SaFlags.toString(SaFlags.SUPPORTED),
                    "flags",
                    act.flags() & 0xFFFF_FFFFL);
        }
        final ModelThread c = caller == null ? null : process.own(caller, "caller");
        final long first = rules.encodeFirst(sig, act);
        final long userData = rules.encodeUserData(sig, act);
        synchronized (lock) {
            process.checkAlive();
            final SigAction old = of(sig);
            process.control.putActionUnchecked(sig, first, userData);
            if (first < 0) {
                if (rules.ignoreDiscardsEverywhere()) {
                    process.discard(Signals.bit(sig));
                } else {
                    discardHere(c, sig);
                }
            }
            return old;
        }
    }

    /** The action of a signal, decoded from the page; both words under the lock, so they are one action's. */
    SigAction of(final int sig) {
        final ProcessControl control = process.control;
        synchronized (lock) {
            return process.kernel
                    .rules()
                    .decode(sig, control.actionFirstUnchecked(sig), control.actionMaskUnchecked(sig));
        }
    }

    /**
     * The sigaction lock. A reader that needs both words of an action (a delivery) holds it; a sender reads
     * {@code first} alone (one volatile read) without it.
     */
    Object lock() {
        return lock;
    }

    /** Redox's discard: the process word and the caller's word; other threads and queued entries stay. */
    private void discardHere(final ModelThread caller, final int sig) {
        if (Signals.isRealtime(sig)) {
            process.control.claimPendingUnchecked(sig);
            if (caller != null) {
                caller.control.clearPendingUnchecked(sig);
            }
            return;
        }
        StandardInstance.discardFromProcess(process.control, process.queue, sig);
        if (caller != null) {
            StandardInstance.discardFromThread(caller.control, caller.queue, sig);
        }
    }

    /** SA_RESETHAND at delivery: back to SIG_DFL unless the action changed meanwhile. */
    void resetHandler(final int sig, final long first) {
        synchronized (lock) {
            if (process.isAlive() && process.control.actionFirstUnchecked(sig) == first) {
                final ProfileRules rules = process.kernel.rules();
                process.control.putActionUnchecked(
                        sig, rules.encodeFirst(sig, SigAction.DEFAULT), rules.encodeUserData(sig, SigAction.DEFAULT));
            }
        }
    }

    /** Copies the actions into a child's page; the caller holds this process's lock. */
    void copyTo(final ModelProcess child) {
        final ProcessControl control = process.control;
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            if (Signals.isValid(sig)) {
                // the actions are written under this process's lock, which the caller holds.
                child.control.putActionUnchecked(
                        sig, control.actionFirstUnchecked(sig), control.actionMaskUnchecked(sig));
            }
        }
    }
}
