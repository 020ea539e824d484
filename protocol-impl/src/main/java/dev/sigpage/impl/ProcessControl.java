package dev.sigpage.impl;

import static dev.sigpage.api.ProcessControlDescriptor.HANDLER_MASK;
import static dev.sigpage.api.ProcessControlDescriptor.IGNORED_BIT;
import static dev.sigpage.api.ProcessControlDescriptor.NODEFER_BIT;
import static dev.sigpage.api.ProcessControlDescriptor.ONSTACK_BIT;
import static dev.sigpage.api.ProcessControlDescriptor.RESETHAND_BIT;
import static dev.sigpage.api.ProcessControlDescriptor.RESTART_BIT;
import static dev.sigpage.api.ProcessControlDescriptor.SIGINFO_BIT;
import static dev.sigpage.api.ProcessControlDescriptor.SIG_SPECIFIC_BIT;

import dev.sigpage.api.DefaultAction;
import dev.sigpage.api.ProcessControlDescriptor;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.concurrent.atomic.AtomicInteger;
import org.agrona.concurrent.AtomicBuffer;

/**
 * Flyweight over one process control page (layout: {@link ProcessControlDescriptor}). It composes an
 * {@link AtomicBuffer}; indices are computed once in {@link #wrap}, which validates capacity and alignment.
 *
 * <p>Writers: the pending word has many writers (senders set bits, claiming threads clear them competitively,
 * {@code sigaction} discards), so every write is an atomic read-modify-write. Actions are written under the
 * process's sigaction lock; senders and claimers read {@code first} alone, and a delivery reads both words under the
 * same lock (two plain-ordered words are not one action otherwise). Sender info is written by a sender that owns
 * the signal's info slot, before it raises the pending bit (see {@code StandardInstance}).
 */
public final class ProcessControl {
    final AtomicBuffer buffer;
    private final int offset;
    private final int pendingIndex;
    private final AtomicInteger maxClaimRetries = new AtomicInteger();

    private ProcessControl(final AtomicBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.offset = offset;
        this.pendingIndex = offset + ProcessControlDescriptor.PENDING_OFFSET;
    }

    /**
     * Wraps a page.
     *
     * @param buffer an off-heap buffer
     * @param offset start of the page within the buffer
     * @return the flyweight
     * @throws IndexOutOfBoundsException if the offset is outside the buffer
     * @throws IllegalStateException     if fewer than 4096 bytes follow the offset, the buffer is on-heap, or the
     *                                   start address is not 4096-byte aligned
     */
    public static ProcessControl wrap(final AtomicBuffer buffer, final int offset) {
        AgronaAccess.check();
        Regions.check(
                buffer,
                offset,
                ProcessControlDescriptor.LENGTH,
                ProcessControlDescriptor.ALIGNMENT,
                "process control page");
        return new ProcessControl(buffer, offset);
    }

    /**
     * The buffer holding the page.
     *
     * @return the buffer
     */
    public AtomicBuffer buffer() {
        return buffer;
    }

    /**
     * Start of the page within {@link #buffer()}.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }

    /**
     * Reads the process pending set. Mode: volatile (pairs with every RMW on the word; a mask change reads it
     * after its getAndAdd, the store-buffering pairing with {@link #raisePending}).
     *
     * @return signal n at bit n-1
     */
    public long pendingWord() {
        // volatile: pairs with the senders' atomic OR and the claimers' CAS.
        return buffer.getLongVolatile(pendingIndex);
    }

    /**
     * {@link #pendingWord()} on a process page that starts at offset 0 of its buffer (a model process's page), the
     * buffer passed directly: one dependent load fewer on the mask path, which reads it after its getAndAdd.
     */
    static long pendingWord(final AtomicBuffer page) {
        // volatile: after the mask change's SC getAndAdd; pairs with the senders' atomic OR and the claimers' CAS.
        return page.getLongVolatile(ProcessControlDescriptor.PENDING_OFFSET);
    }

    /**
     * Sets a signal's bit in the process pending set. Mode: CAS loop (atomic OR, SC): publishes the sender info
     * written before it; the sender's following read of thread allow halves and of the sleeper index is ordered
     * after it (store-buffering with a mask change or a sleeper registering).
     *
     * @param sig 1..64
     * @return the previous pending word
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     */
    public long raisePending(final int sig) {
        Signals.checkSignal(sig);
        return raisePendingUnchecked(sig);
    }

    long raisePendingUnchecked(final int sig) {
        final long bit = 1L << (sig - 1);
        while (true) {
            // volatile: the value the CAS expects.
            final long prev = buffer.getLongVolatile(pendingIndex);
            // CAS (SC): atomic OR; releases the sender info, pairs with claimPending and with mask changes.
            if (buffer.compareAndSetLong(pendingIndex, prev, prev | bit)) {
                return prev;
            }
        }
    }

    /**
     * Claims a process-directed signal competitively. Mode: CAS loop (atomic and-not, SC); the previous value
     * decides: exactly one caller sees the bit set and wins. Acquires the sender info.
     *
     * @param sig 1..64
     * @return true iff this caller cleared the bit
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     */
    public boolean claimPending(final int sig) {
        Signals.checkSignal(sig);
        return claimPendingUnchecked(sig);
    }

