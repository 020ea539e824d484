package dev.sigpage.impl.engine;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A futex-like word: {@link Sys#futexWait} blocks while the word holds an expected value, {@link #wake} wakes
 * waiters in arrival order. The value check and the enqueue happen under the futex's lock, as do wakes, so a wake
 * after a value change is never lost.
 */
public final class Futex {
    private final AtomicInteger value;
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();

    /**
     * @param initial the initial value
     */
    public Futex(final int initial) {
        this.value = new AtomicInteger(initial);
    }

    /** @return the word */
    public AtomicInteger value() {
        return value;
    }

    /**
     * Wakes up to {@code n} waiters, oldest first.
     *
     * @param n the most waiters to wake
     * @return how many were woken
     */
    public int wake(final int n) {
        int woken = 0;
        synchronized (this) {
            while (woken < n && !queue.isEmpty()) {
                final Waiter w = queue.pollFirst();
                // volatile: the waiter's condition; written before its unpark.
                w.woken = true;
                w.thread.unpark();
                woken++;
            }
        }
        return woken;
    }

    /** @return the waiters queued now */
    public synchronized int waiters() {
        return queue.size();
    }

    /** Enqueues a waiter if the word holds the expected value; null if it does not. */
    synchronized Waiter enqueueIf(final int expected, final UserThread thread) {
        if (value.get() != expected) {
            return null;
        }
        final Waiter w = new Waiter(thread);
        queue.addLast(w);
        return w;
    }

    /** Removes a waiter that stops waiting; true if it had been woken meanwhile. */
    synchronized boolean leave(final Waiter w) {
        queue.remove(w);
        return w.woken;
    }

    static final class Waiter {
        final UserThread thread;
        volatile boolean woken;

        Waiter(final UserThread thread) {
            this.thread = thread;
        }
    }
}
