package dev.sigpage.impl;

import static dev.sigpage.api.RealtimeQueueDescriptor.ENTRY_CODE_OFFSET;
import static dev.sigpage.api.RealtimeQueueDescriptor.ENTRY_LENGTH;
import static dev.sigpage.api.RealtimeQueueDescriptor.ENTRY_SENDER_OFFSET;
import static dev.sigpage.api.RealtimeQueueDescriptor.ENTRY_VALUE_OFFSET;
import static dev.sigpage.api.RealtimeQueueDescriptor.LOCK_OFFSET;
import static dev.sigpage.api.RealtimeQueueDescriptor.RING_HEAD_OFFSET;
import static dev.sigpage.api.RealtimeQueueDescriptor.RING_TAIL_OFFSET;
import static dev.sigpage.api.RealtimeQueueDescriptor.STANDARD_CODE_OFFSET;
import static dev.sigpage.api.RealtimeQueueDescriptor.STANDARD_OWNER_OFFSET;
import static dev.sigpage.api.RealtimeQueueDescriptor.STANDARD_VALUE_OFFSET;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.RealtimeQueueDescriptor;
import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;
import java.util.Objects;
import org.agrona.concurrent.AtomicBuffer;

/**
 * Flyweight over a kernel-side queue region (layout: {@link RealtimeQueueDescriptor}): 32 bounded rings, one per
 * realtime signal, and the code/value slots of the standard signals (their ownership protocol:
 * {@code StandardInstance}).
 *
 * <p>Why a lock and not a lock-free ring: the pending bit of a realtime signal must be set exactly while its ring
 * is non-empty. A lock-free queue (a JCTools MPSC queue, or the RFC's qhead/qtail ring) leaves a drain race: the
 * consumer finds the ring empty and clears the bit while a producer has just enqueued and is about to set it, or
 * the consumer clears the bit after a producer set it for a new entry. Redox keeps this queue inside the kernel,
 * under a per-process lock held for enqueue and dequeue; sigpage does the same with a spin lock word inside the
 * region (allocation-free, off-heap, held for a few stores). Enqueue writes the entry, advances the tail and then
 * raises the pending bit; dequeue reads the entry, advances the head and clears the bit when the ring drains; both
 * under the lock, so the bit and the ring never disagree once the lock is released. Standard signals never take
 * the lock: their bits stay lock-free.
 */
public final class RealtimeQueue {
    final AtomicBuffer buffer;
    private final int offset;
    private final int depth;
    private final int lockIndex;

    private RealtimeQueue(final AtomicBuffer buffer, final int offset, final int depth) {
        this.buffer = buffer;
        this.offset = offset;
        this.depth = depth;
        this.lockIndex = offset + LOCK_OFFSET;
    }

    /**
     * Wraps a region.
     *
     * @param buffer an off-heap buffer
     * @param offset start of the region
     * @param depth  entries per ring
     * @return the flyweight
     * @throws IllegalArgumentException  for a depth outside 1..65536
     * @throws IndexOutOfBoundsException if the offset is outside the buffer
     * @throws IllegalStateException     if the region does not fit, is on-heap, or is misaligned
     */
    public static RealtimeQueue wrap(final AtomicBuffer buffer, final int offset, final int depth) {
        AgronaAccess.check();
        final int length = RealtimeQueueDescriptor.length(depth);
        Regions.check(buffer, offset, length, RealtimeQueueDescriptor.ALIGNMENT, "realtime queue region");
        return new RealtimeQueue(buffer, offset, depth);
    }

    /**
     * The buffer.
     *
     * @return the buffer holding the region
     */
    public AtomicBuffer buffer() {
        return buffer;
    }

    /**
     * Entries per ring.
     *
     * @return the depth
     */
    public int depth() {
        return depth;
    }

    void lock() {
        // CAS (acquire): takes the queue lock; pairs with unlock's release.
        while (!buffer.compareAndSetLong(lockIndex, 0L, 1L)) {
            Thread.onSpinWait();
        }
    }

    void unlock() {
        // release: publishes the ring writes made under the lock to the next locker's CAS.
        buffer.putLongRelease(lockIndex, 0L);
    }

    private int ringIndex(final int sig) {
        return offset + RealtimeQueueDescriptor.ringOffset(sig, depth);
    }

