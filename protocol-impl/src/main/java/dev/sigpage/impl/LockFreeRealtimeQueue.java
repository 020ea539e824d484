package dev.sigpage.impl;

import static dev.sigpage.api.LockFreeRealtimeQueueDescriptor.ENTRY_CODE_OFFSET;
import static dev.sigpage.api.LockFreeRealtimeQueueDescriptor.ENTRY_LENGTH;
import static dev.sigpage.api.LockFreeRealtimeQueueDescriptor.ENTRY_SENDER_OFFSET;
import static dev.sigpage.api.LockFreeRealtimeQueueDescriptor.ENTRY_SEQUENCE_OFFSET;
import static dev.sigpage.api.LockFreeRealtimeQueueDescriptor.ENTRY_VALUE_OFFSET;
import static dev.sigpage.api.LockFreeRealtimeQueueDescriptor.RING_HEADER_LENGTH;
import static dev.sigpage.api.LockFreeRealtimeQueueDescriptor.RING_HEAD_OFFSET;
import static dev.sigpage.api.LockFreeRealtimeQueueDescriptor.RING_TAIL_OFFSET;

import dev.sigpage.api.Errno;
import dev.sigpage.api.LockFreeRealtimeQueueDescriptor;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.Signals;
import java.util.Objects;
import org.agrona.concurrent.AtomicBuffer;

/**
 * Flyweight over a lock-free realtime queue region (layout: {@link LockFreeRealtimeQueueDescriptor}): 32 bounded
 * rings, one per realtime signal, that any number of senders and claimers share without a lock. The alternative to
 * the locked {@link RealtimeQueue} ({@link RealtimeQueueKind} names the two).
 *
 * <p>The design follows the userspace-signals RFC's ring: a {@code qtail} that senders advance and a {@code qhead}
 * that the claimer advances, dividing the array into a producer-owned and a consumer-owned part. The RFC has one
 * producer (the kernel, under its own lock) and one consumer (the thread). Here senders race each other and, for
 * a process queue, so do the claimers of every thread of the process, so each counter is advanced by a
 * compare-and-set and each entry carries a sequence word saying whether it is free for the lap a position
 * belongs to or published for it (the bounded multi-producer multi-consumer ring known from Vyukov and JCTools):
 *
 * <ul>
 *   <li>offer: read {@code tail}; if the slot's sequence says free for that lap, take the position with a CAS
 *       on {@code tail}, write the entry with plain stores and publish it with a release store of the sequence;
 *       if the sequence says the previous lap's entry is still there, the ring is full: nothing was written;
 *   <li>poll: read {@code head}; if the slot's sequence says published for that lap, take the position with a
 *       CAS on {@code head}, read the entry with plain loads and free the slot for the next lap with a release
 *       store of the sequence; otherwise nothing is ready.
 * </ul>
 *
 * <p>Per sender, entries keep their order: one sender's offers take increasing positions, and claims take
 * positions in increasing order. An entry whose position is taken but not yet published is not skipped: a poll
 * reports nothing ready until it is, and the sender raises the pending bit only after publishing, so the claim
 * that the bit triggers finds it.
 *
 * <p>The pending bit: the queue does not own it. The protocol that keeps bit and ring in agreement without a lock
 * is raise after publish (the sender) and, when a poll leaves the ring empty, clear then re-check the tail and
 * re-raise if an entry arrived (the claimer); a bit left set over an empty ring is a stale bit the claim clears.
 * Both steps are sequentially consistent read-modify-writes, so the clear and the sender's raise are ordered.
 *
 * <p>Allocation-free; every counter and sequence access names its mode.
 */
public final class LockFreeRealtimeQueue {
    private final AtomicBuffer buffer;
    private final int offset;
    private final int depth;

    private LockFreeRealtimeQueue(final AtomicBuffer buffer, final int offset, final int depth) {
        this.buffer = buffer;
        this.offset = offset;
        this.depth = depth;
    }

