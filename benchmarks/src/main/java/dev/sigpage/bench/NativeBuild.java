package dev.sigpage.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Compiles a C source shipped inside the jar and caches the result, for {@link NativeLibrary} (the JNI library)
 * and {@link NativeFloor} (the anchor program).
 *
 * <p>The compiler is {@code gcc} from {@code PATH} (or {@code $CC}). The output is cached in the temporary
 * directory under a name carrying the hash of the source, so forks of one run compile it once; it is written to
 * a partial file and moved into place atomically, so a cached output is always a complete one.
 */
final class NativeBuild {

    private static final long COMPILE_TIMEOUT_SECONDS = 120;

    /** The compiler's command line for one source file and one output file. */
    @FunctionalInterface
    interface CompileCommand {

        /**
         * The command line that compiles {@code source} into {@code output}.
         *
         * @param compiler the compiler to run
         * @param source   the C source file
         * @param output   the file the compiler must write
         * @return the whole command line
         */
        List<String> of(String compiler, Path source, Path output);
    }

    private NativeBuild() {}

    /**
     * Compiles {@code resource} if the cache does not hold its output yet.
     *
     * @param resource        the class path resource of the C source
     * @param what            what is built, for messages (e.g. "the native benchmark library")
     * @param directoryPrefix the cache directory's name before the source hash
     * @param outputName      the output's file name inside the cache directory
     * @param command         the compiler's command line
     * @return the path of the output
     * @throws IllegalStateException if not on Linux, or the compiler cannot start, fails or does not finish
     */
    static Path cached(
            final String resource,
            final String what,
            final String directoryPrefix,
            final String outputName,
            final CompileCommand command) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            throw new IllegalStateException(what + " needs Linux: os.name=" + System.getProperty("os.name"));
        }
        final byte[] source = readSource(resource);
        final Path directory = Path.of(System.getProperty("java.io.tmpdir"), directoryPrefix + hash(source));
        final Path output = directory.resolve(outputName);
        if (Files.isRegularFile(output)) {
            return output;
        }
        try {
            Files.createDirectories(directory);
            final Path sourceFile = Files.createTempFile(directory, outputName, ".c");
            Files.write(sourceFile, source);
            final Path partial = Files.createTempFile(directory, outputName, ".partial");
            final String compiler = System.getenv().getOrDefault("CC", "gcc");
            run(command.of(compiler, sourceFile, partial), COMPILE_TIMEOUT_SECONDS);
            Files.move(partial, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(sourceFile);
            return output;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot build " + what + ": directory=" + directory, e);
        }
    }

    /**
     * Runs a command to its end and returns what it printed (standard output and error together).
     *
     * @param command        the command line
     * @param timeoutSeconds how long it may take after its output has closed
     * @return everything it printed
     * @throws IllegalStateException if it cannot start, exits non-zero, does not finish or is interrupted
     */
    static String run(final List<String> command, final long timeoutSeconds) {
        final Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .start();
        } catch (final IOException e) {
            throw new IllegalStateException("cannot start: command=" + command.get(0), e);
        }
        try {
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("did not finish: command=" + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed: exit=" + process.exitValue() + " command=" + command
                        + System.lineSeparator() + output);
            }
            return output;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: command=" + command, e);
        }
    }

    private static byte[] readSource(final String resource) {
        try (InputStream in = NativeBuild.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("native source missing from the class path: resource=" + resource);
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(final byte[] source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source), 0, 8);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