    /**
     * Appends an entry. The caller holds the lock.
     *
     * @return false if the ring is full (nothing written)
     */
    boolean offerLocked(final int sig, final long value, final long sender, final int code) {
        final int ring = ringIndex(sig);
        // plain: ring fields are only accessed under the lock.
        final long head = buffer.getLong(ring + RING_HEAD_OFFSET);
        final long tail = buffer.getLong(ring + RING_TAIL_OFFSET);
        if (tail - head >= depth) {
            return false;
        }
        final int entry = ring + RealtimeQueueDescriptor.RING_HEADER_LENGTH + (int) (tail % depth) * ENTRY_LENGTH;
        // plain: the entry is written under the lock and read by the next locker.
        buffer.putLong(entry + ENTRY_VALUE_OFFSET, value);
        buffer.putLong(entry + ENTRY_SENDER_OFFSET, sender);
        buffer.putInt(entry + ENTRY_CODE_OFFSET, code);
        // release: lock-free readers of the count (printers) see a consistent tail; lockers are ordered by the lock.
        buffer.putLongRelease(ring + RING_TAIL_OFFSET, tail + 1);
        return true;
    }

    /**
     * Removes the oldest entry into {@code out}. The caller holds the lock.
     *
     * @return the number of entries left, or -1 if the ring was empty
     */
    int pollLocked(final int sig, final MutableSigInfo out) {
        final int ring = ringIndex(sig);
        // plain: ring fields are only accessed under the lock.
        final long head = buffer.getLong(ring + RING_HEAD_OFFSET);
        final long tail = buffer.getLong(ring + RING_TAIL_OFFSET);
        if (tail == head) {
            return -1;
        }
        final int entry = ring + RealtimeQueueDescriptor.RING_HEADER_LENGTH + (int) (head % depth) * ENTRY_LENGTH;
        // plain: written by offerLocked under the same lock.
        final long value = buffer.getLong(entry + ENTRY_VALUE_OFFSET);
        final long sender = buffer.getLong(entry + ENTRY_SENDER_OFFSET);
        final int code = buffer.getInt(entry + ENTRY_CODE_OFFSET);
        out.set(sig, code, (int) sender, (int) (sender >>> 32), value);
        // release: see offerLocked.
        buffer.putLongRelease(ring + RING_HEAD_OFFSET, head + 1);
        return (int) (tail - head - 1);
    }

    /**
     * Empties a ring. The caller holds the lock.
     *
     * @return the number of entries dropped
     */
    int clearLocked(final int sig) {
        final int ring = ringIndex(sig);
        // plain: ring fields are only written under the lock.
        final long head = buffer.getLong(ring + RING_HEAD_OFFSET);
        final long tail = buffer.getLong(ring + RING_TAIL_OFFSET);
        // release: see offerLocked.
        buffer.putLongRelease(ring + RING_HEAD_OFFSET, tail);
        return (int) (tail - head);
    }

    /**
     * The number of queued entries of a realtime signal. Mode: acquire reads of head and tail, outside the lock: a
     * snapshot for printing and tests, exact when no send or claim runs concurrently.
     *
     * @param sig 33..64
     * @return entries queued
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     * @throws IllegalArgumentException        for a standard signal
     */
    public int count(final int sig) {
        checkRealtime(sig);
        final int ring = ringIndex(sig);
        // acquire: snapshot of the counters published by offerLocked / pollLocked.
        final long tail = buffer.getLongAcquire(ring + RING_TAIL_OFFSET);
        final long head = buffer.getLongAcquire(ring + RING_HEAD_OFFSET);
        return (int) Math.max(0, tail - head);
    }

    /**
     * Takes a standard signal's info slot for a send that found it free (see {@code StandardInstance}). Mode: CAS
     * (SC) of the owner word from 0 to 1.
     *
     * @return true if this caller now owns the slot; false if a pending instance or a send or claim in progress owns
     *     it
     */
    boolean takeStandardSlot(final int sig) {
        // CAS (SC): serialises the senders of one signal; pairs with releaseStandardSlot's release store.
        return buffer.compareAndSetInt(ownerIndex(sig), 0, 1);
    }

    /**
     * Frees a standard signal's info slot once the claim or discard that cleared its pending bit has read what it
     * needs. Mode: release (the claimer's reads of the info happen before the next sender's take).
     */
    void releaseStandardSlot(final int sig) {
        // release: orders the claimer's info reads before the next sender's CAS on the owner word sees 0.
        buffer.putIntRelease(ownerIndex(sig), 0);
    }