    boolean claimPendingUnchecked(final int sig) {
        // volatile: the value the first CAS expects.
        return claimPendingUnchecked(sig, buffer.getLongVolatile(pendingIndex));
    }

    /**
     * {@link #claimPendingUnchecked(int)} from a value of the pending word that the caller has just read (the
     * claim's search), so the first compare-and-set needs no second read; a failed one retries from the value it
     * found.
     */
    boolean claimPendingUnchecked(final int sig, final long seen) {
        final long bit = 1L << (sig - 1);
        int retries = 0;
        long prev = seen;
        while ((prev & bit) != 0) {
            // CAS (SC): atomic and-not; the single winner is the caller whose CAS saw the bit; acquires sender info.
            final long found = buffer.compareAndExchangeLong(pendingIndex, prev, prev & ~bit);
            if (found == prev) {
                noteClaimRetries(retries);
                return true;
            }
            // the word changed since the read: another thread's RMW on it succeeded in between.
            retries++;
            prev = found;
        }
        noteClaimRetries(retries);
        return false;
    }

    /**
     * Sets the bit of a standard signal whose info slot the caller owns ({@link StandardInstance}): no one else sets
     * that bit while the slot is owned, and whoever clears it releases the slot only afterwards, so the bit is clear
     * and adding it is the atomic OR, one {@code lock xadd} with no read before it. Mode: getAndAdd (SC), as
     * {@link #raisePending}. Not for a page whose bits are written raw ({@link #raisePending} bypasses the slot).
     *
     * @return the pending word before the add
     */
    long raiseOwnedPendingUnchecked(final int sig) {
        // getAndAdd (SC): the owned slot keeps the bit clear, so the add is the OR; releases the sender info, and
        // the sender's sleeper-index read is ordered after it.
        return buffer.getAndAddLong(pendingIndex, 1L << (sig - 1));
    }

    private void noteClaimRetries(final int retries) {
        if (retries != 0) {
            // atomic max (a JDK accumulate, CAS underneath): only on the rare retry path; the statistic, not the page.
            maxClaimRetries.accumulateAndGet(retries, Math::max);
        }
    }

    /**
     * The most compare-and-set retries one claim of a process-directed signal has needed through this flyweight
     * ({@link #claimPending}, and every claim, discard and drain of the model's process). A claim retries only
     * when its compare-and-set fails, that is when another thread's read-modify-write of the pending word
     * succeeded between the claim's read and its compare-and-set, and it stops as soon as its bit is clear; so
     * every retry is paid for by another thread's completed send, claim or discard (lock-free), and this figure
     * is the largest number of such operations that overtook one claim. Mode: volatile read of a Java counter.
     *
     * @return the largest retry count of a single claim, 0 if no claim ever retried
     */
    public int maxClaimRetries() {
        return maxClaimRetries.get();
    }

    /**
     * Records the sender of a standard process-directed signal. Mode: release (published by the following
     * {@link #raisePending}).
     *
     * @param sig 1..31
     * @param pid sender pid
     * @param uid sender real uid
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     * @throws IllegalArgumentException        for a realtime signal
     */
    public void putSenderInfo(final int sig, final int pid, final int uid) {
        ThreadControl.checkStandard(sig);
        putSenderInfoUnchecked(sig, pid, uid);
    }

    void putSenderInfoUnchecked(final int sig, final int pid, final int uid) {
        // release: published by the sender's following atomic OR of the bit; pairs with the claimer's acquire read.
        buffer.putLongRelease(
                offset + ProcessControlDescriptor.senderInfoOffset(sig),
                dev.sigpage.api.ThreadControlDescriptor.packSenderInfo(pid, uid));
    }

    /**
     * Reads the sender of a standard process-directed signal. Mode: acquire (after the winning claim).
     *
     * @param sig 1..31
     * @return pid in bits 0-31, real uid in bits 32-63
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     * @throws IllegalArgumentException        for a realtime signal
     */
    public long senderInfo(final int sig) {
        ThreadControl.checkStandard(sig);
        return senderInfoUnchecked(sig);
    }

    long senderInfoUnchecked(final int sig) {
        // acquire: after the winning claimPending CAS; pairs with putSenderInfo's release.
        return buffer.getLongAcquire(offset + ProcessControlDescriptor.senderInfoOffset(sig));
    }

    /**
     * Reads the raw {@code first} word of an action. Mode: volatile (pairs with {@link #putAction}).
     *
     * @param sig 1..64
     * @return handler in bits 0-56, flags in 57-63
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     */
    public long actionFirst(final int sig) {
        Signals.checkSignal(sig);
        return actionFirstUnchecked(sig);
    }

    long actionFirstUnchecked(final int sig) {
        // volatile: pairs with putAction's volatile store of first.
        return buffer.getLongVolatile(offset + ProcessControlDescriptor.actionFirstOffset(sig));
    }

