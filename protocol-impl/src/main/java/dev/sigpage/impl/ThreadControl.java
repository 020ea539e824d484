package dev.sigpage.impl;

import static dev.sigpage.api.ThreadControlDescriptor.ALLOW_SHIFT;
import static dev.sigpage.api.ThreadControlDescriptor.CONTROL_FLAGS_OFFSET;
import static dev.sigpage.api.ThreadControlDescriptor.LENGTH;
import static dev.sigpage.api.ThreadControlDescriptor.SAVED_ARCH_REGISTER_OFFSET;
import static dev.sigpage.api.ThreadControlDescriptor.SAVED_IP_OFFSET;
import static dev.sigpage.api.ThreadControlDescriptor.WORD_0_OFFSET;

import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;
import org.agrona.concurrent.AtomicBuffer;

/**
 * Flyweight over one thread control region (layout: {@link ThreadControlDescriptor}). It composes an
 * {@link AtomicBuffer}; every index is computed once in {@link #wrap}, which validates capacity and alignment, so
 * the accessors do no checks beyond those their javadoc names.
 *
 * <p>Writers of each field:
 * <ul>
 * <li>pending half of a word: senders set bits (an atomic OR: a {@code getAndAdd} of the bit while the sender owns
 * the signal's info slot, a CAS loop for a realtime signal, {@link #raisePending} for raw writes); the owner clears
 * them at claim and {@code sigaction(SIG_IGN)} discards them ({@link #clearPending}, an atomic and-not);</li>
 * <li>allow half: the owning thread alone ({@link #replaceAllow}, one {@code getAndAdd});</li>
 * <li>sender info: senders, before they raise the pending bit;</li>
 * <li>control flags, saved registers: the owner.</li>
 * </ul>
 */
public final class ThreadControl {
    final AtomicBuffer buffer;
    private final int offset;
    private final int word0Index;
    private final int word1Index;
    private final int controlFlagsIndex;
    private final int savedIpIndex;
    private final int savedArchRegisterIndex;

    private ThreadControl(final AtomicBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.offset = offset;
        this.word0Index = offset + WORD_0_OFFSET;
        this.word1Index = offset + ThreadControlDescriptor.WORD_1_OFFSET;
        this.controlFlagsIndex = offset + CONTROL_FLAGS_OFFSET;
        this.savedIpIndex = offset + SAVED_IP_OFFSET;
        this.savedArchRegisterIndex = offset + SAVED_ARCH_REGISTER_OFFSET;
    }

    /**
     * Wraps a region.
     *
     * @param buffer an off-heap buffer
     * @param offset start of the region within the buffer
     * @return the flyweight
     * @throws IndexOutOfBoundsException if the offset is outside the buffer
     * @throws IllegalStateException     if fewer than 296 bytes follow the offset, the buffer is on-heap, or the
     *                                   start address is not 16-byte aligned
     */
    public static ThreadControl wrap(final AtomicBuffer buffer, final int offset) {
        AgronaAccess.check();
        Regions.check(buffer, offset, LENGTH, ThreadControlDescriptor.ALIGNMENT, "thread control region");
        return new ThreadControl(buffer, offset);
    }

    /**
     * The buffer holding the region.
     *
     * @return the buffer
     */
    public AtomicBuffer buffer() {
        return buffer;
    }

    /**
     * Start of the region within {@link #buffer()}.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }

    private int wordIndex(final int wordIndex) {
        if (wordIndex != 0 && wordIndex != 1) {
            throw new IndexOutOfBoundsException("word index must be 0 or 1: wordIndex=" + wordIndex);
        }
        return wordIndexOf(wordIndex);
    }

    /**
     * Reads a signal word. Mode: volatile (pairs with every RMW on the word).
     *
     * @param index 0 (signals 1-32) or 1 (signals 33-64)
     * @return pending bits 0-31, allow bits 32-63
     * @throws IndexOutOfBoundsException for another index
     */
    public long word(final int index) {
        return buffer.getLongVolatile(wordIndex(index));
    }

    long word0() {
        // volatile: pairs with the senders' atomic OR and the owner's getAndAdd on this word.
        return buffer.getLongVolatile(word0Index);
    }

    long word1() {
        // volatile: pairs with the senders' atomic OR and the owner's getAndAdd on this word.
        return buffer.getLongVolatile(word1Index);
    }

