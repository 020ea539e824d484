package dev.sigpage.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds and loads the JNI library of the benchmarks ({@code sigbench.c}, shipped inside the jar) at set-up time.
 *
 * <p>{@link NativeBuild} compiles and caches it; the JNI headers come from the running JDK,
 * {@code System.getProperty("java.home") + "/include"}. The report passes the built path
 * to its JMH forks through the system property {@value #PATH_PROPERTY}.
 */
final class NativeLibrary {

    /** System property naming an already built library; when set, nothing is compiled. */
    static final String PATH_PROPERTY = "sigpage.bench.nativeLibrary";

    private static final String SOURCE_RESOURCE = "/dev/sigpage/bench/native/sigbench.c";

    private static Path loaded;

    private NativeLibrary() {}

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
        return NativeBuild.cached(
                SOURCE_RESOURCE,
                "the native benchmark library",
                "sigpage-bench-native-",
                "libsigbench.so",
                (compiler, source, output) -> {
                    final Path include = jniInclude();
                    return List.of(
                            compiler,
                            "-O2",
                            "-Wall",
                            "-Wextra",
                            "-Werror",
                            "-shared",
                            "-fPIC",
                            "-I" + include,
                            "-I" + include.resolve("linux"),
                            "-o",
                            output.toString(),
                            source.toString(),
                            "-lpthread");
                });
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
}
