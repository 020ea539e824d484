package dev.sigpage.impl;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.agrona.concurrent.IdleStrategy;

/**
 * How one model thread waits until a signal is deliverable, a condition holds, or a timeout passes.
 *
 * <p>Parking: the thread publishes itself as the carrier to unpark (volatile), registers in its process's
 * per-signal sleeper index for every signal it allows (SC), then re-checks its deliverable set and the condition
 * before each park. A thread-directed sender raises the pending bit (SC) and unparks the carrier if the previous
 * word allowed the signal; a process-directed sender raises the process bit (SC) and unparks the first registered
 * sleeper of that signal. Both sides write then read with sequentially consistent operations (the store-buffering
 * shape), so no wake-up is lost. On the way out the thread deregisters and re-checks once more. Polling: the thread
 * polls its words with an Agrona {@link IdleStrategy} and is never indexed.
 *
 * <p>Either way a Java interrupt of the waiting thread ends the wait (checked before every park or idle, so an
 * interrupt before the wait counts too): the thread deregisters, passes on to another sleeper the wake-up of a
 * process-directed sender that chose it, and throws {@link WaitInterruptedException} with the interrupt flag still
 * set. A deliverable signal seen at the same check wins and is returned.
 */
final class ParkingWaiter {
    private final ModelThread thread;
    private volatile Thread carrier;

    ParkingWaiter(final ModelThread thread) {
        this.thread = thread;
    }

    /**
     * @param call         the waiting call, for {@link WaitInterruptedException}
     * @param idle         null to park, else the strategy between polls
     * @param timeoutNanos the longest wait; 0 or less checks once
     * @param done         the condition that ends the wait, or null for none
     * @return the deliverable bits, 0 if the condition, the timeout or the thread's exit ended the wait
     * @throws WaitInterruptedException if the Java thread is interrupted before the wait ends
     */
    long await(final String call, final IdleStrategy idle, final long timeoutNanos, final BooleanSupplier done) {
        long deliverable = thread.deliverableBits();
        if (deliverable != 0 || timeoutNanos <= 0 || done != null && done.getAsBoolean()) {
            return deliverable;
        }
        final long start = System.nanoTime();
        if (idle != null) {
            idle.reset();
            while ((deliverable = thread.deliverableBits()) == 0
                    && thread.isAlive()
                    && (done == null || !done.getAsBoolean())
                    && System.nanoTime() - start < timeoutNanos) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new WaitInterruptedException(call, thread.tid());
                }
                idle.idle();
            }
            return deliverable;
        }
        final long allowed = thread.allowBits();
        final SleeperIndex sleepers = thread.process.sleepers;
        // volatile: published before registering, so a sender that finds this thread can unpark it.
        carrier = Thread.currentThread();
        sleepers.register(thread.slot, allowed);
        boolean interrupted = false;
        try {
            while (thread.isAlive()) {
                // volatile reads after the SC registration: pairs with the senders' SC raise then index read.
                deliverable = thread.deliverableBits();
                if (deliverable != 0 || done != null && done.getAsBoolean()) {
                    break;
                }
                final long remaining = timeoutNanos - (System.nanoTime() - start);
                if (remaining <= 0) {
                    break;
                }
                // not cleared: the caller that catches the exception sees the interrupt too.
                if (Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    break;
                }
                LockSupport.parkNanos(this, remaining);
            }
        } finally {
            sleepers.deregister(thread.slot, allowed);
            // volatile: no sender needs to unpark this thread any more.
            carrier = null;
        }
        if (interrupted) {
            // a process-directed sender that chose this thread woke no one else: pass its wake-up on.
            thread.process.retarget(thread.deliverableBits());
            throw new WaitInterruptedException(call, thread.tid());
        }
        // re-check after deregistering: a sender that chose this thread woke no one else.
        return thread.isAlive() ? thread.deliverableBits() : deliverable;
    }

    /** Unparks the thread if it is parked. */
    void wake() {
        // volatile: after the sender's SC raise (or the exit's volatile store); pairs with the carrier store.
        final Thread c = carrier;
        if (c != null) {
            LockSupport.unpark(c);
        }
    }
}
