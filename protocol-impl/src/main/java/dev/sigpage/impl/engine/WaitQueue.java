package dev.sigpage.impl.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user threads waiting on one object (a pipe, a futex): a waiter adds itself before it checks its condition,
 * and a party that changes the object wakes every waiter after the change. Both sides go through volatile or
 * locked accesses, so a waiter either sees the change or is unparked (an unpark before the park is kept).
 */
final class WaitQueue {
    private final Set<UserThread> waiters = ConcurrentHashMap.newKeySet();

    void add(final UserThread t) {
        waiters.add(t);
    }

    void remove(final UserThread t) {
        waiters.remove(t);
    }

    /** @return true if no thread waits (a waiter that left, by any way out, is removed) */
    boolean isEmpty() {
        return waiters.isEmpty();
    }

    void wakeAll() {
        for (final UserThread t : waiters) {
            t.unpark();
        }
    }
}