    long actionMaskUnchecked(final int sig) {
        // acquire: pairs with putAction's release of user_data; one action's words only under the sigaction lock.
        return buffer.getLongAcquire(offset + ProcessControlDescriptor.actionUserDataOffset(sig));
    }

    /**
     * Whether a signal's action makes the kernel discard it: bit 63 of {@code first}.
     */
    boolean isIgnoredUnchecked(final int sig) {
        return actionFirstUnchecked(sig) < 0;
    }

    /**
     * Writes an action in the page encoding. The caller holds the process's sigaction lock (actions have one
     * writer at a time). SIGKILL and SIGSTOP are refused by the caller, not here.
     *
     * @param sig 1..64
     * @param act the action
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     */
    public void putAction(final int sig, final SigAction act) {
        Signals.checkSignal(sig);
        putActionUnchecked(sig, encodeFirst(sig, act), encodeMask(act.mask()));
    }

    void putActionUnchecked(final int sig, final long first, final long userData) {
        // release: a reader of both words holds the sigaction lock the writer holds; senders read first alone.
        buffer.putLongRelease(offset + ProcessControlDescriptor.actionUserDataOffset(sig), userData);
        // volatile (SC): a sender reading first afterwards sees the new action; pairs with actionFirst.
        buffer.putLongVolatile(offset + ProcessControlDescriptor.actionFirstOffset(sig), first);
    }

    /**
     * Reads and decodes an action.
     *
     * @param sig 1..64
     * @return the action
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     */
    public SigAction action(final int sig) {
        Signals.checkSignal(sig);
        final long first = actionFirstUnchecked(sig);
        final long userData = actionMaskUnchecked(sig);
        return decode(sig, first, userData);
    }

    /**
     * The page encoding of an action's {@code first} word.
     *
     * @param sig 1..64 (not checked)
     * @param act the action
     * @return handler | flag bits
     */
    public static long encodeFirst(final int sig, final SigAction act) {
        final int flags = act.flags();
        long first = act.handler() & HANDLER_MASK;
        first |= flagBit(flags, SaFlags.SA_SIGINFO, SIGINFO_BIT);
        first |= flagBit(flags, SaFlags.SA_ONSTACK, ONSTACK_BIT);
        first |= flagBit(flags, SaFlags.SA_RESTART, RESTART_BIT);
        first |= flagBit(flags, SaFlags.SA_NODEFER, NODEFER_BIT);
        first |= flagBit(flags, SaFlags.SA_RESETHAND, RESETHAND_BIT);
        if (sig == Signals.SIGCHLD) {
            first |= flagBit(flags, SaFlags.SA_NOCLDSTOP, SIG_SPECIFIC_BIT);
        }
        final DefaultAction dfl = Signals.defaultAction(sig);
        if (act.isIgnored() || (act.isDefault() && dfl == DefaultAction.IGNORE)) {
            first |= 1L << IGNORED_BIT;
        }
        if (act.isDefault() && dfl == DefaultAction.STOP && sig != Signals.SIGSTOP) {
            first |= 1L << SIG_SPECIFIC_BIT;
        }
        return first;
    }

    /**
     * The page encoding of an sa_mask: SIGKILL and SIGSTOP are never stored.
     *
     * @param mask the mask
     * @return the {@code user_data} word
     */
    public static long encodeMask(final SignalSet mask) {
        return mask.bits() & ~Signals.UNBLOCKABLE_BITS;
    }

    /**
     * Decodes an action from its two words.
     *
     * @param sig      1..64 (not checked)
     * @param first    the {@code first} word
     * @param userData the {@code user_data} word
     * @return the action
     */
    public static SigAction decode(final int sig, final long first, final long userData) {
        return new SigAction(first & HANDLER_MASK, SignalSet.ofBits(userData), decodeFlags(sig, first));
    }

    /**
     * Decodes the {@code sa_flags} of an action's {@code first} word, without allocating.
     *
     * @param sig   1..64 (not checked)
     * @param first the {@code first} word
     * @return {@link SaFlags} bits
     */
    public static int decodeFlags(final int sig, final long first) {
        int flags = 0;
        flags |= saFlag(first, SIGINFO_BIT, SaFlags.SA_SIGINFO);
        flags |= saFlag(first, ONSTACK_BIT, SaFlags.SA_ONSTACK);
        flags |= saFlag(first, RESTART_BIT, SaFlags.SA_RESTART);
        flags |= saFlag(first, NODEFER_BIT, SaFlags.SA_NODEFER);
        flags |= saFlag(first, RESETHAND_BIT, SaFlags.SA_RESETHAND);
        if (sig == Signals.SIGCHLD) {
            flags |= saFlag(first, SIG_SPECIFIC_BIT, SaFlags.SA_NOCLDSTOP);
        }
        return flags;
    }

    private static long flagBit(final int flags, final int flag, final int bit) {
        return (flags & flag) != 0 ? 1L << bit : 0L;
    }

    private static int saFlag(final long first, final int bit, final int flag) {
        return (first & (1L << bit)) != 0 ? flag : 0;
    }
}
