package dev.sigpage.bench;

import java.util.Locale;

/**
 * One target of issue 5 and whether this run met it.
 *
 * @param name     what is compared, e.g. {@code model / floor}
 * @param value    the measured figure (a ratio, or nanoseconds), NaN when not measured
 * @param limit    the bound
 * @param atMost   true when the figure must be at most the bound, false when at least
 * @param unit     {@code x} for ratios, {@code ns} for latencies
 */
record Target(String name, double value, double limit, boolean atMost, String unit) {

    /** The verdict. */
    enum Status { MET, MISSED, NOT_MEASURED }

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
     * @return e.g. {@code 1.21x}, or {@code n/a}
     */
    String measured() {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value) + unit;
    }
}
