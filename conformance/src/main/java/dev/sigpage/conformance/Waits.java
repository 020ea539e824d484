package dev.sigpage.conformance;

import dev.sigpage.impl.engine.UserThread;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Bounded waits usable from inside model threads (no checked exception): a wait that times out fails the case. */
public final class Waits {
    private Waits() {}

    /**
     * Waits for a latch.
     *
     * @param latch the latch
     */
    public static void await(final CountDownLatch latch) {
        try {
            if (!latch.await(Lab.BOUND_SECONDS, TimeUnit.SECONDS)) {
                throw new CaseFailure("hand-off must happen within " + Lab.BOUND_SECONDS + " s");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseFailure("interrupted", e);
        }
    }

    /**
     * Waits for a thread to end and fails with its failure if it had one.
     *
     * @param t the thread
     */
    public static void join(final UserThread t) {
        try {
            if (!t.join(Lab.BOUND_SECONDS, TimeUnit.SECONDS)) {
                throw new CaseFailure("thread must end within " + Lab.BOUND_SECONDS + " s: " + t);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseFailure("interrupted", e);
        }
        final Throwable f = t.failure();
        if (f instanceof CaseFailure) {
            throw (CaseFailure) f;
        }
        if (f != null) {
            throw new CaseFailure("thread " + t.tid() + " failed: " + f, f);
        }
    }

    /**
     * Waits until a thread is blocked for the {@code count}-th time.
     *
     * @param t     the thread
     * @param count the number of blocking waits
     */
    public static void blocked(final UserThread t, final int count) {
        try {
            if (!t.awaitBlocked(count, Lab.BOUND_SECONDS, TimeUnit.SECONDS)) {
                // a thread that ended early failed first: its own failure says more.
                if (t.failure() instanceof CaseFailure) {
                    throw (CaseFailure) t.failure();
                }
                throw new CaseFailure(
                        "thread must block (wait " + count + ") within " + Lab.BOUND_SECONDS + " s: " + t);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseFailure("interrupted", e);
        }
    }
}
