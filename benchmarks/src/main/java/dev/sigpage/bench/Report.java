package dev.sigpage.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The project's main job: runs every benchmark through the JMH Runner API, measures Linux's own signal
 * delivery with the native probe, prints the report table with the targets of issue 5, and writes
 * {@code jmh.json} (JMH's JSON), {@code report.md}, {@code summary.json} and {@code report.png}.
 *
 * <p>{@code java -jar benchmarks/target/sigpage-benchmarks.jar [--full] [--out DIR]}; see {@link ReportOptions}.
 */
public final class Report {

    /** The flag every JVM running Agrona 2.x needs. */
    static final String[] AGRONA_EXPORTS = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"};

    private Report() {
    }

    /**
     * Runs the report.
     *
     * @param args see {@link ReportOptions#USAGE}
     * @throws IOException     when an output file cannot be written
     * @throws RunnerException when JMH cannot run
     */
    public static void main(final String[] args) throws IOException, RunnerException {
        final ReportOptions options;
        try {
            options = ReportOptions.parse(Arrays.asList(args));
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ReportOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ReportOptions.USAGE);
            return;
        }
        run(options, System.out);
    }

    /**
     * Runs the benchmarks and writes the report.
     *
     * @param options the configuration
     * @param console where the table is printed
     * @return the evaluated table
     * @throws IOException     when an output file cannot be written
     * @throws RunnerException when JMH cannot run
     */
    static ReportTable run(final ReportOptions options, final PrintStream console) throws IOException,
        RunnerException {
        Files.createDirectories(options.out());
        Path library = null;
        try {
            library = NativeLibrary.build();
            console.println("native library: " + library);
        } catch (final IllegalStateException | UncheckedIOException e) {
            // the Java benchmarks still run; syscall, jniNoop and the Linux figures are reported as not measured
            console.println("native library not built, Linux figures skipped: " + e.getMessage());
        }

        final List<LinuxDelivery> linux = new ArrayList<>();
        if (library != null && options.linuxSamples() > 0) {
            System.setProperty(NativeLibrary.PATH_PROPERTY, library.toString());
            for (final int mode : new int[] {LinuxSignals.MODE_HANDLER, LinuxSignals.MODE_SIGWAITINFO}) {
                final LinuxDelivery delivery = LinuxDelivery.measure(mode, options.linuxSamples());
                console.printf(Locale.ROOT, "%s: one way p50 %.0f ns p99 %.0f ns, round trip p50 %.0f ns p99 %.0f ns%n",
                    delivery.method(), delivery.oneWayP50(), delivery.oneWayP99(), delivery.roundTripP50(),
                    delivery.roundTripP99());
                linux.add(delivery);
            }
        }

        final Path json = options.out().resolve("jmh.json");
        final ChainedOptionsBuilder jmh = new OptionsBuilder()
            .include(options.include())
            .jvmArgsAppend(library == null ? AGRONA_EXPORTS
                : new String[] {AGRONA_EXPORTS[0], AGRONA_EXPORTS[1],
                    "-D" + NativeLibrary.PATH_PROPERTY + "=" + library})
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .shouldFailOnError(false);
        if (options.full()) {
            jmh.forks(3).warmupIterations(5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        } else {
            jmh.forks(1).warmupIterations(3).warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(5).measurementTime(TimeValue.milliseconds(500));
        }
        final Collection<RunResult> results = new Runner(jmh.build()).run();

        final ReportTable table = new ReportTable(measurements(results), linux);
        final String configuration = (options.full() ? "full" : "quick") + " configuration";
        final String header = "## sigpage benchmarks (" + configuration + ")\n\n" + machine() + "\n\n";
        final String markdown = header + table.markdown();
        console.println();
        console.println(markdown);
        Files.writeString(options.out().resolve("report.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(options.out().resolve("summary.json"), summaryJson(table), StandardCharsets.UTF_8);
        final Path png = options.out().resolve("report.png");
        ReportChart.write(table, "sigpage: user-space sigprocmask vs floor and system call (" + configuration
            + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, JDK " + System.getProperty("java.version")
            + ")", png);
        console.println("wrote " + json + ", " + options.out().resolve("report.md") + ", "
            + options.out().resolve("summary.json") + ", " + png);
        return table;
    }

    /**
     * Converts JMH's results into the report's measurements, in run order.
     *
     * @param results JMH's results
     * @return one measurement per benchmark and parameter combination
     */
    static List<Measurement> measurements(final Collection<RunResult> results) {
        final List<Measurement> measurements = new ArrayList<>();
        for (final RunResult run : results) {
            final BenchmarkParams params = run.getParams();
            final Map<String, String> values = new LinkedHashMap<>();
            for (final String key : params.getParamsKeys()) {
                values.put(key, params.getParam(key));
            }
            final Result<?> primary = run.getPrimaryResult();
            final boolean sampled = params.getMode().shortLabel().equals("sample");
            double best = Double.NaN;
            if (!sampled) {
                for (final BenchmarkResult fork : run.getBenchmarkResults()) {
                    for (final IterationResult iteration : fork.getIterationResults()) {
                        final double score = iteration.getPrimaryResult().getScore();
                        best = Double.isNaN(best) ? score : Math.min(best, score);
                    }
                }
            }
            measurements.add(new Measurement(Measurement.key(params.getBenchmark(), values),
                params.getMode().shortLabel(), primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                sampled ? primary.getStatistics().getPercentile(50) : Double.NaN,
                sampled ? primary.getStatistics().getPercentile(99) : Double.NaN, best));
        }
        return measurements;
    }

    /**
     * The targets and the Linux figures as JSON, for scripts that read the verdicts.
     *
     * @param table the evaluated report
     * @return the JSON text
     */
    static String summaryJson(final ReportTable table) {
        final StringBuilder json = new StringBuilder("{\n  \"targets\": [\n");
        final List<Target> targets = table.targets();
        for (int i = 0; i < targets.size(); i++) {
            final Target target = targets.get(i);
            json.append(String.format(Locale.ROOT,
                "    {\"name\": \"%s\", \"value\": %s, \"error\": %s, \"best\": %s, \"bound\": \"%s\", "
                    + "\"status\": \"%s\", \"conclusive\": %s}%s%n",
                target.name(), jsonNumber(target.value()), jsonNumber(target.error()), jsonNumber(target.best()),
                target.bound(),
                target.status(), target.conclusive(),
                i + 1 < targets.size() ? "," : ""));
        }
        json.append("  ],\n  \"linux\": [\n");
        final List<LinuxDelivery> linux = table.linux();
        for (int i = 0; i < linux.size(); i++) {
            final LinuxDelivery d = linux.get(i);
            json.append(String.format(Locale.ROOT,
                "    {\"method\": \"%s\", \"samples\": %d, \"oneWayP50\": %s, \"oneWayP99\": %s, "
                    + "\"roundTripP50\": %s, \"roundTripP99\": %s}%s%n",
                d.method(), d.samples(), jsonNumber(d.oneWayP50()), jsonNumber(d.oneWayP99()),
                jsonNumber(d.roundTripP50()), jsonNumber(d.roundTripP99()), i + 1 < linux.size() ? "," : ""));
        }
        json.append("  ]\n}\n");
        return json.toString();
    }

    private static String jsonNumber(final double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * The machine facts printed with every table.
     *
     * @return CPU model, CPU count, JDK
     */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (final IOException e) {
            cpu = "unknown CPU (" + e.getMessage() + ")";
        }
        return "CPU: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs; JDK: "
            + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "; OS: "
            + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
