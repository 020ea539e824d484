package dev.sigpage.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of raw samples. */
final class Percentiles {

    private Percentiles() {}

    /**
     * The nearest-rank percentile: the smallest sample such that at least {@code percent}% of the samples are
     * less than or equal to it.
     *
     * @param samples the samples, left unchanged
     * @param percent in (0, 100]
     * @return the percentile
     */
    static double of(final long[] samples, final double percent) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("samples must not be empty: length=0");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100]: percent=" + percent);
        }
        final long[] sorted = samples.clone();
        Arrays.sort(sorted);
        final int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
