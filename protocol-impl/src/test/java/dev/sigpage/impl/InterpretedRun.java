package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sigpage.api.SignalSet;
import dev.sigpage.frames.SignalFrames;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.AtomicBuffer;

/**
 * A race test's rounds run again in a child JVM that only interprets ({@code -Xint}), where each step of an
 * operation is a call of its own and the other thread falls between two steps far more often (jcstress runs its
 * proofs interpreted too). The child is the test class's {@code main}, which reports through {@link #exit}.
 */
final class InterpretedRun {
    private static final String NO_FAULT = "no fault";

    private InterpretedRun() {}

    /**
     * Runs {@code main} of a test class interpreted and asserts that it found no fault.
     *
     * @param main the test class whose {@code main} runs the rounds
     * @param args its arguments
     */
    static void assertNoFault(final Class<?> main, final String... args) throws Exception {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xint",
                "--add-exports",
                "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp",
                String.join(
                        File.pathSeparator,
                        location(main),
                        location(Kernel.class),
                        location(SignalSet.class),
                        location(SignalFrames.class),
                        location(AtomicBuffer.class)),
                main.getName()));
        command.addAll(List.of(args));
        final Process process =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            // a bound against a hung child, not a measurement: the child takes a few seconds; below the test timeout
            if (!process.waitFor(25, TimeUnit.SECONDS)) {
                throw new AssertionError("the interpreted run did not exit: command=" + command);
            }
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            assertEquals(NO_FAULT, output.strip());
        } finally {
            // also when the test is interrupted by its timeout: no child is left running
            process.destroyForcibly();
        }
    }

    /**
     * Ends the child: prints {@code no fault} and exits 0, or prints the fault and exits 1.
     *
     * @param fault the first fault found, or null
     */
    static void exit(final String fault) {
        System.out.println(fault == null ? NO_FAULT : fault);
        System.out.flush();
        System.exit(fault == null ? 0 : 1);
    }

    private static String location(final Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }
}
