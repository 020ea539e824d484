import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The mutant runner's JUnit stage: runs the selected tests and stops at the first failure, like surefire with
 * {@code skipAfterFailureCount=1}, printing one line {@code KILLED-BY <class>#<method>: <message>} (exit status 3).
 * Exit status 0 when every selected test passed (the mutant survived this stage), 2 for a usage error, 4 when a
 * test engine failed (a selector that names no class), 5 for an environment error (below).
 *
 * <pre>
 * java -cp ... KillRunner [--stall SECONDS] [--baseline FILE | --passed FILE] SELECTOR...
 *   SELECTOR: a class (dev.sigpage.impl.WakeupTest), a method (dev.sigpage.impl.WakeupTest#name, every overload
 *             and parameterization of that name), a class path root (root:protocol-impl/target/test-classes) or a
 *             package with its subpackages (package:dev.sigpage.impl); of a root or a package, the classes named
 *             as surefire runs them (Test*, *Test, *Tests, *TestCase) run, except the Lincheck tests
 * </pre>
 *
 * <p>The baseline: {@code --baseline FILE} runs every selected test on the unmutated classes without stopping,
 * writes the names of the tests that passed to {@code FILE}, prints one line {@code BASELINE-FAILED <test>:
 * <message>} per failure and exits 5 if any failed. {@code --passed FILE} counts a failure as a kill only when the
 * test is named in {@code FILE}; any other failure is an environment error ({@code NOT-IN-BASELINE <test>:
 * <message>}, exit status 5), not a kill.
 *
 * <p>Each test runs under JUnit's default timeout (30 s, as in the build). A test that ignores the timeout's
 * interrupt (a parked wait without a deadline that lost its wake-up) is stopped by the stall watchdog: a test
 * running longer than {@code --stall} seconds (default 60) is reported as the killer and the JVM halts.
 */
public final class KillRunner {
    private static final int KILLED = 3;
    private static final int ENVIRONMENT = 5;

    /** Null outside the baseline; the names of the tests that passed while it runs. */
    private static Set<String> baselinePassed;
    /** Null outside the baseline; one line per test that failed while it runs. */
    private static List<String> baselineFailed;
    /** Null unless {@code --passed}: the tests whose failure counts as a kill. */
    private static Set<String> killers;

    private KillRunner() {}

    public static void main(final String[] args) throws InterruptedException {
        long stallSeconds = 60;
        final List<DiscoverySelector> selectors = new ArrayList<>();
        boolean packages = false;
        Path baselineFile = null;
        for (int i = 0; i < args.length; i++) {
            final String a = args[i];
            if (a.equals("--stall") && i + 1 < args.length) {
                stallSeconds = Long.parseLong(args[++i]);
            } else if (a.equals("--baseline") && i + 1 < args.length) {
                baselineFile = Path.of(args[++i]);
                baselinePassed = ConcurrentHashMap.newKeySet();
                baselineFailed = new ArrayList<>();
            } else if (a.equals("--passed") && i + 1 < args.length) {
                killers = new HashSet<>(readLines(Path.of(args[++i])));
            } else if (a.startsWith("package:")) {
                selectors.add(DiscoverySelectors.selectPackage(a.substring("package:".length())));
                packages = true;
            } else if (a.startsWith("root:")) {
                selectors.addAll(DiscoverySelectors.selectClasspathRoots(Set.of(Path.of(a.substring("root:".length())))));
                packages = true;
            } else if (a.contains("#") && !a.contains("(")) {
                selectors.addAll(methods(a.substring(0, a.indexOf('#')), a.substring(a.indexOf('#') + 1)));
            } else if (a.contains("#")) {
                selectors.add(DiscoverySelectors.selectMethod(a));
            } else if (!a.isEmpty()) {
                selectors.add(DiscoverySelectors.selectClass(a));
            }
        }
        if (selectors.isEmpty()) {
            System.err.println("usage: KillRunner [--stall SECONDS] [--baseline FILE | --passed FILE] SELECTOR...");
            System.exit(2);
        }
        final LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("junit.jupiter.execution.timeout.default",
                        System.getProperty("sigpage.testTimeout", "30 s"))
                .configurationParameter("junit.jupiter.execution.timeout.threaddump.enabled", "false");
        if (packages) {
            // Lincheck's agent does not start on a plain class path (it runs in the Maven build on the module path)
            builder.filters(
                    ClassNameFilter.includeClassNamePatterns(
                            "^(.*\\.)?Test[^.]*$", ".*Test", ".*Tests", ".*TestCase"),
                    ClassNameFilter.excludeClassNamePatterns(".*Lincheck.*"));
        }
        final LauncherDiscoveryRequest request = builder.build();
        final Map<String, Long> running = new ConcurrentHashMap<>();
        final long stallNanos = TimeUnit.SECONDS.toNanos(stallSeconds);
        final Thread watchdog = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                final long now = System.nanoTime();
                for (Map.Entry<String, Long> e : running.entrySet()) {
                    if (now - e.getValue() > stallNanos) {
                        killed(e.getKey(), "no progress in " + TimeUnit.NANOSECONDS.toSeconds(stallNanos)
                                + " s (a wait that ignores the timeout's interrupt)");
                    }
                }
            }
        }, "kill-runner-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        final int[] count = new int[1];
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionStarted(final TestIdentifier id) {
                if (id.isTest()) {
                    running.put(name(id), System.nanoTime());
                }
            }

            @Override
            public void executionFinished(final TestIdentifier id, final TestExecutionResult result) {
                if (id.isTest()) {
                    running.remove(name(id));
                    count[0]++;
                }
                if (baselinePassed != null && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                        && id.getParentId().isPresent()) {
                    baselinePassed.add(name(id)); // a test, or a class whose set-up and tear-down passed
                }
                if (result.getStatus() == TestExecutionResult.Status.FAILED && id.getParentId().isEmpty()) {
                    // an engine failed (a selector that names no class, a discovery error): not a kill
                    System.out.println("ERROR " + id.getDisplayName() + ": "
                            + result.getThrowable().map(String::valueOf).orElse("failed"));
                    System.out.flush();
                    Runtime.getRuntime().halt(4);
                }
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    final String message = result.getThrowable()
                            .map(t -> t.getClass().getSimpleName() + " " + String.valueOf(t.getMessage()))
                            .orElse("failed");
                    killed(name(id), message);
                }
            }
        });
        if (baselineFile != null) {
            writeBaseline(baselineFile);
        }
        System.out.println((baselineFile != null ? "PASSED " : "SURVIVED ") + count[0] + " tests");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** Every test method of that name in the class: a method selector needs the parameter types otherwise. */
    private static List<DiscoverySelector> methods(final String className, final String methodName) {
        final List<DiscoverySelector> found = new ArrayList<>();
        try {
            for (Class<?> c = Class.forName(className); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(methodName)) {
                        found.add(DiscoverySelectors.selectMethod(Class.forName(className), m));
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            System.out.println("ERROR no test class: class=" + className);
            System.out.flush();
            Runtime.getRuntime().halt(4);
        }
        if (found.isEmpty()) {
            System.out.println("ERROR no test method: method=" + className + "#" + methodName);
            System.out.flush();
            Runtime.getRuntime().halt(4);
        }
        return found;
    }

    private static List<String> readLines(final Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("ERROR cannot read the baseline: file=" + file + " (" + e + ")");
            System.out.flush();
            Runtime.getRuntime().halt(4);
            throw new AssertionError(e);
        }
    }

    private static void writeBaseline(final Path file) {
        final boolean clean;
        synchronized (KillRunner.class) {
            baselineFailed.forEach(System.out::println);
            clean = baselineFailed.isEmpty();
        }
        try {
            Files.write(file, new TreeSet<>(baselinePassed), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("ERROR cannot write the baseline: file=" + file + " (" + e + ")");
            System.out.flush();
            Runtime.getRuntime().halt(4);
        }
        if (!clean) {
            System.out.flush();
            Runtime.getRuntime().halt(ENVIRONMENT);
        }
    }

    private static String name(final TestIdentifier id) {
        final TestSource source = id.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            final String cls = m.getClassName();
            return shortName(m.getClassName()) + "#" + m.getMethodName();
        }
        if (source instanceof ClassSource c) {
            return shortName(c.getClassName());
        }
        return id.getDisplayName();
    }

    /** The class name without the project's package prefixes: WakeupTest, engine.DeliveryTest. */
    private static String shortName(final String cls) {
        for (String prefix : new String[] {"dev.sigpage.impl.", "dev.sigpage."}) {
            if (cls.startsWith(prefix)) {
                return cls.substring(prefix.length());
            }
        }
        return cls;
    }

    /** A failed test: a kill, or in the baseline a line of its report, or an environment error (see the class). */
    private static synchronized void killed(final String test, final String message) {
        final String oneLine = message.replaceAll("\\s+", " ");
        final String line = test + ": " + (oneLine.length() > 160 ? oneLine.substring(0, 160) : oneLine);
        if (baselineFailed != null) {
            baselineFailed.add("BASELINE-FAILED " + line);
            if (message.startsWith("no progress in ")) { // the watchdog: this JVM cannot go on
                baselineFailed.forEach(System.out::println);
                System.out.flush();
                Runtime.getRuntime().halt(ENVIRONMENT);
            }
            return;
        }
        if (killers != null && !killers.contains(test)) {
            System.out.println("NOT-IN-BASELINE " + line);
            System.out.flush();
            Runtime.getRuntime().halt(ENVIRONMENT);
        }
        System.out.println("KILLED-BY " + line);
        System.out.flush();
        Runtime.getRuntime().halt(KILLED);
    }
}
