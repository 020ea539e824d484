package dev.sigpage.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report's arithmetic and its text: ratios to the floor, the system call against the model, delivery
 * percentiles beside Linux's, and the targets of the cost model. Pure: it reads only the figures it is given.
 */
final class ReportTable {

    static final String BASELINE = "SigprocmaskBench.baseline";
    static final String FLOOR = "SigprocmaskBench.floorXadd";
    static final String MODEL = "SigprocmaskBench.model";
    static final String MODEL_REALTIME = "SigprocmaskBench.modelRealtime";
    static final String LOCKED = "SigprocmaskBench.lockedMask";
    static final String JNI_NOOP = "SigprocmaskBench.jniNoop";
    static final String SYSCALL = "SigprocmaskBench.syscall";
    static final String THREAD_SEND = "SendBench.threadDirected";
    static final String PROCESS_SEND_64 = "SendBench.processDirected:threads=64";
    static final String SPINNING = "DeliveryLatency.spinning";
    static final String PARKING = "DeliveryLatency.parking";

    static final double MODEL_TO_FLOOR_MAX = 1.3;
    static final double SYSCALL_TO_MODEL_MIN = 20;
    static final double THREAD_SEND_TO_FLOOR_MAX = 2;
    static final double PROCESS_SEND_TO_FLOOR_MAX = 4;
    static final double SPINNING_P50_MAX_NS = 1000;

    private static final String SAMPLE_MODE = "sample";

    /** The order rows are printed in: each measurement right after its baseline or floor. */
    static final List<String> ORDER = List.of(
            BASELINE,
            FLOOR,
            MODEL,
            MODEL_REALTIME,
            LOCKED,
            JNI_NOOP,
            SYSCALL,
            "SendBench.floorOr",
            THREAD_SEND,
            "SendBench.processDirected:threads=1",
            "SendBench.processDirected:threads=8",
            PROCESS_SEND_64,
            "ClaimBench.sendThread",
            "ClaimBench.thread",
            "ClaimBench.sendProcess",
            "ClaimBench.process",
            "DeliveryLatency.pingPong",
            SPINNING,
            PARKING);

    private final Map<String, Measurement> measurements = new LinkedHashMap<>();
    private final List<LinuxDelivery> linux;

    /**
     * @param measurements the JMH results; printed in {@link #ORDER}, unknown keys after, in the given order
     * @param linux        the native probe's figures, possibly empty
     */
    ReportTable(final List<Measurement> measurements, final List<LinuxDelivery> linux) {
        final List<Measurement> sorted = new ArrayList<>(measurements);
        sorted.sort(Comparator.comparingInt(measurement -> {
            final int index = ORDER.indexOf(measurement.key());
            return index < 0 ? ORDER.size() : index;
        }));
        for (final Measurement measurement : sorted) {
            this.measurements.put(measurement.key(), measurement);
        }
        this.linux = List.copyOf(linux);
    }

    /**
     * A measurement by key.
     *
     * @param key e.g. {@code SigprocmaskBench.model}
     * @return the measurement, if present
     */
    Optional<Measurement> get(final String key) {
        return Optional.ofNullable(measurements.get(key));
    }

    /**
     * A score divided by another.
     *
     * @param numerator   key of the dividend
     * @param denominator key of the divisor
     * @return the ratio, NaN when either is missing
     */
    double ratio(final String numerator, final String denominator) {
        final Measurement top = measurements.get(numerator);
        final Measurement bottom = measurements.get(denominator);
        return top == null || bottom == null ? Double.NaN : top.score() / bottom.score();
    }

    /**
     * The ratio of the best (lowest) iteration scores, the estimate least disturbed by other processes.
     *
     * @param numerator   key of the dividend
     * @param denominator key of the divisor
     * @return the ratio, NaN when either is missing or has no best iteration
     */
    double bestRatio(final String numerator, final String denominator) {
        final Measurement top = measurements.get(numerator);
        final Measurement bottom = measurements.get(denominator);
        return top == null || bottom == null ? Double.NaN : top.best() / bottom.best();
    }

