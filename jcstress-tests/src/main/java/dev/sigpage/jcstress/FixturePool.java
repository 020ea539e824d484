package dev.sigpage.jcstress;

import java.util.ArrayDeque;

/**
 * Reuses {@link Fixture}s between samples. jcstress builds a new state right after it runs the arbiter of the old
 * one, on the same thread, so a per-thread free list suffices: a correct test takes a world in its state
 * constructor and gives it back at the end of its arbiter, after recording the outcome (every correct test has an
 * arbiter for this reason). A world goes back on the
 * list only if {@link Fixture#restore()} proves it identical to a new one; otherwise a new world is built.
 */
final class FixturePool {

    /**
     * Enough for jcstress's largest stride (256 x 40 states): its footprint estimator builds and consumes batches of
     * growing size on one thread, and the first stride is built from the same thread's list.
     */
    private static final int MAX_FREE = 1 << 14;

    private final int moreThreads;
    private final ThreadLocal<ArrayDeque<Fixture>> free = ThreadLocal.withInitial(ArrayDeque::new);

    FixturePool(int moreThreads) {
        this.moreThreads = moreThreads;
    }

    Fixture acquire() {
        Fixture f = free.get().pollFirst();
        return f != null ? f : new Fixture(moreThreads);
    }

    void release(Fixture f) {
        ArrayDeque<Fixture> list = free.get();
        if (list.size() < MAX_FREE && f.restore()) {
            list.addFirst(f);
        }
    }
}
