package dev.sigpage.bench;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A blocked-signal mask kept the way a kernel keeps it: a plain word guarded by a spin lock, as Linux guards
 * {@code current->blocked} with {@code sighand->siglock} ({@code spin_lock_irq}) in {@code rt_sigprocmask}.
 *
 * <p>A spin lock rather than a {@code ReentrantLock}: it is the lock a kernel holds for this change, and
 * uncontended it costs exactly one compare-and-set to take plus one release store to drop, so the benchmark
 * isolates "one atomic plus a lock hand-off" against the protocol's single {@code getAndAdd}. A
 * {@code ReentrantLock} would add its owner bookkeeping on top of the same compare-and-set.
 *
 * <p>Both words live off-heap in an Agrona buffer, like the protocol's thread word, on separate cache lines as
 * the kernel's lock and task fields are.
 */
final class SpinLockedMask {

    private static final int CACHE_LINE = 64;
    private static final int LOCK_OFFSET = 0;
    private static final int MASK_OFFSET = CACHE_LINE;
    private static final int PENDING_OFFSET = CACHE_LINE + Long.BYTES;
    private static final long UNLOCKED = 0;
    private static final long LOCKED = 1;

    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(2 * CACHE_LINE, CACHE_LINE));

    /**
     * Changes the blocked set under the lock.
     *
     * @param how {@link LinuxSignals#SIG_BLOCK}, {@link LinuxSignals#SIG_UNBLOCK} or
     *            {@link LinuxSignals#SIG_SETMASK}
     * @param set the signal set, signal n at bit n-1
     * @return the blocked set before the change
     */
    long sigprocmask(final int how, final long set) {
        // acquire: pairs with the release store below, so the plain mask accesses stay inside the lock
        while (!buffer.compareAndSetLong(LOCK_OFFSET, UNLOCKED, LOCKED)) {
            Thread.onSpinWait();
        }
        final long old = buffer.getLong(MASK_OFFSET);
        final long updated;
        switch (how) {
            case LinuxSignals.SIG_BLOCK:
                updated = old | set;
                break;
            case LinuxSignals.SIG_UNBLOCK:
                updated = old & ~set;
                break;
            case LinuxSignals.SIG_SETMASK:
                updated = set;
                break;
            default:
                buffer.putLongRelease(LOCK_OFFSET, UNLOCKED);
                throw new IllegalArgumentException("how must be 0, 1 or 2: how=" + how);
        }
        buffer.putLong(MASK_OFFSET, updated);
        // release: publishes the plain mask store to the next holder's acquiring compare-and-set
        buffer.putLongRelease(LOCK_OFFSET, UNLOCKED);
        return old;
    }

    /**
     * Marks signals pending under the same lock, as a kernel's send does ({@code siglock} held while it sets the
     * pending bit and reads the blocked set to decide on a wake-up).
     *
     * @param set the signals to raise, signal n at bit n-1
     * @return the raised signals that are not blocked (those a kernel would wake the thread for)
     */
    long send(final long set) {
        // acquire: pairs with the release store below and with sigprocmask's, as there
        while (!buffer.compareAndSetLong(LOCK_OFFSET, UNLOCKED, LOCKED)) {
            Thread.onSpinWait();
        }
        buffer.putLong(PENDING_OFFSET, buffer.getLong(PENDING_OFFSET) | set);
        final long deliverable = set & ~buffer.getLong(MASK_OFFSET);
        // release: publishes the plain pending store to the next holder's acquiring compare-and-set
        buffer.putLongRelease(LOCK_OFFSET, UNLOCKED);
        return deliverable;
    }
}
