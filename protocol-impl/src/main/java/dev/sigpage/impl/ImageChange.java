package dev.sigpage.impl;

import dev.sigpage.api.SigAction;
import dev.sigpage.api.Signals;

/**
 * What {@code fork} and {@code exec} do to a process's signal state beyond the threads, as the profile's rules
 * decide: the pending signals a child keeps, and the actions and pending signals a new image starts with. Called
 * under the process's lock.
 */
final class ImageChange {
    private ImageChange() {}

    /**
     * Redox's fork copies memory: the child's page and its thread's region keep the standard pending bits and
     * their sender info. Realtime bits are not copied: their queue does not follow the child (Redox copies the bit
     * alone, a defect; the model keeps the intended behaviour).
     */
    static void copyPending(final ModelProcess parent, final ModelThread forking, final ModelProcess child) {
        final ProcessControl control = parent.control;
        final ModelThread main = child.mainThread();
        final long standard = 0xFFFF_FFFFL & ~Signals.bit(Signals.RESERVED);
        final long procBits = control.pendingWord() & standard;
        final long threadBits = forking.threadPendingBits() & standard;
        for (int sig = 1; sig < Signals.RESERVED; sig++) {
            if ((procBits & Signals.bit(sig)) != 0) {
                final long info = control.senderInfoUnchecked(sig);
                // the child is not yet published: its slot is free and the send cannot merge.
                StandardInstance.raiseInProcess(
                        child.control,
                        child.queue,
                        sig,
                        parent.queue.standardCode(sig),
                        parent.queue.standardValue(sig),
                        (int) info,
                        (int) (info >>> 32));
            }
            if ((threadBits & Signals.bit(sig)) != 0) {
                final long info = forking.control.senderInfoUnchecked(sig);
                StandardInstance.raiseInThread(
                        main.control,
                        main.queue,
                        sig,
                        forking.queue.standardCode(sig),
                        forking.queue.standardValue(sig),
                        (int) info,
                        (int) (info >>> 32));
            }
        }
    }

    /**
     * The actions and pending signals of a new image: caught actions go back to the fresh state (every action that
     * is not SIG_IGN where the rules restart them), SIG_IGN stays; pending signals go where the rules say so.
     */
    static void restartActions(final ModelProcess process) {
        final ProcessControl control = process.control;
        final ProfileRules rules = process.kernel.rules();
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            if (!Signals.isValid(sig) || sig == Signals.SIGKILL || sig == Signals.SIGSTOP) {
                continue;
            }
            final long handler = rules.handlerOf(control.actionFirstUnchecked(sig));
            if (handler == SigAction.SIG_IGN) {
                continue;
            }
            if (handler != SigAction.SIG_DFL || rules.execRestartsActions()) {
                // a new image starts from the fresh state: POSIX's default encoding, redox-rt's start-up words.
                control.putActionUnchecked(sig, rules.freshFirst(sig), 0L);
            }
        }
        if (!rules.execKeepsPending()) {
            process.discard(-1L & ~Signals.bit(Signals.RESERVED));
        }
    }
}
