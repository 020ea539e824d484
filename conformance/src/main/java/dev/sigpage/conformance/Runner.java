package dev.sigpage.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs cases against a profile. Each case runs on its own thread with a fresh engine; a case that has not finished
 * after {@link #CASE_BOUND_SECONDS} fails (its threads are daemons and are left behind). A case the profile expects
 * to fail (a known failure or a deviation of its platform) may leave a thread blocked until a hand-off bound ends
 * it, so {@link #runAll} starts those first and lets them wait beside the others.
 */
public final class Runner {
    /** The bound on one case, in seconds. */
    public static final long CASE_BOUND_SECONDS = 4 * Lab.BOUND_SECONDS;

    private final ConformanceProfile profile;

    /**
     * Creates the runner.
     *
     * @param profile the profile to run against
     */
    public Runner(final ConformanceProfile profile) {
        this.profile = profile;
    }

    /** @return the profile */
    public ConformanceProfile profile() {
        return profile;
    }

    /**
     * Runs every case.
     *
     * @param cases the cases
     * @return their results, in the same order
     */
    public List<Result> runAll(final List<Case> cases) {
        final List<CompletableFuture<Result>> started = new ArrayList<>(cases.size());
        for (final Case c : cases) {
            started.add(expectsFailure(c) ? runAsync(c) : null);
        }
        final List<Result> out = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            out.add(started.get(i) != null ? started.get(i).join() : run(cases.get(i)));
        }
        return out;
    }

    /**
     * @param c a case
     * @return true if the profile expects it to fail: a known failure or a deviation of the profile's platform
     */
    public boolean expectsFailure(final Case c) {
        return c.applicable() && (profile.knownFailure(c) != null || profile.deviation(c) != null);
    }

    /**
     * Runs one case on a thread of its own; its result is ready within {@link #CASE_BOUND_SECONDS}.
     *
     * @param c the case
     * @return its result, to come
     */
    public CompletableFuture<Result> runAsync(final Case c) {
        final CompletableFuture<Result> f = new CompletableFuture<>();
        final Thread t = new Thread(() -> f.complete(run(c)), "judge-" + c.id());
        t.setDaemon(true);
        t.start();
        return f;
    }

    /**
     * Runs one case.
     *
     * @param c the case
     * @return its result
     */
    public Result run(final Case c) {
        if (!c.applicable()) {
            return new Result(c, Outcome.NOT_APPLICABLE, c.notApplicable(), 0);
        }
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread t = new Thread(
                () -> {
                    try {
                        c.scenario().run(new Lab(profile.newEngine()));
                    } catch (final Throwable e) {
                        thrown.set(e);
                    }
                },
                "case-" + c.id());
        t.setDaemon(true);
        final long start = System.nanoTime();
        t.start();
        try {
            t.join(CASE_BOUND_SECONDS * 1000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            thrown.compareAndSet(null, e);
        }
        final long nanos = System.nanoTime() - start;
        if (t.isAlive()) {
            thrown.compareAndSet(null, new CaseFailure("case must finish within " + CASE_BOUND_SECONDS + " s"));
        }
        return judge(c, thrown.get(), nanos);
    }

    private Result judge(final Case c, final Throwable failure, final long nanos) {
        final Deviation deviation = profile.deviation(c);
        if (deviation != null) {
            if (failure == null) {
                return new Result(
                        c,
                        Outcome.FAILED,
                        "documented deviation of profile " + profile.name()
                                + " no longer happens (expected a failure with \"" + deviation.fragment()
                                + "\"): update "
                                + deviation.rule(),
                        nanos);
            }
            final String message = describe(failure);
            if (message.contains(deviation.fragment())) {
                return new Result(
                        c, Outcome.DEVIATES, "deviates as documented: \"" + deviation.fragment() + "\"", nanos);
            }
            return new Result(
                    c,
                    Outcome.FAILED,
                    message + " (the documented deviation fails with \"" + deviation.fragment() + "\")",
                    nanos);
        }
        final String expected = profile.knownFailure(c);
        if (failure == null) {
            if (expected != null) {
                return new Result(
                        c,
                        Outcome.FAILED,
                        "documented known failure no longer happens (expected a failure" + " with \"" + expected
                                + "\"): update the case",
                        nanos);
            }
            return new Result(c, Outcome.PASSED, "", nanos);
        }
        final String message = describe(failure);
        if (expected != null && message.contains(expected)) {
            // the documented fragment, not the whole message: the report stays the same from run to run.
            return new Result(c, Outcome.KNOWN_FAILURE, "fails as documented: \"" + expected + "\"", nanos);
        }
        return new Result(c, Outcome.FAILED, message, nanos);
    }

    private static String describe(final Throwable failure) {
        if (failure instanceof CaseFailure) {
            return failure.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