    /**
     * Wraps a region; a zeroed region is an empty queue.
     *
     * @param buffer an off-heap buffer
     * @param offset start of the region
     * @param depth  entries per ring
     * @return the flyweight
     * @throws IllegalArgumentException  for a depth outside 1..65536
     * @throws IndexOutOfBoundsException if the offset is outside the buffer
     * @throws IllegalStateException     if the region does not fit, is on-heap, or is misaligned
     */
    public static LockFreeRealtimeQueue wrap(final AtomicBuffer buffer, final int offset, final int depth) {
        final int length = LockFreeRealtimeQueueDescriptor.length(depth);
        Regions.check(buffer, offset, length, LockFreeRealtimeQueueDescriptor.ALIGNMENT, "realtime queue region");
        return new LockFreeRealtimeQueue(buffer, offset, depth);
    }

    /**
     * Allocates a zeroed region of its own and wraps it.
     *
     * @param depth entries per ring
     * @return the flyweight
     * @throws IllegalArgumentException for a depth outside 1..65536
     */
    public static LockFreeRealtimeQueue allocate(final int depth) {
        return wrap(
                Regions.allocate(
                        LockFreeRealtimeQueueDescriptor.length(depth), LockFreeRealtimeQueueDescriptor.ALIGNMENT),
                0,
                depth);
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

    /**
     * Appends an entry, or refuses it when the ring is full.
     *
     * @param sig       33..64
     * @param code      si_code
     * @param senderPid sender pid
     * @param senderUid sender real uid
     * @param value     sigval
     * @return false if the ring is full: nothing was written
     * @throws SignalException          EINVAL for an invalid signal
     * @throws IllegalArgumentException for a standard signal
     */
    public boolean offer(final int sig, final int code, final int senderPid, final int senderUid, final long value) {
        final int ring = ringIndex(checkRealtime(sig));
        while (true) {
            // volatile: the position the next sender takes; re-read after every lost CAS.
            final long tail = buffer.getLongVolatile(ring + RING_TAIL_OFFSET);
            final int entry = entryIndex(ring, tail);
            final long free = 2 * (tail / depth);
            // acquire: pairs with poll's release of the slot, so the claimer's reads of the old entry come first.
            final long sequence = buffer.getLongAcquire(entry + ENTRY_SEQUENCE_OFFSET);
            if (sequence == free) {
                // CAS (volatile): takes position tail against other senders; the winner alone writes the slot.
                if (buffer.compareAndSetLong(ring + RING_TAIL_OFFSET, tail, tail + 1)) {
                    // plain: the slot belongs to this sender until the release store below publishes it.
                    buffer.putLong(entry + ENTRY_VALUE_OFFSET, value);
                    buffer.putLong(entry + ENTRY_SENDER_OFFSET, ((long) senderUid << 32) | (senderPid & 0xFFFF_FFFFL));
                    buffer.putInt(entry + ENTRY_CODE_OFFSET, code);
                    // release: publishes the entry to poll's acquire of the sequence.
                    buffer.putLongRelease(entry + ENTRY_SEQUENCE_OFFSET, free + 1);
                    return true;
                }
            } else if (sequence < free) {
                // The previous lap's entry is still in the slot: full as of the tail read.
                if (tail == buffer.getLongVolatile(ring + RING_TAIL_OFFSET)) {
                    return false;
                }
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Appends an entry as {@code sigqueue} does: a full ring is EAGAIN and leaves the region unchanged.
     *
     * @param sig       33..64
     * @param code      si_code
     * @param senderPid sender pid
     * @param senderUid sender real uid
     * @param value     sigval
     * @throws SignalException          EAGAIN when the ring is full, EINVAL for an invalid signal
     * @throws IllegalArgumentException for a standard signal
     */
    public void enqueue(final int sig, final int code, final int senderPid, final int senderUid, final long value) {
        if (!offer(sig, code, senderPid, senderUid, value)) {
            throw new SignalException(Errno.EAGAIN, "realtime queue of depth " + depth + " is full", "signal", sig);
        }
    }

    /**
     * Removes the oldest published entry into {@code out}.
     *
     * @param sig 33..64
     * @param out receives signo, code, sender and value; untouched when nothing is ready
     * @return the number of entries left (a snapshot), or -1 if no entry was ready
     * @throws SignalException          EINVAL for an invalid signal
     * @throws IllegalArgumentException for a standard signal
     * @throws NullPointerException     if {@code out} is null
     */
    public int poll(final int sig, final MutableSigInfo out) {
        Objects.requireNonNull(out, "out");
        final int ring = ringIndex(checkRealtime(sig));
        while (true) {
            // volatile: the position the next claimer takes; re-read after every lost CAS.
            final long head = buffer.getLongVolatile(ring + RING_HEAD_OFFSET);
            final int entry = entryIndex(ring, head);
            final long published = 2 * (head / depth) + 1;
            // acquire: pairs with offer's release of the sequence, so the entry's plain stores are visible.
            final long sequence = buffer.getLongAcquire(entry + ENTRY_SEQUENCE_OFFSET);
            if (sequence == published) {
                // CAS (volatile): takes position head against other claimers; the winner alone reads the slot.
                if (buffer.compareAndSetLong(ring + RING_HEAD_OFFSET, head, head + 1)) {
                    // plain: ordered after the acquire above; no sender writes the slot until it is freed below.
                    final long value = buffer.getLong(entry + ENTRY_VALUE_OFFSET);
                    final long sender = buffer.getLong(entry + ENTRY_SENDER_OFFSET);
                    final int code = buffer.getInt(entry + ENTRY_CODE_OFFSET);
                    // release: frees the slot for the next lap; pairs with offer's acquire of the sequence.
                    buffer.putLongRelease(entry + ENTRY_SEQUENCE_OFFSET, published + 1);
                    out.set(sig, code, (int) sender, (int) (sender >>> 32), value);
                    // volatile: a snapshot of the senders' counter for the count left.
                    return (int) Math.max(0, buffer.getLongVolatile(ring + RING_TAIL_OFFSET) - (head + 1));
                }
            } else if (sequence < published) {
                // Not published for this lap: empty, or a sender took the position and has not published yet.
                return -1;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Whether a ring holds or is about to hold an entry: the claimer's re-check after it clears the pending bit.
     *
     * @param sig 33..64
     * @return true if some sender has taken a position no claimer has taken yet
     * @throws SignalException          EINVAL for an invalid signal
     * @throws IllegalArgumentException for a standard signal
     */
    public boolean hasEntries(final int sig) {
        return count(sig) > 0;
    }

    /**
     * The number of positions taken by senders and not yet by claimers. Mode: volatile reads of head then tail, a
     * snapshot: exact when no send or claim runs concurrently.
     *
     * @param sig 33..64
     * @return entries queued
     * @throws SignalException          EINVAL for an invalid signal
     * @throws IllegalArgumentException for a standard signal
     */
    public int count(final int sig) {
        final int ring = ringIndex(checkRealtime(sig));
        // volatile: head first, so the difference never goes below what was queued at the tail read.
        final long head = buffer.getLongVolatile(ring + RING_HEAD_OFFSET);
        // volatile: pairs with offer's CAS on the tail.
        final long tail = buffer.getLongVolatile(ring + RING_TAIL_OFFSET);
        return (int) Math.max(0, tail - head);
    }

    private int ringIndex(final int sig) {
        return offset + LockFreeRealtimeQueueDescriptor.ringOffset(sig, depth);
    }

    private int entryIndex(final int ring, final long position) {
        return ring + RING_HEADER_LENGTH + (int) (position % depth) * ENTRY_LENGTH;
    }

    private static int checkRealtime(final int sig) {
        Signals.checkSignal(sig);
        if (!Signals.isRealtime(sig)) {
            throw new IllegalArgumentException("queues exist for realtime signals 33..64: signal=" + sig);
        }
        return sig;
    }
}
