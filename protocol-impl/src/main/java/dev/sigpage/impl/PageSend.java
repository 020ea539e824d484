package dev.sigpage.impl;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;

/**
 * The writes of an accepted send into the target's pages, after {@link Kernel} has validated the signal, the
 * sender, the target and the permission: the send-time effects, the discard of an ignored signal, the sender info
 * and the pending bit (or the queued entry), and the wake-up. See {@link Kernel} for the order and its reasons. A
 * realtime entry goes to the ring of the kernel's {@link RealtimeQueueKind}: under the lock with the bit, or
 * published lock-free and the bit raised after it.
 */
final class PageSend {
    private final Kernel kernel;
    private final ProfileRules rules;
    private final SendTimeEffects sendTime;

    PageSend(final Kernel kernel) {
        this.kernel = kernel;
        this.rules = kernel.rules();
        this.sendTime = new SendTimeEffects(kernel);
    }

    /** A process-directed send; see {@link Kernel#sendToProcess}. */
    long toProcess(final ModelThread s, final ModelProcess target, final int sig, final int code, final long value) {
        final int senderPid = s == null ? 0 : s.process.pid();
        final int senderUid = s == null ? 0 : s.process.ruid();
        final boolean queuedAsKill =
                code == SigInfo.SI_QUEUE && !Signals.isRealtime(sig) && rules.sigqueueOfStandardIsKill();
        final int effectiveCode = s == null ? SigInfo.SI_KERNEL : queuedAsKill ? SigInfo.SI_USER : code;
        final long effectiveValue = queuedAsKill ? 0L : value;
        final ProcessControl pc = target.control;
        if (sendTime.complete(target, 0, sig)) {
            return pc.pendingWord();
        }
        kernel.notifyHook(target, 0, sig);
        if (pc.isIgnoredUnchecked(sig)) {
            return Signals.bit(sig);
        }
        if (Signals.isRealtime(sig)) {
            return queueToProcess(target, sig, effectiveCode, value, senderPid, senderUid);
        }
        // take the info slot (CAS), write the info, raise the bit (getAndAdd); or merge into the pending instance.
        final long prev = StandardInstance.raiseInProcess(
                pc, target.queue, sig, effectiveCode, effectiveValue, senderPid, senderUid);
        if ((prev & Signals.bit(sig)) != 0) {
            return prev;
        }
        target.wakeFor(sig);
        return prev;
    }

    /** The realtime half of {@link #toProcess}, out of line so that the standard half inlines into its caller. */
    private long queueToProcess(
            final ModelProcess target,
            final int sig,
            final int effectiveCode,
            final long value,
            final int senderPid,
            final int senderUid) {
        final ProcessControl pc = target.control;
        final long prev;
        if (target.lockFreeQueue != null) {
            if (!target.lockFreeQueue.offer(sig, effectiveCode, senderPid, senderUid, value)) {
                throw full(sig);
            }
            // CAS (SC): the bit goes up after the entry is published; pairs with the claimer's clear and re-check.
            prev = pc.raisePendingUnchecked(sig);
        } else {
            final RealtimeQueue q = target.queue;
            q.lock();
            try {
                if (!q.offerLocked(
                        sig, value, ThreadControlDescriptor.packSenderInfo(senderPid, senderUid), effectiveCode)) {
                    throw full(sig);
                }
                // CAS (SC) under the queue lock: the bit goes up after the entry is in the ring.
                prev = pc.raisePendingUnchecked(sig);
            } finally {
                q.unlock();
            }
        }
        target.wakeFor(sig);
        return prev;
    }

    /** A thread-directed send; see {@link Kernel#sendToThread}. */
    long toThread(
            final ModelThread s,
            final ModelProcess target,
            final ModelThread t,
            final int sig,
            final int code,
            final long value) {
        final int senderPid = s == null ? 0 : s.process.pid();
        final int senderUid = s == null ? 0 : s.process.ruid();
        final int effectiveCode = s == null ? SigInfo.SI_KERNEL : code;

        if (sendTime.complete(target, t.tid, sig)) {
            return Signals.isRealtime(sig) ? t.control.word1() : t.control.word0();
        }
        kernel.notifyHook(target, t.tid, sig);
        if (target.control.isIgnoredUnchecked(sig)) {
            return ThreadControlDescriptor.pendingBit(sig);
        }
        if (Signals.isRealtime(sig)) {
            return queueToThread(t, sig, effectiveCode, value, senderPid, senderUid);
        }
        // take the info slot (CAS), write the info, raise the bit (getAndAdd, whose previous word tells whether the
        // owner allows the signal); or merge into the pending instance, whose sender woke the thread.
        final long prev =
                StandardInstance.raiseInThread(t.control, t.queue, sig, effectiveCode, value, senderPid, senderUid);
        if ((prev & ThreadControlDescriptor.pendingBit(sig)) != 0) {
            return prev;
        }
        if ((prev & ThreadControlDescriptor.allowBit(sig)) != 0) {
            t.wake();
        }
        return prev;
    }

    /** The realtime half of {@link #toThread}, out of line so that the standard half inlines into its caller. */
    private long queueToThread(
            final ModelThread t,
            final int sig,
            final int effectiveCode,
            final long value,
            final int senderPid,
            final int senderUid) {
        final long prev;
        if (t.lockFreeQueue != null) {
            // no merge here: KernelConfig refuses the lock-free queue under the profile whose thread sends merge.
            if (!t.lockFreeQueue.offer(sig, effectiveCode, senderPid, senderUid, value)) {
                throw full(sig);
            }
            // CAS (SC): the bit goes up after the entry is published; pairs with the claimer's clear and re-check.
            prev = t.control.raisePendingUnchecked(sig);
        } else {
            final RealtimeQueue q = t.queue;
            q.lock();
            try {
                if (rules.threadRealtimeMerges()) {
                    // volatile: under the queue lock, a pending instance absorbs the send (one entry, one bit).
                    final long word = t.control.word1();
                    if ((word & ThreadControlDescriptor.pendingBit(sig)) != 0) {
                        return word;
                    }
                }
                if (!q.offerLocked(
                        sig, value, ThreadControlDescriptor.packSenderInfo(senderPid, senderUid), effectiveCode)) {
                    throw full(sig);
                }
                // CAS (SC) under the queue lock: the bit goes up after the entry is in the ring.
                prev = t.control.raisePendingUnchecked(sig);
            } finally {
                q.unlock();
            }
        }
        if ((prev & ThreadControlDescriptor.allowBit(sig)) != 0) {
            t.wake();
        }
        return prev;
    }

    private SignalException full(final int sig) {
        return new SignalException(
                Errno.EAGAIN,
                "realtime queue of depth " + kernel.config().realtimeQueueDepth() + " is full",
                "signal",
                sig);
    }
}