    /**
     * Sets a standard signal's slot owner word directly: for a region whose pending bits were written wholesale (an
     * imported dump), where no send or claim runs. Mode: plain (published by the importer's fence).
     */
    void setStandardSlotOwned(final int sig, final boolean owned) {
        // plain: the importer's full fence publishes it; no send or claim runs on the region meanwhile.
        buffer.putInt(ownerIndex(sig), owned ? 1 : 0);
    }

    /**
     * Whether a standard signal's info slot is owned. Mode: volatile (a snapshot for tests and printing).
     *
     * @param sig 1..31 (not checked)
     * @return true while a send, a pending instance or a claim owns the slot
     */
    boolean standardSlotOwned(final int sig) {
        // volatile: a snapshot; pairs with the CAS and release store on the owner word.
        return buffer.getIntVolatile(ownerIndex(sig)) != 0;
    }

    private int ownerIndex(final int sig) {
        return offset + RealtimeQueueDescriptor.standardInfoOffset(sig) + STANDARD_OWNER_OFFSET;
    }

    /**
     * Records the code and value of a send of a standard signal. The caller owns the slot. Mode: plain (published
     * by the sender's atomic OR of the bit, which follows).
     */
    void putStandardInfo(final int sig, final int code, final long value) {
        final int slot = offset + RealtimeQueueDescriptor.standardInfoOffset(sig);
        // plain: the slot is owned by this sender; its atomic OR of the bit publishes both words to the claimer.
        buffer.putInt(slot + STANDARD_CODE_OFFSET, code);
        // plain: as above.
        buffer.putLong(slot + STANDARD_VALUE_OFFSET, value);
    }

    /**
     * Reads the code of the send that made a standard signal pending. Mode: plain, after the claim's CAS that cleared
     * the bit (which acquires the sender's writes) and before the slot is released.
     */
    int standardCode(final int sig) {
        // plain: the claimer owns the slot; its clearing CAS ordered this read after the sender's writes.
        return buffer.getInt(offset + RealtimeQueueDescriptor.standardInfoOffset(sig) + STANDARD_CODE_OFFSET);
    }

    /**
     * Reads the value of the send that made a standard signal pending. Mode: acquire, as {@link #standardCode}.
     */
    long standardValue(final int sig) {
        // acquire: after the claim's clearing CAS, which pairs with the sender's raisePending; the slot is owned.
        return buffer.getLongAcquire(offset + RealtimeQueueDescriptor.standardInfoOffset(sig) + STANDARD_VALUE_OFFSET);
    }

    /**
     * Appends an entry under the queue lock, outside any send: for benchmarks that set this queue against
     * {@link LockFreeRealtimeQueue#offer}. The kernel's sends use the locked steps directly.
     *
     * @param sig       33..64
     * @param code      si_code
     * @param senderPid sender pid
     * @param senderUid sender real uid
     * @param value     sigval
     * @return false if the ring is full: nothing was written
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     * @throws IllegalArgumentException        for a standard signal
     */
    public boolean offer(final int sig, final int code, final int senderPid, final int senderUid, final long value) {
        checkRealtime(sig);
        lock();
        try {
            return offerLocked(sig, value, ThreadControlDescriptor.packSenderInfo(senderPid, senderUid), code);
        } finally {
            unlock();
        }
    }

    /**
     * Removes the oldest entry under the queue lock: the counterpart of {@link #offer}.
     *
     * @param sig 33..64
     * @param out receives the entry; untouched when the ring is empty
     * @return the number of entries left, or -1 if the ring was empty
     * @throws dev.sigpage.api.SignalException EINVAL for an invalid signal
     * @throws IllegalArgumentException        for a standard signal
     */
    public int poll(final int sig, final MutableSigInfo out) {
        checkRealtime(sig);
        Objects.requireNonNull(out, "out");
        lock();
        try {
            return pollLocked(sig, out);
        } finally {
            unlock();
        }
    }

    private static void checkRealtime(final int sig) {
        Signals.checkSignal(sig);
        if (!Signals.isRealtime(sig)) {
            throw new IllegalArgumentException("queues exist for realtime signals 33..64: signal=" + sig);
        }
    }
}
