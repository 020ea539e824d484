package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * External oracles (objdump, cross compilers, qemu-user) found through PATH. A missing tool fails the test when
 * the environment variable CI is set, and otherwise skips it naming the Debian package to install.
 */
public final class Tools {
    private Tools() {}

    /** The result of running a program. */
    public record Result(int exitCode, String stdout, String stderr) {}

    /**
     * Finds a program on PATH, or skips (fails under CI) naming the Debian package.
     *
     * @param program the program's name
     * @param debianPackage the package that provides it
     * @return its path
     */
    public static Path require(final String program, final String debianPackage) {
        final String path = System.getenv("PATH");
        if (path != null) {
            for (final String dir : path.split(java.io.File.pathSeparator)) {
                final Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        final String message = program + " not found on PATH: apt-get install " + debianPackage;
        if (System.getenv("CI") != null) {
            fail(message);
        }
        // Also on the console, not only in the XML reports, so that a skipped oracle is noticed.
        System.err.println("skipped: " + message);
        assumeTrue(false, message);
        throw new AssertionError(message);
    }

    /**
     * Runs a program to completion (bounded by a generous timeout, never used as a measurement).
     *
     * @param command the command line
     * @return exit code and output
     */
    public static Result run(final List<String> command) {
        try {
            final Process p = new ProcessBuilder(new ArrayList<>(command)).start();
            p.getOutputStream().close();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final Thread errPump = new Thread(() -> pump(p.getErrorStream(), err));
            errPump.start();
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            pump(p.getInputStream(), out);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + command);
            }
            errPump.join();
            return new Result(
                    p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void pump(final InputStream in, final ByteArrayOutputStream sink) {
        try (in) {
            in.transferTo(sink);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A scratch directory under the build directory.
     *
     * @param name the directory's name
     * @return the directory, created
     */
    public static Path scratch(final String name) {
        try {
            return Files.createDirectories(
                    Path.of("target", "oracle-scratch", name).toAbsolutePath());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
