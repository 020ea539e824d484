package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.SignalSet;
import dev.sigpage.frames.SignalFrames;
import dev.sigpage.probe.FirstCall;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;

/**
 * The first sigpage call in a JVM without Agrona's flag fails with one message naming the flag for the class path
 * and for the module path, not with an {@link IllegalAccessError} from inside Agrona. Each case starts a fresh
 * {@code java} on the same classes (the flag cannot be taken away from this JVM).
 */
class AgronaAccessTest {
    private static final String CLASS_PATH_FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";
    private static final String MODULE_PATH_FLAG = "--add-exports java.base/jdk.internal.misc=org.agrona";

    @Test
    void kernelWithoutTheFlagNamesBothFlagsOnTheClassPath() throws Exception {
        final Result r = run(classPath(), "kernel");
        assertRefused(r, "unnamed (class path)");
    }

    @Test
    void engineWithoutTheFlagNamesBothFlags() throws Exception {
        final Result r = run(classPath(), "engine");
        assertRefused(r, "unnamed (class path)");
    }

    @Test
    void kernelWithoutTheFlagNamesBothFlagsOnTheModulePath() throws Exception {
        final Result r = run(modulePath(), "kernel");
        assertRefused(r, "org.agrona");
    }

    @Test
    void withTheClassPathFlagTheKernelRuns() throws Exception {
        final List<String> command = new ArrayList<>(List.of(CLASS_PATH_FLAG.split(" ")));
        command.addAll(classPath());
        final Result r = run(command, "kernel");
        assertEquals(0, r.status, r.output);
        assertEquals("ran", r.output.strip());
    }

    @Test
    void withTheModulePathFlagTheKernelRuns() throws Exception {
        final List<String> command = new ArrayList<>(List.of(MODULE_PATH_FLAG.split(" ")));
        command.addAll(modulePath());
        final Result r = run(command, "kernel");
        assertEquals(0, r.status, r.output);
        assertEquals("ran", r.output.strip());
    }

    private static void assertRefused(final Result r, final String module) {
        assertEquals(FirstCall.REFUSED, r.status, r.output);
        assertTrue(r.output.contains("IllegalStateException"), r.output);
        assertTrue(r.output.contains(CLASS_PATH_FLAG + " on the class path"), r.output);
        assertTrue(r.output.contains(MODULE_PATH_FLAG + " on the module path"), r.output);
        assertTrue(r.output.contains("agronaModule=" + module), r.output);
        assertTrue(!r.output.contains("IllegalAccessError"), r.output);
    }

    /** Everything on the class path: the library's classes, its dependencies and this test's classes. */
    private static List<String> classPath() throws URISyntaxException {
        return List.of(
                "-cp",
                String.join(
                        File.pathSeparator,
                        location(Kernel.class),
                        location(SignalSet.class),
                        location(SignalFrames.class),
                        location(AtomicBuffer.class),
                        location(FirstCall.class)));
    }

    /** The three sigpage modules and Agrona on the module path, the probe on the class path. */
    private static List<String> modulePath() throws URISyntaxException {
        return List.of(
                "--module-path",
                String.join(
                        File.pathSeparator,
                        location(Kernel.class),
                        location(SignalSet.class),
                        location(SignalFrames.class),
                        location(AtomicBuffer.class)),
                "--add-modules",
                "dev.sigpage.impl",
                "-cp",
                location(FirstCall.class));
    }

    private static String location(final Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    private static Result run(final List<String> options, final String what) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add(FirstCall.class.getName());
        command.add(what);
        final Process process =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        // a bound against a hung child, not a measurement: the probe returns in well under a second
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("probe did not exit: command=" + command);
        }
        return new Result(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static final class Result {
        final int status;
        final String output;

        Result(final int status, final String output) {
            this.status = status;
            this.output = output;
        }
    }
}
