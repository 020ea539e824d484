package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one of the project's C test programs (src/test/resources/harness) for an architecture: statically,
 * without a libc, with the native gcc on x86-64 and the Debian cross compilers for AArch64 and RISC-V. The
 * programs make their own system calls, so what runs is only the project's code and the kernel (or qemu-user).
 */
final class FreestandingBuild {
    /** The header every program includes: types, the raw system call, memset and memcpy. */
    private static final String HEADER = "freestanding.h";

    private FreestandingBuild() {}

    /**
     * Compiles {@code /harness/<name>.c}, with the shared header beside it, in a scratch directory of its own.
     *
     * @param arch the target architecture
     * @param name the program's name, without {@code .c}
     * @return the executable
     */
    static Path build(final Arch arch, final String name) {
        final List<String> compile = new ArrayList<>(
                switch (arch) {
                    case X86_64 -> List.of(Tools.require("gcc", "gcc").toString());
                    case AARCH64 ->
                        List.of(Tools.require("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu")
                                .toString());
                    case RISCV64 ->
                        List.of(
                                Tools.require("riscv64-linux-gnu-gcc", "gcc-riscv64-linux-gnu")
                                        .toString(),
                                "-Wl,--no-relax");
                });
        final Path dir = Tools.scratch(name.replace('_', '-') + "-" + arch.cliName());
        final Path source = dir.resolve(name + ".c");
        final Path binary = dir.resolve(name);
        copy("/harness/" + name + ".c", source);
        copy("/harness/" + HEADER, dir.resolve(HEADER));
        compile.addAll(List.of(
                "-static",
                "-nostdlib",
                "-ffreestanding",
                "-fno-pie",
                "-no-pie",
                "-O1",
                "-fno-stack-protector",
                "-fno-builtin",
                "-fno-asynchronous-unwind-tables",
                "-o",
                binary.toString(),
                source.toString()));
        final Tools.Result built = Tools.run(compile);
        assertEquals(0, built.exitCode(), name + " build failed: " + built.stderr());
        return binary;
    }

    private static void copy(final String resource, final Path target) {
        try (InputStream in = FreestandingBuild.class.getResourceAsStream(resource)) {
            Files.write(target, in.readAllBytes());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
