import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * test engine failed (a selector that names no class).
 *
 * <pre>
 * java -cp ... KillRunner [--stall SECONDS] SELECTOR...
 *   SELECTOR: a class (dev.sigpage.impl.WakeupTest), a method (dev.sigpage.impl.WakeupTest#name),
 *             or a package with its subpackages (package:dev.sigpage.impl), whose classes named *Test or *Tests run
 * </pre>
 *
 * <p>Each test runs under JUnit's default timeout (30 s, as in the build). A test that ignores the timeout's
 * interrupt (a parked wait without a deadline that lost its wake-up) is stopped by the stall watchdog: a test
 * running longer than {@code --stall} seconds (default 60) is reported as the killer and the JVM halts.
 */
public final class KillRunner {
    private static final int KILLED = 3;

    private KillRunner() {}

    public static void main(final String[] args) throws InterruptedException {
        long stallSeconds = 60;
        final List<DiscoverySelector> selectors = new ArrayList<>();
        boolean packages = false;
        for (int i = 0; i < args.length; i++) {
            final String a = args[i];
            if (a.equals("--stall") && i + 1 < args.length) {
                stallSeconds = Long.parseLong(args[++i]);
            } else if (a.startsWith("package:")) {
                selectors.add(DiscoverySelectors.selectPackage(a.substring("package:".length())));
                packages = true;
            } else if (a.contains("#")) {
                selectors.add(DiscoverySelectors.selectMethod(a));
            } else if (!a.isEmpty()) {
                selectors.add(DiscoverySelectors.selectClass(a));
            }
        }
        if (selectors.isEmpty()) {
            System.err.println("usage: KillRunner [--stall SECONDS] SELECTOR...");
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
                    ClassNameFilter.includeClassNamePatterns(".*Test", ".*Tests"),
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
        System.out.println("SURVIVED " + count[0] + " tests");
        System.out.flush();
        Runtime.getRuntime().halt(0);
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

    private static synchronized void killed(final String test, final String message) {
        final String oneLine = message.replaceAll("\\s+", " ");
        System.out.println("KILLED-BY " + test + ": " + (oneLine.length() > 160 ? oneLine.substring(0, 160) : oneLine));
        System.out.flush();
        Runtime.getRuntime().halt(KILLED);
    }
}
