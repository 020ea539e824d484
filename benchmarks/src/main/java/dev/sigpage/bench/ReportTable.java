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
 * The report's arithmetic and its text: the targets' verdicts first, then the native anchors beside their Java
 * counterparts, ratios to the Java and the native floor, allocation per operation, the many claimers' retries, the
 * realtime queues side by side, and delivery percentiles beside Linux's. Pure: it reads only the figures it is
 * given.
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
    static final String CLAIM_THREAD = "ClaimBench.thread";
    static final String CLAIM_PROCESS = "ClaimBench.process";
    static final String CONTENDED_MODEL_THREAD = "ContendedMaskBench.modelThread:modelThreadMask";
    static final String CONTENDED_MODEL_PROCESS = "ContendedMaskBench.modelProcess:modelProcessMask";
    static final String CONTENDED_LOCKED = "ContendedMaskBench.lockedThread:lockedThreadMask";
    static final String CLAIMERS = "ManyClaimersBench.claimers";
    static final String RAISE_TO_HANDLER = "SelfDeliveryBench.raiseToHandler";
    static final String SPINNING = "DeliveryLatency.spinning";
    static final String PARKING = "DeliveryLatency.parking";

    static final double MODEL_TO_FLOOR_MAX = 1.1;
    static final double MODEL_TO_LOCKED_MAX = 1;
    static final double SYSCALL_TO_NATIVE_MIN = 0.9;
    static final double CONTENDED_TO_LOCKED_MAX = 0.5;
    static final double CLAIM_TO_FLOOR_MAX = 2.5;
    static final double ALLOCATION_MAX_BYTES = 0.5;
    static final double SELF_DELIVERY_TO_NATIVE_MAX = 0.1;
    static final double SPINNING_P50_MAX_NS = 1000;
    /** The claimer counts of {@link ManyClaimersBench} that have a target (1 is the uncontended baseline). */
    static final List<Integer> CLAIMER_COUNTS = List.of(2, 8, 64);

    /** The hot paths that must allocate nothing: mask changes, sends and send + claim pairs. */
    static final List<String> HOT_PATHS = List.of(
            MODEL,
            MODEL_REALTIME,
            THREAD_SEND,
            "SendBench.processDirected:threads=1",
            "SendBench.processDirected:threads=8",
            PROCESS_SEND_64,
            CLAIM_THREAD,
            CLAIM_PROCESS);

    /** The realtime queue rows, locked and lock-free, as the side-by-side table pairs them. */
    static final List<List<String>> QUEUE_PAIRS = List.of(
            List.of("offer then poll, one thread", "RealtimeQueueBench.lockedPair", "RealtimeQueueBench.lockFreePair"),
            List.of(
                    "sigqueue then claim through the kernel",
                    "RealtimeQueueBench.kernelPair:kind=LOCKED",
                    "RealtimeQueueBench.kernelPair:kind=LOCK_FREE"),
            List.of(
                    "offer, 2 senders and a claimer",
                    "RealtimeQueueBench.locked:lockedOffer",
                    "RealtimeQueueBench.lockFree:lockFreeOffer"),
            List.of(
                    "poll, 2 senders and a claimer",
                    "RealtimeQueueBench.locked:lockedPoll",
                    "RealtimeQueueBench.lockFree:lockFreePoll"));

    static final String T_MODEL_FLOOR = "model / floorXadd";
    static final String T_MODEL_LOCKED = "model / lockedMask";
    static final String T_SYSCALL = "(syscall / model) / (native rt_sigprocmask / native xadd)";
    static final String T_CONTENDED_THREAD = "mask change under a tgkill sender: model / locked";
    static final String T_CONTENDED_PROCESS = "mask change under a kill sender: model / locked";
    static final String T_CLAIMERS = "claimers that never won in an iteration, %d claimers";
    static final String T_CLAIM_THREAD = "send + claim, thread-directed / floorXadd";
    static final String T_CLAIM_PROCESS = "send + claim, process-directed / floorXadd";
    static final String T_ALLOCATION = "hot paths, largest gc.alloc.rate.norm";
    static final String T_SELF_DELIVERY = "raiseToHandler / native tgkill -> handler -> sigreturn";
    static final String T_SPINNING = "spinning delivery p50";

    /** The cost row each target is drawn beside in the chart. */
    static final Map<String, String> ROW_TARGETS = Map.of(
            MODEL, T_MODEL_FLOOR,
            SYSCALL, T_SYSCALL,
            CONTENDED_MODEL_THREAD, T_CONTENDED_THREAD,
            CONTENDED_MODEL_PROCESS, T_CONTENDED_PROCESS,
            CLAIM_THREAD, T_CLAIM_THREAD,
            CLAIM_PROCESS, T_CLAIM_PROCESS,
            RAISE_TO_HANDLER, T_SELF_DELIVERY);

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
            CLAIM_THREAD,
            "ClaimBench.sendProcess",
            CLAIM_PROCESS,
            CONTENDED_LOCKED,
            "ContendedMaskBench.lockedThread:lockedThreadSend",
            CONTENDED_MODEL_THREAD,
            "ContendedMaskBench.modelThread:modelThreadSend",
            CONTENDED_MODEL_PROCESS,
            "ContendedMaskBench.modelProcess:modelProcessSend",
            CLAIMERS + 1,
            CLAIMERS + 2,
            CLAIMERS + 8,
            CLAIMERS + 64,
            "SelfDeliveryBench.checkpoint",
            "SelfDeliveryBench.raiseWithoutFrame",
            RAISE_TO_HANDLER,
            "RealtimeQueueBench.lockedPair",
            "RealtimeQueueBench.lockFreePair",
            "RealtimeQueueBench.kernelPair:kind=LOCKED",
            "RealtimeQueueBench.kernelPair:kind=LOCK_FREE",
            "RealtimeQueueBench.locked:lockedOffer",
            "RealtimeQueueBench.locked:lockedPoll",
            "RealtimeQueueBench.lockFree:lockFreeOffer",
            "RealtimeQueueBench.lockFree:lockFreePoll",
            "DeliveryLatency.pingPong",
            SPINNING,
            PARKING);

    private final Map<String, Measurement> measurements = new LinkedHashMap<>();
    private final List<LinuxDelivery> linux;
    private final NativeFloorFigures anchors;

    /**
     * A report without native anchors.
     *
     * @param measurements the JMH results
     * @param linux        the native probe's figures, possibly empty
     */
    ReportTable(final List<Measurement> measurements, final List<LinuxDelivery> linux) {
        this(measurements, linux, null);
    }

    /**
     * @param measurements the JMH results; printed in {@link #ORDER}, unknown keys after, in the given order
     * @param linux        the native probe's figures, possibly empty
     * @param anchors      the native anchors of the same run, or null when they were not measured
     */
    ReportTable(
            final List<Measurement> measurements, final List<LinuxDelivery> linux, final NativeFloorFigures anchors) {
        final List<Measurement> sorted = new ArrayList<>(measurements);
        sorted.sort(Comparator.comparingInt(measurement -> {
            final int index = ORDER.indexOf(measurement.key());
            return index < 0 ? ORDER.size() : index;
        }));
        for (final Measurement measurement : sorted) {
            this.measurements.put(measurement.key(), measurement);
        }
        this.linux = List.copyOf(linux);
        this.anchors = anchors;
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
     * The native anchors.
     *
     * @return the anchors of the same run, if measured
     */
    Optional<NativeFloorFigures> anchors() {
        return Optional.ofNullable(anchors);
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
     * A score divided by the native lock xadd of the same run.
     *
     * @param key the benchmark
     * @return the ratio, NaN when the benchmark or the anchors are missing
     */
    double toNativeXadd(final String key) {
        final Measurement m = measurements.get(key);
        return m == null || anchors == null ? Double.NaN : m.score() / anchors.xaddNs();
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

    private Target ratioTarget(
            final String name, final String numerator, final String denominator, final double limit) {
        return new Target(
                name,
                ratio(numerator, denominator),
                ratioError(numerator, denominator),
                bestRatio(numerator, denominator),
                limit,
                true,
                "x");
    }

    /** A benchmark against a native anchor (no error of its own: the JMH error alone is propagated). */
    private Target nativeTarget(final String name, final String key, final double anchorNs, final double limit) {
        final Measurement m = measurements.get(key);
        if (m == null || Double.isNaN(anchorNs)) {
            return new Target(name, Double.NaN, Double.NaN, Double.NaN, limit, true, "x");
        }
        return new Target(name, m.score() / anchorNs, m.error() / anchorNs, m.best() / anchorNs, limit, true, "x");
    }

    /** The Java syscall / model ratio over the native one: at least {@link #SYSCALL_TO_NATIVE_MIN}. */
    private Target syscallTarget() {
        final double nativeRatio = anchors == null ? Double.NaN : anchors.syscallOverXadd();
        return new Target(
                T_SYSCALL,
                ratio(SYSCALL, MODEL) / nativeRatio,
                ratioError(SYSCALL, MODEL) / nativeRatio,
                bestRatio(SYSCALL, MODEL) / nativeRatio,
                SYSCALL_TO_NATIVE_MIN,
                false,
                "x");
    }

    /** The largest allocation per operation over the hot paths; not measured unless every one was profiled. */
    private Target allocationTarget() {
        double largest = Double.NaN;
        for (final String key : HOT_PATHS) {
            final Measurement m = measurements.get(key);
            if (m == null || Double.isNaN(m.allocation())) {
                largest = Double.NaN;
                break;
            }
            largest = Double.isNaN(largest) ? m.allocation() : Math.max(largest, m.allocation());
        }
        return new Target(T_ALLOCATION, largest, Double.NaN, Double.NaN, ALLOCATION_MAX_BYTES, true, " B/op");
    }

    /**
     * The performance targets, evaluated on the means.
     *
     * @return the targets, in the order the report prints them
     */
    List<Target> targets() {
        final List<Target> targets = new ArrayList<>();
        targets.add(ratioTarget(T_MODEL_FLOOR, MODEL, FLOOR, MODEL_TO_FLOOR_MAX));
        targets.add(ratioTarget(T_MODEL_LOCKED, MODEL, LOCKED, MODEL_TO_LOCKED_MAX));
        targets.add(syscallTarget());
        targets.add(ratioTarget(T_CONTENDED_THREAD, CONTENDED_MODEL_THREAD, CONTENDED_LOCKED, CONTENDED_TO_LOCKED_MAX));
        targets.add(
                ratioTarget(T_CONTENDED_PROCESS, CONTENDED_MODEL_PROCESS, CONTENDED_LOCKED, CONTENDED_TO_LOCKED_MAX));
        for (final int claimers : CLAIMER_COUNTS) {
            targets.add(new Target(
                    String.format(Locale.ROOT, T_CLAIMERS, claimers),
                    get(CLAIMERS + claimers).map(Measurement::starvedClaimers).orElse(Double.NaN),
                    Double.NaN,
                    Double.NaN,
                    0,
                    true,
                    " claimers"));
        }
        targets.add(ratioTarget(T_CLAIM_THREAD, CLAIM_THREAD, FLOOR, CLAIM_TO_FLOOR_MAX));
        targets.add(ratioTarget(T_CLAIM_PROCESS, CLAIM_PROCESS, FLOOR, CLAIM_TO_FLOOR_MAX));
        targets.add(allocationTarget());
        targets.add(nativeTarget(
                T_SELF_DELIVERY,
                RAISE_TO_HANDLER,
                anchors == null ? Double.NaN : anchors.tgkillHandlerNs(),
                SELF_DELIVERY_TO_NATIVE_MAX));
        targets.add(new Target(
                T_SPINNING,
                get(SPINNING).map(Measurement::p50).orElse(Double.NaN),
                Double.NaN,
                Double.NaN,
                SPINNING_P50_MAX_NS,
                true,
                " ns"));
        return targets;
    }

    /**
     * The target drawn beside a cost row.
     *
     * @param key the row
     * @return the target, if the row has one
     */
    Optional<Target> targetOf(final String key) {
        final String name = ROW_TARGETS.get(key);
        return name == null
                ? Optional.empty()
                : targets().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * The first screen's count of verdicts.
     *
     * @return e.g. {@code 9 of 14 targets MET, 3 MISSED, 2 NOT_MEASURED; 2 inconclusive (bound within the error)}
     */
    String summary() {
        final List<Target> targets = targets();
        int met = 0;
        int missed = 0;
        int inconclusive = 0;
        for (final Target target : targets) {
            if (target.status() == Target.Status.MET) {
                met++;
            } else if (target.status() == Target.Status.MISSED) {
                missed++;
            }
            if (target.verdict().contains("inconclusive")) {
                inconclusive++;
            }
        }
        return met + " of " + targets.size() + " targets MET, " + missed + " MISSED, "
                + (targets.size() - met - missed) + " NOT_MEASURED; " + inconclusive
                + " inconclusive (bound within the error)";
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
     * The whole report as Markdown (also readable as plain text), the verdicts first.
     *
     * @return the report
     */
    String markdown() {
        final StringBuilder out = new StringBuilder();
        appendTargets(out);
        appendAnchors(out);
        appendCosts(out);
        appendClaimers(out);
        appendQueues(out);
        appendLatencies(out);
        return out.toString();
    }

    private void appendTargets(final StringBuilder out) {
        out.append("### Targets: ").append(summary()).append("\n\n");
        out.append("| target | measured (means ± 99.9% error) | best iterations | bound | verdict (on the means) |\n");
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
        out.append('\n');
    }

    private void appendAnchors(final StringBuilder out) {
        out.append("### Native anchors of this run against their Java counterparts\n\n");
        if (anchors == null) {
            out.append("Not measured (the native anchor program could not be built or run).\n\n");
            return;
        }
        out.append("| native anchor (C, median of ")
                .append(anchors.rounds())
                .append(" rounds of ")
                .append(anchors.iterations())
                .append(") | ns | Java counterpart | ns/op | Java / native |\n");
        out.append("|---|---:|---|---:|---:|\n");
        anchorRow(out, "lock xadd", anchors.xaddNs(), FLOOR);
        anchorRow(out, "lock xadd", anchors.xaddNs(), MODEL);
        anchorRow(out, "rt_sigprocmask (syscall instruction)", anchors.sigprocmaskNs(), SYSCALL);
        anchorRow(out, "self tgkill -> handler -> rt_sigreturn", anchors.tgkillHandlerNs(), RAISE_TO_HANDLER);
        out.append('\n');
        out.append("The model against both floors: model / floorXadd (Java) = ")
                .append(times(ratio(MODEL, FLOOR)))
                .append(", model / native xadd = ")
                .append(times(toNativeXadd(MODEL)))
                .append("; floorXadd / native xadd = ")
                .append(times(toNativeXadd(FLOOR)))
                .append(". The system call against the atomic: native rt_sigprocmask / xadd = ")
                .append(times(anchors.syscallOverXadd()))
                .append(", Java syscall / model = ")
                .append(times(ratio(SYSCALL, MODEL)))
                .append(" (best iterations: ")
                .append(times(bestRatio(SYSCALL, MODEL)))
                .append("); without the JNI transition (syscall - jniNoop) / model = ")
                .append(times(kernelPartToModel()))
                .append(".\n\n");
    }

    private void anchorRow(final StringBuilder out, final String what, final double ns, final String key) {
        final double java = get(key).map(Measurement::score).orElse(Double.NaN);
        out.append("| ")
                .append(what)
                .append(" | ")
                .append(fixed(ns))
                .append(" | ")
                .append(key)
                .append(" | ")
                .append(fixed(java))
                .append(" | ")
                .append(times(java / ns))
                .append(" |\n");
    }

    private void appendCosts(final StringBuilder out) {
        out.append("### Cost per operation (average time)\n\n");
        out.append("| benchmark | ns/op | error (99.9%) | x floorXadd | x native xadd | best iteration ns/op"
                + " | best x floorXadd | B/op (-prof gc) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
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
                    .append(times(toNativeXadd(cost.key())))
                    .append(" | ")
                    .append(fixed(cost.best()))
                    .append(" | ")
                    .append(times(bestRatio(cost.key(), FLOOR)))
                    .append(" | ")
                    .append(bytes(cost.allocation()))
                    .append(" |\n");
        }
        out.append('\n');
        out.append("Group members (`Class.group:method`) are timed by their own threads while the other member runs;"
                + " a mask change under a sender is read against `lockedThread:lockedThreadMask`.\n\n");
    }

    private void appendClaimers(final StringBuilder out) {
        out.append("### Many claimers of process-directed signals\n\n");
        out.append("| claimers | send + claim ns/op | error (99.9%) | max retries per claim (worst iteration)"
                + " | claimers that never won (worst iteration) | bound |\n");
        out.append("|---:|---:|---:|---:|---:|---:|\n");
        for (final int claimers : List.of(1, 2, 8, 64)) {
            final Optional<Measurement> m = get(CLAIMERS + claimers);
            out.append("| ")
                    .append(claimers)
                    .append(" | ")
                    .append(fixed(m.map(Measurement::score).orElse(Double.NaN)))
                    .append(" | ")
                    .append(m.map(x -> Double.isNaN(x.error()) ? "n/a" : "± " + fixed(x.error()))
                            .orElse("n/a"))
                    .append(" | ")
                    .append(count(m.map(Measurement::maxRetries).orElse(Double.NaN)))
                    .append(" | ")
                    .append(count(m.map(Measurement::starvedClaimers).orElse(Double.NaN)))
                    .append(" | ")
                    .append(CLAIMER_COUNTS.contains(claimers) ? "<= 0" : "(baseline)")
                    .append(" |\n");
        }
        out.append('\n');
    }

    private void appendQueues(final StringBuilder out) {
        out.append("### Realtime queues side by side (ns per attempt)\n\n");
        out.append("| operation | locked | lock-free | lock-free / locked |\n");
        out.append("|---|---:|---:|---:|\n");
        for (final List<String> pair : QUEUE_PAIRS) {
            out.append("| ")
                    .append(pair.get(0))
                    .append(" | ")
                    .append(withError(pair.get(1)))
                    .append(" | ")
                    .append(withError(pair.get(2)))
                    .append(" | ")
                    .append(times(ratio(pair.get(2), pair.get(1))))
                    .append(
                            ratioError(pair.get(2), pair.get(1)) >= 0
                                    ? " ± " + times(ratioError(pair.get(2), pair.get(1)))
                                    : "")
                    .append(" |\n");
        }
        out.append('\n');
    }

    private String withError(final String key) {
        return get(key).map(m -> fixed(m.score()) + (Double.isNaN(m.error()) ? "" : " ± " + fixed(m.error())))
                .orElse("n/a");
    }

    private void appendLatencies(final StringBuilder out) {
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
    }

    /**
     * Bytes per operation with three decimals (the profiler's noise floor is about 10^-3), or {@code n/a}.
     *
     * @param value the figure
     * @return the text
     */
    static String bytes(final double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * A whole count, or {@code n/a}.
     *
     * @param value the count
     * @return the text
     */
    static String count(final double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
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
