package dev.sigpage.bench;

import java.util.Locale;

/**
 * One target of the cost model and whether this run met it.
 *
 * @param name     what is compared, e.g. {@code model / floor}
 * @param value    the measured figure (a ratio, or nanoseconds), NaN when not measured
 * @param error    half-width of the figure's 99.9% interval (JMH's score errors propagated through the ratio),
 *                 NaN when unknown
 * @param best     the same figure from the best (lowest) iteration scores, NaN when not applicable; shown beside
 *                 the verdict, which is always taken on the means (the figures JMH's JSON carries)
 * @param limit    the bound
 * @param atMost   true when the figure must be at most the bound, false when at least
 * @param unit     {@code x} for ratios, {@code ns} for latencies
 */
record Target(String name, double value, double error, double best, double limit, boolean atMost, String unit) {

    /** The verdict. */
    enum Status {
        MET,
        MISSED,
        NOT_MEASURED
    }

    /**
     * The verdict of this run.
     *
     * @return MET, MISSED, or NOT_MEASURED when a figure it needs is missing
     */
    Status status() {
        if (Double.isNaN(value)) {
            return Status.NOT_MEASURED;
        }
        return (atMost ? value <= limit : value >= limit) ? Status.MET : Status.MISSED;
    }

    /**
     * Whether the verdict stands outside the noise: false when the bound lies within the figure's interval, so
     * another run on the same machine could give the other verdict.
     *
     * @return true when measured and the error is known and smaller than the distance to the bound
     */
    boolean conclusive() {
        return !Double.isNaN(value) && !Double.isNaN(error) && Math.abs(value - limit) > error;
    }

    /**
     * The verdict with a note when it is inside the noise.
     *
     * @return e.g. {@code MET} or {@code MISSED (inconclusive: bound within the error)}
     */
    String verdict() {
        if (status() == Status.NOT_MEASURED || Double.isNaN(error) || conclusive()) {
            return status().name();
        }
        return status() + " (inconclusive: bound within the error)";
    }

    /**
     * The bound as text, e.g. {@code <= 1.3x}.
     *
     * @return the bound
     */
    String bound() {
        return (atMost ? "<= " : ">= ") + ReportTable.number(limit) + unit;
    }

    /**
     * The measured figure as text.
     *
     * @return e.g. {@code 1.21x ± 0.05x}, {@code 406.00 ns}, or {@code n/a}
     */
    String measured() {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        final String figure = String.format(Locale.ROOT, "%.2f", value) + unit;
        return Double.isNaN(error) ? figure : figure + " ± " + String.format(Locale.ROOT, "%.2f", error) + unit;
    }
}