    /**
     * Replaces the allow half of a word. Owner only: the one {@code getAndAdd} of
     * {@code (newAllow - oldAllow) << 32} is correct only because no other thread ever writes the allow half, so
     * {@code oldAllow} read before the add is still the allow half at the add. The low 32 bits of the addend are
     * zero, so the pending half is untouched and any carry leaves bit 63. Mode: getAndAdd (sequentially
     * consistent: the caller's following read of the process pending word is ordered after it, the
     * store-buffering pairing with process-directed senders).
     *
     * @param wordIndex 0 or 1
     * @param newAllow  the new allow half (32 bits)
     * @return the previous whole word
     * @throws IndexOutOfBoundsException for another word index
     */
    public long replaceAllow(final int wordIndex, final int newAllow) {
        final int index = wordIndex(wordIndex);
        // plain: owner-only allow bits, see the javadoc.
        final long oldAllow = buffer.getLong(index) >>> ALLOW_SHIFT;
        return swapAllow(index, oldAllow, newAllow & 0xFFFF_FFFFL);
    }

    /**
     * The owner's read of one of its words in its own region, the buffer passed directly (a model thread's region
     * starts at offset 0): one dependent load fewer than through a flyweight on the mask path. Mode: plain, for the
     * allow half only: legal because the owner is the only writer of those bits and reads its own last write. The
     * pending half read here is not used.
     *
     * @param region the thread's region
     * @param index  {@link ThreadControlDescriptor#WORD_0_OFFSET} or {@link ThreadControlDescriptor#WORD_1_OFFSET}
     */
    static long ownWord(final AtomicBuffer region, final int index) {
        // plain: the caller uses only the owner-only allow half, last written by this same thread.
        return region.getLong(index);
    }

    /** {@link #swapAllow}, the owner's region passed directly as in {@link #ownWord}. */
    static long swapAllow(final AtomicBuffer region, final int index, final long oldAllow, final long newAllow) {
        // getAndAdd (SC): swaps the allow half and yields the pending half in one step; pairs with raisePending.
        return region.getAndAddLong(index, (newAllow - oldAllow) << ALLOW_SHIFT);
    }

    /** The owner's swap when it already knows its old allow half (read by {@link #ownWord}). */
    long swapAllow(final int index, final long oldAllow, final long newAllow) {
        return swapAllow(buffer, index, oldAllow, newAllow);
    }

    int wordIndexOf(final int wordIndex) {
        return word0Index + wordIndex * ThreadControlDescriptor.WORD_LENGTH;
    }

    /**
     * Sets a signal's pending bit and returns the previous word, whose allow half tells the sender whether to wake
     * the thread. Mode: compare-and-set loop re-reading on failure (an atomic OR, sequentially consistent): it
     * releases the sender info written before it and pairs with the owner's getAndAdd in {@link #replaceAllow}.
     *
     * @param sig 1..64
     * @return the word before the OR
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     */
    public long raisePending(final int sig) {
        Signals.checkSignal(sig);
        return raisePendingUnchecked(sig);
    }

    long raisePendingUnchecked(final int sig) {
        final int index = offset + ThreadControlDescriptor.wordOffset(sig);
        final long bit = ThreadControlDescriptor.pendingBit(sig);
        while (true) {
            // volatile: the value the CAS below expects.
            final long prev = buffer.getLongVolatile(index);
            // CAS (SC): the atomic OR; releases the sender info, pairs with replaceAllow and clearPending.
            if (buffer.compareAndSetLong(index, prev, prev | bit)) {
                return prev;
            }
        }
    }

    /**
     * Sets the pending bit of a standard signal whose info slot the caller owns ({@link StandardInstance}): no one
     * else sets that bit while the slot is owned, and whoever clears it releases the slot only afterwards, so the bit
     * is clear and adding it is the atomic OR, one {@code lock xadd} with no read before it. Mode: getAndAdd (SC), as
     * {@link #raisePending}. Not for a word whose bits are written raw ({@link #raisePending} bypasses the slot).
     *
     * @return the word before the add
     */
    long raiseOwnedPendingUnchecked(final int sig) {
        // getAndAdd (SC): the owned slot keeps the bit clear, so the add is the OR; releases the sender info.
        return buffer.getAndAddLong(
                offset + ThreadControlDescriptor.wordOffset(sig), ThreadControlDescriptor.pendingBit(sig));
    }

    /**
     * Clears a signal's pending bit. Mode: compare-and-set loop (atomic and-not, SC); acquires the sender info
     * written before the matching {@link #raisePending}.
     *
     * @param sig 1..64
     * @return true if this call cleared the bit, false if it was already clear
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     */
    public boolean clearPending(final int sig) {
        Signals.checkSignal(sig);
        return clearPendingUnchecked(sig);
    }