    /**
     * The 99.9% half-width of {@link #ratio}, first-order propagation of both score errors:
     * {@code r * sqrt((ea/a)^2 + (eb/b)^2)}.
     *
     * @param numerator   key of the dividend
     * @param denominator key of the divisor
     * @return the error, NaN when a figure or an error is missing
     */
    double ratioError(final String numerator, final String denominator) {
        final Measurement top = measurements.get(numerator);
        final Measurement bottom = measurements.get(denominator);
        if (top == null || bottom == null) {
            return Double.NaN;
        }
        final double a = top.error() / top.score();
        final double b = bottom.error() / bottom.score();
        return top.score() / bottom.score() * Math.sqrt(a * a + b * b);
    }

    /**
     * The kernel's part of the system call (syscall minus the JNI no-op) over the model.
     *
     * @return the ratio, NaN when a figure is missing
     */
    double kernelPartToModel() {
        final Measurement syscall = measurements.get(SYSCALL);
        final Measurement noop = measurements.get(JNI_NOOP);
        final Measurement model = measurements.get(MODEL);
        if (syscall == null || noop == null || model == null) {
            return Double.NaN;
        }
        return (syscall.score() - noop.score()) / model.score();
    }

    /**
     * The five targets of the cost model, evaluated.
     *
     * @return the targets, in the order the report prints them
     */
    List<Target> targets() {
        final double spinningP50 = get(SPINNING).map(Measurement::p50).orElse(Double.NaN);
        return List.of(
                new Target(
                        "model / floorXadd",
                        ratio(MODEL, FLOOR),
                        ratioError(MODEL, FLOOR),
                        bestRatio(MODEL, FLOOR),
                        MODEL_TO_FLOOR_MAX,
                        true,
                        "x"),
                new Target(
                        "syscall / model",
                        ratio(SYSCALL, MODEL),
                        ratioError(SYSCALL, MODEL),
                        bestRatio(SYSCALL, MODEL),
                        SYSCALL_TO_MODEL_MIN,
                        false,
                        "x"),
                new Target(
                        "threadDirected send / floorXadd",
                        ratio(THREAD_SEND, FLOOR),
                        ratioError(THREAD_SEND, FLOOR),
                        bestRatio(THREAD_SEND, FLOOR),
                        THREAD_SEND_TO_FLOOR_MAX,
                        true,
                        "x"),
                new Target(
                        "processDirected send, 64 threads / floorXadd",
                        ratio(PROCESS_SEND_64, FLOOR),
                        ratioError(PROCESS_SEND_64, FLOOR),
                        bestRatio(PROCESS_SEND_64, FLOOR),
                        PROCESS_SEND_TO_FLOOR_MAX,
                        true,
                        "x"),
                new Target(
                        "spinning delivery p50",
                        spinningP50,
                        Double.NaN,
                        Double.NaN,
                        SPINNING_P50_MAX_NS,
                        true,
                        " ns"));
    }

    /**
     * The average-time measurements (the cost table), in input order.
     *
     * @return the measurements that are not sample-time
     */
    List<Measurement> costs() {
        final List<Measurement> costs = new ArrayList<>();
        for (final Measurement measurement : measurements.values()) {
            if (!SAMPLE_MODE.equals(measurement.mode())) {
                costs.add(measurement);
            }
        }
        return costs;
    }

    /**
     * The sample-time measurements (the delivery table), in input order.
     *
     * @return the measurements that are sample-time
     */
    List<Measurement> latencies() {
        final List<Measurement> latencies = new ArrayList<>();
        for (final Measurement measurement : measurements.values()) {
            if (SAMPLE_MODE.equals(measurement.mode())) {
                latencies.add(measurement);
            }
        }
        return latencies;
    }

