package dev.sigpage.jcstress;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * Runs the race proofs and checks both directions: every correct test ({@code *.Sigpage*}, the library's own code)
 * must show zero forbidden outcomes, and every broken twin ({@code *.Broken*}) must show at least one.
 *
 * <pre>
 * java -cp jcstress.jar dev.sigpage.jcstress.ProofRunner (--quick|--full) [--correct|--twins|--all] [--only REGEX]
 *      [jcstress options, e.g. -time 2000 -iters 10 -c 2]
 * java -cp jcstress.jar dev.sigpage.jcstress.ProofRunner --help|--version
 * </pre>
 *
 * <p>{@code --quick} runs the correct tests only, for CI: the default JVM configuration, unified compilation, one
 * 1.5 s iteration per fork. {@code --full} is the full run: correct tests and twins, jcstress's default settings
 * (hours); without arguments the runner prints its usage and runs nothing.
 * Options given after ours go to jcstress and override the mode's defaults. The verdict reads jcstress's binary
 * result file (not its console text), and is also written as a markdown table to
 * {@code <results dir>/proofs-summary.md}. Exit status 0 when both directions hold (and for {@code --help} and
 * {@code --version}), 1 when a proof or a twin fails or jcstress produced no result, 2 on a usage error (the
 * message and the usage on standard error).
 */
public final class ProofRunner {

    private static final String PACKAGE = "dev\\.sigpage\\.jcstress\\.";
    private static final String CORRECT = PACKAGE + "[A-Za-z0-9]+\\.Sigpage[A-Za-z0-9]*$";
    private static final String TWIN = PACKAGE + "[A-Za-z0-9]+\\.Broken[A-Za-z0-9]*$";
    private static final Pattern TWIN_PATTERN = Pattern.compile(TWIN);

    /**
     * Prepended to every forked JVM: Agrona 2.x reaches jdk.internal.misc.Unsafe, so it needs that package exported;
     * and the library's pages are direct buffers (a process page is 4096-aligned), which jcstress's heap-based
     * stride sizing does not count, so the forks get room for a full stride of fresh worlds.
     */
    static final String FORK_ARGS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -XX:MaxDirectMemorySize=1g";

    /** Exit status for a usage error. */
    static final int USAGE_ERROR = 2;

    static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: jcstress-tests/run-proofs.sh (--quick | --full) [--correct | --twins | --all] [--only REGEX]"
                    + " [jcstress options]",
            "       jcstress-tests/run-proofs.sh --help | --version",
            "  --quick          CI pass: correct tests only, one short iteration per fork (about a minute)",
            "  --full           correct tests and broken twins with jcstress's default settings (hours)",
            "  --correct        only the correct tests (the library's code): zero forbidden outcomes required",
            "  --twins          only the broken twins: at least one forbidden outcome each required",
            "  --all            both (the default of --full)",
            "  --only REGEX     narrow the selection, e.g. --only SenderInfoRace",
            "  jcstress options (single dash) follow ours and override the mode's defaults, e.g. -iters 10 -time 2000",
            "exit status: 0 every proof holds, 1 a proof or twin failed, 2 usage error");

    private ProofRunner() {}

    /**
     * Runs the proofs and exits with {@link #run}'s status.
     *
     * @param args see {@link #USAGE}
     * @throws Exception when jcstress or the result file fails
     */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws Exception {
        if (args.length == 0) {
            return usageError("choose a run: --quick (about a minute) or --full (hours)");
        }
        boolean quick = false;
        String which = null;
        String only = null;
        List<String> passThrough = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick":
                    quick = true;
                    break;
                case "--full":
                    quick = false;
                    break;
                case "--correct":
                case "--twins":
                case "--all":
                    which = args[i].substring(2);
                    break;
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                case "--version":
                    out.println("sigpage proof runner " + version());
                    return 0;
                case "--only":
                    if (i + 1 >= args.length) {
                        return usageError("--only needs a regular expression: argument=--only");
                    }
                    only = args[++i];
                    break;
                case "-t":
                    return usageError("use --only REGEX instead of -t, the runner selects correct tests and twins "
                            + "itself: argument=-t");
                default:
                    if (args[i].startsWith("--")) {
                        return usageError("unknown option (jcstress options take one dash): argument=" + args[i]);
                    }
                    passThrough.add(args[i]);
            }
        }
        if (which == null) {
            which = quick ? "correct" : "all";
        }

        String selector;
        switch (which) {
            case "correct":
                selector = CORRECT;
                break;
            case "twins":
                selector = TWIN;
                break;
            default:
                selector = "(" + CORRECT + ")|(" + TWIN + ")";
        }
        Pattern selected = Pattern.compile(selector);
        Pattern narrowed = only == null ? null : Pattern.compile(only);
        SortedSet<String> tests = new TreeSet<>();
        for (String test : TestList.tests()) {
            if (selected.matcher(test).find()
                    && (narrowed == null || narrowed.matcher(test).find())) {
                tests.add(test);
            }
        }
        if (tests.isEmpty()) {
            return usageError("no test matches the selection: only=" + only);
        }

        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("-r", quick ? "jcstress-results-quick" : "jcstress-results");
        if (quick) {
            // The default JVM configuration (tiered C1/C2; jcstress runs it with biased locking on and off), unified
            // compilation, one 1.5 s iteration per fork: each correct test gets about half a million samples, the pass
            // takes a minute or two on two busy cores. The full run covers the interpreter, C1, C2 and C2-stress
            // configurations with split per-actor compilation.
            defaults.put("-jvmArgs", FORK_ARGS);
            defaults.put("-sc", "false");
            defaults.put("-f", "1");
            defaults.put("-fsm", "1");
            defaults.put("-iters", "1");
            defaults.put("-time", "1500");
            defaults.put("-strideCount", "10");
        }
        List<String> jcstressArgs = new ArrayList<>();
        jcstressArgs.add("-t");
        jcstressArgs.add("^(" + String.join("|", quoteAll(tests)) + ")$");
        for (Map.Entry<String, String> e : defaults.entrySet()) {
            if (!passThrough.contains(e.getKey())) {
                jcstressArgs.add(e.getKey());
                jcstressArgs.add(e.getValue());
            }
        }
        if (!jcstressArgs.contains("-jvmArgs")
                && !passThrough.contains("-jvmArgs")
                && !passThrough.contains("-jvmArgsPrepend")) {
            jcstressArgs.add("-jvmArgsPrepend");
            jcstressArgs.add(FORK_ARGS);
        }
        jcstressArgs.addAll(passThrough);

        out.println("sigpage proofs: " + tests.size() + " tests, jcstress " + String.join(" ", jcstressArgs));
        Options opts = new Options(jcstressArgs.toArray(new String[0]));
        if (!opts.parse()) {
            return USAGE_ERROR;
        }
        try {
            new JCStress(opts).run();
        } catch (AssertionError expected) {
            // jcstress reports forbidden outcomes by throwing after its reports; the verdict below reads the
            // result file instead, where a twin's forbidden outcome is the expected result.
        }

        Path resultDir = Paths.get(opts.getResultDest());
        Files.createDirectories(resultDir);
        Path binary = Paths.get(opts.getResultFile());
        if (!Files.exists(binary)) {
            out.println("FAIL: jcstress wrote no result file " + binary);
            return 1;
        }
        Path kept = resultDir.resolve(binary.getFileName());
        Files.move(binary, kept, StandardCopyOption.REPLACE_EXISTING);

        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(kept.toString(), collector);
        reader.dump();
        reader.close();
        Map<String, TestResult> byName = new TreeMap<>();
        for (TestResult r : ReportUtils.mergedByName(collector.getTestResults())) {
            byName.put(r.getName(), r);
        }

        StringBuilder md = new StringBuilder();
        md.append("jcstress ").append(String.join(" ", jcstressArgs)).append("\n\n");
        List<String> failures = new ArrayList<>();
        for (String test : tests) {
            boolean twin = TWIN_PATTERN.matcher(test).find();
            TestResult r = byName.get(test);
            if (r == null) {
                failures.add(test + ": did not run (no scheduling class or no JVM mode?)");
                continue;
            }
            long forbidden = 0;
            for (GradingResult g : r.grading().gradingResults.values()) {
                if (g.expect == Expect.FORBIDDEN || g.expect == Expect.UNKNOWN) {
                    forbidden += g.count;
                }
            }
            if (r.status() != Status.NORMAL) {
                failures.add(test + ": status " + r.status() + " " + r.getMessages());
            } else if (twin && forbidden == 0) {
                failures.add(test + ": broken twin showed NO forbidden outcome in " + r.getTotalCount()
                        + " samples (too rare on this machine at these settings?)");
            } else if (!twin && forbidden != 0) {
                failures.add(test + ": correct test showed " + forbidden + " forbidden outcomes");
            }
            appendTable(md, test, twin, forbidden, r);
        }

        Files.write(resultDir.resolve("proofs-summary.md"), md.toString().getBytes(StandardCharsets.UTF_8));
        out.println();
        out.println(md);
        out.println("summary written to " + resultDir.resolve("proofs-summary.md") + ", raw results in " + kept);
        if (failures.isEmpty()) {
            out.println("PROOFS PASSED: " + tests.size() + " tests, every correct test free of forbidden outcomes,"
                    + " every broken twin caught");
            return 0;
        }
        out.println("PROOFS FAILED:");
        for (String f : failures) {
            out.println("  " + f);
        }
        return 1;
    }

    private static int usageError(String message) {
        System.err.println(message);
        System.err.println(USAGE);
        return USAGE_ERROR;
    }

    /** The project version from the jar's manifest, or a note when run from classes. */
    static String version() {
        String v = ProofRunner.class.getPackage().getImplementationVersion();
        return v == null ? "(version unknown: not run from the built jar)" : v;
    }

    private static List<String> quoteAll(SortedSet<String> tests) {
        List<String> quoted = new ArrayList<>();
        for (String t : tests) {
            quoted.add(Pattern.quote(t));
        }
        return quoted;
    }

    private static void appendTable(StringBuilder md, String test, boolean twin, long forbidden, TestResult r) {
        long total = r.getTotalCount();
        String verdict = twin
                ? (forbidden > 0 ? "twin caught" : "twin NOT caught")
                : (forbidden == 0 ? "no forbidden outcome" : "FORBIDDEN OUTCOME SEEN");
        md.append("#### ")
                .append(test.replace("dev.sigpage.jcstress.", ""))
                .append(String.format(Locale.ROOT, " — %,d samples, %s", total, verdict));
        if (twin && total > 0) {
            md.append(String.format(Locale.ROOT, " (%,d forbidden, %s)", forbidden, freq(forbidden, total)));
        }
        md.append("\n\n| outcome | samples | freq | expect | description |\n|---|--:|--:|---|---|\n");
        List<GradingResult> rows = new ArrayList<>(r.grading().gradingResults.values());
        rows.sort((a, b) -> a.id.compareTo(b.id));
        for (GradingResult g : rows) {
            md.append("| ")
                    .append(g.id.isEmpty() ? "(other)" : g.id)
                    .append(String.format(Locale.ROOT, " | %,d | %s | ", g.count, freq(g.count, total)))
                    .append(g.expect)
                    .append(" | ")
                    .append(g.description == null ? "" : g.description)
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static String freq(long count, long total) {
        if (total == 0) {
            return "-";
        }
        double f = 100.0 * count / total;
        if (count > 0 && f < 0.01) {
            return "<0.01%";
        }
        return String.format(Locale.ROOT, "%.2f%%", f);
    }
}
