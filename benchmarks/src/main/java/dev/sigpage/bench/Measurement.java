package dev.sigpage.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark's result as the report reads it.
 *
 * @param key   short name, {@code Class.method} followed by {@code :param=value} pairs in name order, e.g.
 *              {@code SendBench.processDirected:threads=64}
 * @param mode  JMH's short mode name ({@code avgt}, {@code sample})
 * @param score the primary score (mean), in {@code unit}
 * @param error half-width of the 99.9% confidence interval, NaN when JMH could not compute it
 * @param unit  the score unit, e.g. {@code ns/op}
 * @param p50   the median of the samples (sample-time mode), NaN otherwise
 * @param p99   the 99th percentile of the samples (sample-time mode), NaN otherwise
 * @param best  the lowest iteration score over all forks (average-time mode), NaN otherwise: on a shared machine
 *              other processes only ever add time, so this is the figure least disturbed by them
 * @param allocation bytes allocated per operation ({@code -prof gc}'s {@code gc.alloc.rate.norm}), NaN when not
 *                   profiled
 * @param maxRetries the largest per-iteration value of the benchmark's {@code maxRetries} counter, NaN when it has
 *                   none
 * @param starvedClaimers the largest per-iteration value of the benchmark's {@code starvedClaimers} counter, NaN
 *                   when it has none
 */
record Measurement(
        String key,
        String mode,
        double score,
        double error,
        String unit,
        double p50,
        double p99,
        double best,
        double allocation,
        double maxRetries,
        double starvedClaimers) {

    /**
     * A measurement without allocation profile or retries counter.
     *
     * @param key   short name
     * @param mode  JMH's short mode name
     * @param score the mean
     * @param error the 99.9% half-width
     * @param unit  the score unit
     * @param p50   the median sample, or NaN
     * @param p99   the 99th percentile sample, or NaN
     * @param best  the lowest iteration score, or NaN
     */
    Measurement(
            final String key,
            final String mode,
            final double score,
            final double error,
            final String unit,
            final double p50,
            final double p99,
            final double best) {
        this(key, mode, score, error, unit, p50, p99, best, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * Builds the short key of a benchmark.
     *
     * @param benchmark the fully qualified benchmark method, e.g. {@code dev.sigpage.bench.SendBench.processDirected}
     * @param params    the JMH parameters
     * @return the key
     */
    static String key(final String benchmark, final Map<String, String> params) {
        final int method = benchmark.lastIndexOf('.');
        final int type = benchmark.lastIndexOf('.', method - 1);
        final StringBuilder key = new StringBuilder(benchmark.substring(type + 1));
        new TreeMap<>(params)
                .forEach((name, value) ->
                        key.append(':').append(name).append('=').append(value));
        return key.toString();
    }
}
