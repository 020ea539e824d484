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
import java.util.concurrent.TimeUnit;

/**
 * Builds and loads the JNI library of the benchmarks ({@code sigbench.c}, shipped inside the jar) at set-up time.
 *
 * <p>The compiler is {@code gcc} from {@code PATH} (or {@code $CC}); the JNI headers come from the running JDK,
 * {@code System.getProperty("java.home") + "/include"}. The library is cached in the temporary directory under
 * a name carrying the hash of the source, so forks of one run compile it once. The report passes the built path
 * to its JMH forks through the system property {@value #PATH_PROPERTY}.
 */
final class NativeLibrary {

    /** System property naming an already built library; when set, nothing is compiled. */
    static final String PATH_PROPERTY = "sigpage.bench.nativeLibrary";

    private static final String SOURCE_RESOURCE = "/dev/sigpage/bench/native/sigbench.c";
    private static final long COMPILE_TIMEOUT_SECONDS = 120;

    private static Path loaded;

    private NativeLibrary() {
    }

    /**
     * Loads the library once per JVM, building it first when needed.
     *
     * @return the path of the loaded library
     */
    static synchronized Path load() {
        if (loaded == null) {
            final String given = System.getProperty(PATH_PROPERTY);
            final Path library = given != null ? Path.of(given) : build();
            System.load(library.toAbsolutePath().toString());
            loaded = library;
        }
        return loaded;
    }

    /**
     * Compiles the library if the cache does not hold it yet.
     *
     * @return the path of the shared object
     */
    static Path build() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new IllegalStateException("the native benchmarks need Linux: os.name="
                + System.getProperty("os.name"));
        }
        final byte[] source = readSource();
        final Path directory = Path.of(System.getProperty("java.io.tmpdir"), "sigpage-bench-native-" + hash(source));
        final Path library = directory.resolve("libsigbench.so");
        if (Files.isRegularFile(library)) {
            return library;
        }
        try {
            Files.createDirectories(directory);
            final Path sourceFile = Files.createTempFile(directory, "sigbench", ".c");
            Files.write(sourceFile, source);
            final Path partial = Files.createTempFile(directory, "libsigbench", ".so.partial");
            compile(sourceFile, partial);
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(sourceFile);
            return library;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot build the native benchmark library: directory=" + directory, e);
        }
    }

    private static void compile(final Path source, final Path output) throws IOException {
        final Path include = jniInclude();
        final String compiler = System.getenv().getOrDefault("CC", "gcc");
        final List<String> command = new ArrayList<>(List.of(compiler, "-O2", "-Wall", "-Wextra", "-Werror",
            "-shared", "-fPIC", "-I" + include, "-I" + include.resolve("linux"), "-o", output.toString(),
            source.toString(), "-lpthread"));
        final Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (final IOException e) {
            throw new IllegalStateException("a C compiler must be on PATH to build the native benchmarks: compiler="
                + compiler, e);
        }
        final String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the C compiler did not finish: command=" + command);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling: command=" + command, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the native benchmark library did not compile: exit=" + process.exitValue()
                + System.lineSeparator() + String.join(" ", command) + System.lineSeparator() + log);
        }
    }

    /**
     * The JNI include directory of the running JDK.
     *
     * @return a directory holding {@code jni.h}
     */
    static Path jniInclude() {
        final Path javaHome = Path.of(System.getProperty("java.home"));
        for (final Path candidate : List.of(javaHome.resolve("include"), javaHome.resolveSibling("include"))) {
            if (Files.isRegularFile(candidate.resolve("jni.h"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the running Java must be a JDK with include/jni.h: java.home=" + javaHome);
    }

    private static byte[] readSource() {
        try (InputStream in = NativeLibrary.class.getResourceAsStream(SOURCE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("native source missing from the class path: resource="
                    + SOURCE_RESOURCE);
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(final byte[] source) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(source);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