    boolean clearPendingUnchecked(final int sig) {
        // volatile: the value the first CAS expects.
        return clearPendingUnchecked(sig, buffer.getLongVolatile(offset + ThreadControlDescriptor.wordOffset(sig)));
    }

    /**
     * {@link #clearPendingUnchecked(int)} from a value of the signal's word that the caller has just read (the
     * claim's search), so the first compare-and-set needs no second read; a failed one retries from the value it
     * found.
     */
    boolean clearPendingUnchecked(final int sig, final long seen) {
        final int index = offset + ThreadControlDescriptor.wordOffset(sig);
        final long bit = ThreadControlDescriptor.pendingBit(sig);
        long prev = seen;
        while ((prev & bit) != 0) {
            // CAS (SC): the atomic and-not; acquires the sender's info published before its raise; a miss returns
            // the word as another thread's RMW left it, the next expected value.
            final long found = buffer.compareAndExchangeLong(index, prev, prev & ~bit);
            if (found == prev) {
                return true;
            }
            prev = found;
        }
        return false;
    }

    /**
     * Records the sender of a standard signal. Mode: release (ordered before the sender's raisePending, which
     * publishes it; read by the claimer after its clearPending).
     *
     * @param sig 1..31
     * @param pid sender pid
     * @param uid sender real uid
     * @throws dev.sigpage.api.SignalException EINVAL for a signal outside 1..31
     */
    public void putSenderInfo(final int sig, final int pid, final int uid) {
        checkStandard(sig);
        putSenderInfoUnchecked(sig, pid, uid);
    }

    void putSenderInfoUnchecked(final int sig, final int pid, final int uid) {
        // release: published by the sender's following atomic OR of the bit; pairs with the claimer's acquire read.
        buffer.putLongRelease(
                offset + ThreadControlDescriptor.senderInfoOffset(sig),
                ThreadControlDescriptor.packSenderInfo(pid, uid));
    }

    /**
     * Reads the sender of a standard signal. Mode: acquire (after the claim's clearPending).
     *
     * @param sig 1..31
     * @return sender pid in bits 0-31, real uid in bits 32-63
     * @throws dev.sigpage.api.SignalException EINVAL for a signal outside 1..31
     */
    public long senderInfo(final int sig) {
        checkStandard(sig);
        return senderInfoUnchecked(sig);
    }

    long senderInfoUnchecked(final int sig) {
        // acquire: after the claim's CAS; pairs with putSenderInfo's release.
        return buffer.getLongAcquire(offset + ThreadControlDescriptor.senderInfoOffset(sig));
    }

    /**
     * Reads the control flags. Mode: volatile (the kernel reads the owner's flag at a return to user mode).
     *
     * @return the flags; bit 0 inhibits delivery
     */
    public long controlFlags() {
        // volatile: pairs with putControlFlags.
        return buffer.getLongVolatile(controlFlagsIndex);
    }

    /**
     * Writes the control flags. Owner only. Mode: volatile.
     *
     * @param flags the flags
     */
    public void putControlFlags(final long flags) {
        // volatile: the owner's flag must be visible to the kernel's next check, ordered with its mask reads.
        buffer.putLongVolatile(controlFlagsIndex, flags);
    }

    /**
     * Reads the saved instruction pointer. Mode: plain (owner and kernel hand it over at a context switch).
     *
     * @return the saved IP
     */
    public long savedIp() {
        return buffer.getLong(savedIpIndex);
    }

    /**
     * Writes the saved instruction pointer. Mode: plain.
     *
     * @param ip the value
     */
    public void putSavedIp(final long ip) {
        buffer.putLong(savedIpIndex, ip);
    }

    /**
     * Reads the saved arch-dependent register. Mode: plain.
     *
     * @return the value
     */
    public long savedArchRegister() {
        return buffer.getLong(savedArchRegisterIndex);
    }

    /**
     * Writes the saved arch-dependent register. Mode: plain.
     *
     * @param value the value
     */
    public void putSavedArchRegister(final long value) {
        buffer.putLong(savedArchRegisterIndex, value);
    }

    static void checkStandard(final int sig) {
        Signals.checkSignal(sig);
        if (Signals.isRealtime(sig)) {
            throw new IllegalArgumentException("sender info slots exist for signals 1..31: signal=" + sig);
        }
    }
}
