package dev.sigpage.impl;

import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;

/**
 * The pending instance of a standard signal (1..31) in one target word, thread or process, and its info: the sender
 * info word in the page (pid, ruid) and the code and value in the target's queue region. One instance at most is
 * pending; a send that finds one pending merges into it and changes nothing, so the instance keeps the info of the
 * send that made it pending (first sender wins, as Linux's {@code legacy_queue} and Redox procmgr's kill do), and a
 * claimed siginfo is wholly from that one send.
 *
 * <p>Ownership of the info slot. The three info words cannot be written atomically with the pending bit, and a
 * claimer reads them after its clearing CAS, so the slot has an owner word ({@link RealtimeQueue#takeStandardSlot}):
 * <ul>
 * <li>a sender reads the word: bit set means an instance is pending and the send merges, writing nothing; else it
 * takes the slot (CAS 0 to 1), writes the info, then raises the bit (the atomic OR that publishes it: one
 * {@code getAndAdd} of the bit, as no one else sets the bit while the slot is owned and it is clear); a sender that
 * cannot take the slot reads the word again: bit set, it merges; bit clear means another sender is between its take
 * and its OR, or a claim or discard is between its clear and its release, and the sender waits for it;</li>
 * <li>whoever clears the bit (the owner's claim, the winner of a competitive claim, a discard) reads the info if it
 * needs it and then releases the slot (release store of 0).</li>
 * </ul>
 * So the slot is owned from the take until after the clear: a slot is never rewritten while an instance is pending
 * or a claimer is reading it. A seqlock validated by the claimer would not do: the claimer reads after its clear,
 * when the next sender may already be writing, and a retry would read that next send's info, not the claimed one.
 *
 * <p>Costs: a send is a volatile read, one CAS to take the slot and one {@code getAndAdd} to raise the bit; a merged
 * send, one volatile read; a claim, the clearing CAS (expecting the word its search read), plain and acquire reads
 * and one release store. Nothing allocates.
 *
 * <p>Progress: claims and discards never wait. A sender may spin while another sender of the same signal to the
 * same target is between its take and its OR, or while a claim or discard is between its clear and its release (a
 * few stores each); a sender or claimer preempted there delays the others, as a lock would. A waiting sender spins
 * {@value #SPINS_BEFORE_YIELD} times, then yields the processor at each retry, so that an owner preempted on a
 * machine with more threads than processors runs again instead of waiting out the spinner's time slice. Raw writes
 * through the public flyweights ({@link ThreadControl#raisePending}, {@link ThreadControl#clearPending},
 * {@link ProcessControl#claimPending}) bypass the slot: they are for tests and tools on pages no kernel sends to.
 */
final class StandardInstance {
    /** The retries a waiting sender spins before it yields the processor at each further retry. */
    static final int SPINS_BEFORE_YIELD = 100;

    private StandardInstance() {}

    /**
     * One wait of a sender for the info slot: the owner is a few stores from its release, so a short spin suffices
     * unless it was preempted, which a longer wait means; then the sender yields so that it can run.
     *
     * @return the number of waits so far, this one included
     */
    private static int pause(final int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }

    /**
     * Makes a standard signal pending in a thread's word with this send's info, or merges into the pending instance.
     *
     * @return the word before the OR; for a merged send, a word read with the signal's bit set
     */
    static long raiseInThread(
            final ThreadControl control,
            final RealtimeQueue queue,
            final int sig,
            final int code,
            final long value,
            final int senderPid,
            final int senderUid) {
        final long bit = ThreadControlDescriptor.pendingBit(sig);
        int spins = 0;
        while (true) {
            // volatile: a set bit is a pending instance that keeps its first sender's info; the send merges into it.
            final long word = control.word0();
            if ((word & bit) != 0) {
                return word;
            }
            if (queue.takeStandardSlot(sig)) {
                break;
            }
            spins = pause(spins);
        }
        queue.putStandardInfo(sig, code, value);
        control.putSenderInfoUnchecked(sig, senderPid, senderUid);
        // getAndAdd (SC): the OR of a bit the owned slot keeps clear; publishes the info written above to the
        // claimer's clearing CAS; the slot stays owned.
        return control.raiseOwnedPendingUnchecked(sig);
    }

    /**
     * Makes a standard signal pending in a process's word with this send's info, or merges into the pending instance.
     *
     * @return the process word before the OR; for a merged send, a word read with the signal's bit set
     */
    static long raiseInProcess(
            final ProcessControl control,
            final RealtimeQueue queue,
            final int sig,
            final int code,
            final long value,
            final int senderPid,
            final int senderUid) {
        final long bit = Signals.bit(sig);
        int spins = 0;
        while (true) {
            // volatile: a set bit is a pending instance that keeps its first sender's info; the send merges into it.
            final long word = control.pendingWord();
            if ((word & bit) != 0) {
                return word;
            }
            if (queue.takeStandardSlot(sig)) {
                break;
            }
            spins = pause(spins);
        }
        queue.putStandardInfo(sig, code, value);
        control.putSenderInfoUnchecked(sig, senderPid, senderUid);
        // getAndAdd (SC): the OR of a bit the owned slot keeps clear; publishes the info written above to the winning
        // claimer's CAS; the slot stays owned.
        return control.raiseOwnedPendingUnchecked(sig);
    }

    /**
     * Makes a standard signal pending in a process's word keeping the slot's earlier info (a continue at send time
     * records no sender), or leaves a pending instance as it is.
     */
    static void raiseInProcessKeepingInfo(final ProcessControl control, final RealtimeQueue queue, final int sig) {
        final long bit = Signals.bit(sig);
        int spins = 0;
        while (!queue.takeStandardSlot(sig)) {
            // volatile: a set bit is a pending instance; it stays as it is.
            if ((control.pendingWord() & bit) != 0) {
                return;
            }
            spins = pause(spins);
        }
        // getAndAdd (SC): the OR of a bit the owned slot keeps clear; the sleeper-index read in wakeFor follows it.
        control.raiseOwnedPendingUnchecked(sig);
    }

    /**
     * Discards a thread's pending instance of a standard signal: clears the bit and frees the slot.
     *
     * @return true if an instance was pending
     */
    static boolean discardFromThread(final ThreadControl control, final RealtimeQueue queue, final int sig) {
        // CAS (SC): atomic and-not on the thread word; the owner's allow half is untouched.
        if (control.clearPendingUnchecked(sig)) {
            queue.releaseStandardSlot(sig);
            return true;
        }
        return false;
    }

    /**
     * Discards a process's pending instance of a standard signal: clears the bit competitively (a concurrent claim of
     * the same instance wins or loses, never both) and, if this call cleared it, frees the slot.
     *
     * @return true if this call cleared the bit
     */
    static boolean discardFromProcess(final ProcessControl control, final RealtimeQueue queue, final int sig) {
        // CAS (SC): competitive and-not; only the caller that cleared the bit frees the slot.
        if (control.claimPendingUnchecked(sig)) {
            queue.releaseStandardSlot(sig);
            return true;
        }
        return false;
    }
}
