package dev.sigpage.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The report's command line: {@code [--full] [--out DIR] [--include REGEX] [--linux-samples N] [--help]}.
 *
 * @param full         the publishable configuration (3 forks, 5 x 1 s warm-up and measurement) instead of the
 *                     quick one (1 fork, 3 x 0.5 s warm-up, 5 x 0.5 s measurement)
 * @param out          directory for {@code jmh.json}, {@code report.md}, {@code report.png}
 * @param include      JMH include regular expression
 * @param linuxSamples deliveries recorded by the native probe per mode (0 skips it)
 * @param help         print usage only
 */
record ReportOptions(boolean full, Path out, String include, int linuxSamples, boolean help) {

    /** Every benchmark of the module. */
    static final String ALL = "dev\\.sigpage\\.bench\\.(SigprocmaskBench|SendBench|ClaimBench|DeliveryLatency)\\.";

    static final String USAGE = String.join(System.lineSeparator(),
        "usage: java -jar sigpage-benchmarks.jar [--full] [--out DIR] [--include REGEX] [--linux-samples N]",
        "  (no flag)          quick configuration: 1 fork, 3 x 0.5 s warm-up, 5 x 0.5 s measurement",
        "  --full             publishable configuration: 3 forks, 5 x 1 s warm-up, 5 x 1 s measurement",
        "  --out DIR          where jmh.json, report.md and report.png go (default: results)",
        "  --include REGEX    run only the benchmarks matching REGEX (JMH include syntax)",
        "  --linux-samples N  deliveries recorded by the native Linux probe per mode (default 2000; 0 skips)");

    /**
     * Parses the arguments.
     *
     * @param args the command line
     * @return the options
     */
    static ReportOptions parse(final List<String> args) {
        boolean full = false;
        boolean help = false;
        Path out = Path.of("results");
        String include = ALL;
        int linuxSamples = -1;
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
                        throw new IllegalArgumentException("--linux-samples must be a number: value=" + args.get(i),
                            e);
                    }
                    if (linuxSamples < 0) {
                        throw new IllegalArgumentException("--linux-samples must be >= 0: value=" + linuxSamples);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument: argument=" + arg);
            }
        }
        if (linuxSamples < 0) {
            linuxSamples = full ? 10_000 : 2000;
        }
        return new ReportOptions(full, out, include, linuxSamples, help);
    }

    private static String value(final List<String> args, final int index, final String flag) {
        if (index >= args.size()) {
            throw new IllegalArgumentException("flag needs a value: flag=" + flag);
        }
        return args.get(index);
    }
}