    /**
     * The Linux figures.
     *
     * @return the native probe's results
     */
    List<LinuxDelivery> linux() {
        return linux;
    }

    /**
     * The whole report as Markdown (also readable as plain text).
     *
     * @return the report
     */
    String markdown() {
        final StringBuilder out = new StringBuilder();
        out.append("### Cost per operation (average time)\n\n");
        out.append("| benchmark | ns/op | error (99.9%) | x floorXadd | best iteration ns/op | best x floorXadd |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (final Measurement cost : costs()) {
            out.append("| ")
                    .append(cost.key())
                    .append(" | ")
                    .append(fixed(cost.score()))
                    .append(" | ")
                    .append(Double.isNaN(cost.error()) ? "n/a" : "± " + fixed(cost.error()))
                    .append(" | ")
                    .append(times(ratio(cost.key(), FLOOR)))
                    .append(" | ")
                    .append(fixed(cost.best()))
                    .append(" | ")
                    .append(times(bestRatio(cost.key(), FLOOR)))
                    .append(" |\n");
        }
        out.append('\n');
        out.append("System call against the model: syscall / model = ")
                .append(times(ratio(SYSCALL, MODEL)))
                .append(" (best iterations: ")
                .append(times(bestRatio(SYSCALL, MODEL)))
                .append("); without the JNI transition (syscall - jniNoop) / model = ")
                .append(times(kernelPartToModel()))
                .append(".\n\n");

        out.append("### Delivery latency, send until the waiting thread observes it (ns)\n\n");
        out.append("| what | p50 | p99 | mean | measured as |\n");
        out.append("|---|---:|---:|---:|---|\n");
        for (final Measurement latency : latencies()) {
            out.append("| ")
                    .append(latency.key())
                    .append(" | ")
                    .append(fixed(latency.p50()))
                    .append(" | ")
                    .append(fixed(latency.p99()))
                    .append(" | ")
                    .append(fixed(latency.score()))
                    .append(" | JMH sample time, round trip |\n");
        }
        for (final LinuxDelivery delivery : linux) {
            out.append("| ")
                    .append(delivery.method())
                    .append(" | ")
                    .append(fixed(delivery.roundTripP50()))
                    .append(" | ")
                    .append(fixed(delivery.roundTripP99()))
                    .append(" | n/a | native probe, round trip, ")
                    .append(delivery.samples())
                    .append(" samples |\n");
            out.append("| ")
                    .append(delivery.method())
                    .append(" | ")
                    .append(fixed(delivery.oneWayP50()))
                    .append(" | ")
                    .append(fixed(delivery.oneWayP99()))
                    .append(" | n/a | native probe, one way, ")
                    .append(delivery.samples())
                    .append(" samples |\n");
        }
        out.append('\n');

        out.append("### Targets\n\n");
        out.append("| target | measured (means) | best iterations | bound | verdict (on the means) |\n");
        out.append("|---|---:|---:|---:|---|\n");
        for (final Target target : targets()) {
            out.append("| ")
                    .append(target.name())
                    .append(" | ")
                    .append(target.measured())
                    .append(" | ")
                    .append(Double.isNaN(target.best()) ? "n/a" : fixed(target.best()) + target.unit())
                    .append(" | ")
                    .append(target.bound())
                    .append(" | ")
                    .append(target.verdict())
                    .append(" |\n");
        }
        return out.toString();
    }

    /**
     * A figure with two decimals, or {@code n/a}.
     *
     * @param value the figure
     * @return the text
     */
    static String fixed(final double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * A ratio, e.g. {@code 1.25x}, or {@code n/a}.
     *
     * @param value the ratio
     * @return the text
     */
    static String times(final double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2fx", value);
    }

    /**
     * A bound without trailing zeros, e.g. {@code 1.3} or {@code 20}.
     *
     * @param value the bound
     * @return the text
     */
    static String number(final double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
