package dev.sigpage.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The report's command line: {@code [--full] [--out DIR] [--publish FILE] [--include REGEX] [--linux-samples N]
 * [--native-iterations N]}, or {@code --help} or {@code --version}.
 *
 * @param full         the publishable configuration (3 forks, 5 x 1 s warm-up and measurement) instead of the
 *                     quick one (1 fork, 3 x 0.5 s warm-up, 5 x 0.5 s measurement)
 * @param out          directory for {@code jmh.json}, {@code report.md}, {@code report.png}
 * @param include      JMH include regular expression
 * @param linuxSamples deliveries recorded by the native probe per mode (0 skips it)
 * @param nativeIterations operations per round of the native anchor program (0 skips it)
 * @param nativeRounds     rounds of the native anchor program, each anchor the median over them
 * @param publish      where to write the published figures (Markdown, with the chart beside it), or null
 * @param help         print usage only
 * @param version      print the version only
 */
record ReportOptions(
        boolean full,
        Path out,
        String include,
        int linuxSamples,
        long nativeIterations,
        int nativeRounds,
        Path publish,
        boolean help,
        boolean version) {

    /** Every benchmark the targets read, and the realtime queues side by side. */
    static final String ALL = "dev\\.sigpage\\.bench\\.(SigprocmaskBench|SendBench|ClaimBench|DeliveryLatency"
            + "|ContendedMaskBench|ManyClaimersBench|SelfDeliveryBench|RealtimeQueueBench)\\.";

    static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: java -jar benchmarks/target/sigpage-benchmarks.jar [--full] [--out DIR] [--publish FILE]"
                    + " [--include REGEX] [--linux-samples N] [--native-iterations N]",
            "       java -jar benchmarks/target/sigpage-benchmarks.jar --help | --version",
            "Runs the native anchors (lock xadd, rt_sigprocmask, self tgkill to a handler), Linux's delivery probe and",
            "every benchmark with -prof gc in one run; prints the targets' verdicts first (on the means, with the",
            "error; inconclusive when the bound lies within it), then the figures.",
            "  (no flag)              quick configuration: 1 fork, 3 x 0.5 s warm-up, 5 x 0.5 s measurement",
            "                         (about 4 minutes on 2 cores)",
            "  --full                 publishable configuration: 3 forks, 5 x 1 s warm-up, 5 x 1 s measurement",
            "  --out DIR              where jmh.json, report.md, summary.json and report.png go (default: results)",
            "  --publish FILE         also write the published figures: FILE (Markdown, e.g. docs/PERFORMANCE.md)",
            "                         and the chart beside it (performance.png)",
            "  --include REGEX        run only the benchmarks matching REGEX (JMH include syntax)",
            "  --linux-samples N      deliveries recorded by the native Linux probe per mode (default 2000, 10000",
            "                         with --full; 0 skips)",
            "  --native-iterations N  operations per round of the native anchors (default 200000, 1000000 with",
            "                         --full; 0 skips them)",
            "exit status: 0 report written (whatever the verdicts), 1 the run failed, 2 usage error");

    /**
     * Parses the arguments.
     *
     * @param args the command line
     * @return the options
     */
    static ReportOptions parse(final List<String> args) {
        boolean full = false;
        boolean help = false;
        boolean version = false;
        Path publish = null;
        Path out = Path.of("results");
        String include = ALL;
        int linuxSamples = -1;
        long nativeIterations = -1;
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            switch (arg) {
                case "--full":
                    full = true;
                    break;
                case "--help":
                case "-h":
                    help = true;
                    break;
                case "--version":
                    version = true;
                    break;
                case "--publish":
                    publish = Path.of(value(args, ++i, arg));
                    break;
                case "--out":
                    out = Path.of(value(args, ++i, arg));
                    break;
                case "--include":
                    include = value(args, ++i, arg);
                    break;
                case "--linux-samples":
                    try {
                        linuxSamples = Integer.parseInt(value(args, ++i, arg));
                    } catch (final NumberFormatException e) {
                        throw new IllegalArgumentException("--linux-samples must be a number: value=" + args.get(i), e);
                    }
                    if (linuxSamples < 0) {
                        throw new IllegalArgumentException("--linux-samples must be >= 0: value=" + linuxSamples);
                    }
                    break;
                case "--native-iterations":
                    try {
                        nativeIterations = Long.parseLong(value(args, ++i, arg));
                    } catch (final NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "--native-iterations must be a number: value=" + args.get(i), e);
                    }
                    if (nativeIterations < 0 || nativeIterations > 1_000_000_000L) {
                        throw new IllegalArgumentException(
                                "--native-iterations must be in 0..1000000000: value=" + nativeIterations);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument: argument=" + arg);
            }
        }
        if (linuxSamples < 0) {
            linuxSamples = full ? 10_000 : 2000;
        }
        if (nativeIterations < 0) {
            nativeIterations = full ? 1_000_000L : 200_000L;
        }
        return new ReportOptions(
                full, out, include, linuxSamples, nativeIterations, full ? 11 : 5, publish, help, version);
    }

    private static String value(final List<String> args, final int index, final String flag) {
        if (index >= args.size()) {
            throw new IllegalArgumentException("flag needs a value: flag=" + flag);
        }
        return args.get(index);
    }
}
