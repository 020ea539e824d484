package dev.sigpage.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the project's Linux frame probe (src/test/resources/harness/linux_frame.c): natively on x86-64, where the
 * real kernel builds the frame, and under qemu-user for AArch64 and RISC-V. Compiled here, statically, without a
 * libc. See the source's header for its commands.
 */
final class LinuxProbe {
    /** The probe's main stack region [MAIN_LO, MAIN_LO + REGION). */
    static final long MAIN_LO = 0x2000_0000L;
    /** The probe's alternate stack region. */
    static final long ALT_LO = 0x1000_0000L;
    /** Size of each region. */
    static final long REGION = 0x1_0000L;
    /** The exit status of a probe killed by SIGSEGV, as Java reports it. */
    static final int KILLED_BY_SIGSEGV = 128 + 11;

    private static final Map<Arch, LinuxProbe> PROBES = new EnumMap<>(Arch.class);

    private final Arch arch;
    private final Path binary;
    private final List<String> runner;

    private LinuxProbe(final Arch arch, final Path binary, final List<String> runner) {
        this.arch = arch;
        this.binary = binary;
        this.runner = runner;
    }

    /** What one probe run printed. */
    record Output(Tools.Result result, Map<String, Long> values, long memAddress, byte[] mem) {
        long get(final String key) {
            final Long v = values.get(key);
            if (v == null) {
                throw new AssertionError("probe did not report " + key + ":\n" + result.stdout() + "\n"
                    + result.stderr());
            }
            return v;
        }

        boolean has(final String key) {
            return values.containsKey(key);
        }
    }

    Arch arch() {
        return arch;
    }

    /** The probe's exit status when its interval timer fired before the read it should interrupt. */
    private static final int RACED = 3;
    private static final int ATTEMPTS = 5;

    Output run(final List<String> args) {
        Output out = runOnce(args);
        for (int i = 1; i < ATTEMPTS && out.result().exitCode() == RACED; i++) {
            out = runOnce(args);
        }
        return out;
    }

    private Output runOnce(final List<String> args) {
        final List<String> cmd = new ArrayList<>(runner);
        cmd.add(binary.toString());
        cmd.addAll(args);
        final Tools.Result r = Tools.run(cmd);
        final Map<String, Long> values = new HashMap<>();
        long memAddress = 0;
        byte[] mem = new byte[0];
        for (final String line : r.stdout().split("\n")) {
            final int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            final String key = line.substring(0, eq);
            final String value = line.substring(eq + 1);
            if (key.equals("mem.hex")) {
                mem = ByteOrder.hex(value);
            } else if (key.equals("error")) {
                throw new AssertionError("probe error " + value + "\n" + r.stderr());
            } else if (key.equals("mem.addr")) {
                memAddress = Long.parseUnsignedLong(value.substring(2), 16);
            } else {
                values.put(key, Long.parseUnsignedLong(value.substring(2), 16));
            }
        }
        return new Output(r, values, memAddress, mem);
    }

    static synchronized LinuxProbe of(final Arch arch) {
        final LinuxProbe cached = PROBES.get(arch);
        if (cached != null) {
            return cached;
        }
        final List<String> runner;
        final List<String> compile = new ArrayList<>();
        switch (arch) {
            case X86_64:
                compile.add(Tools.require("gcc", "gcc").toString());
                runner = List.of();
                break;
            case AARCH64:
                compile.add(Tools.require("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu").toString());
                // ARMv8.0 without SVE/SME: the record set the kernel writes on such hardware (qemu's default
                // "max" CPU would add SVE, TPIDR2 and ZA records).
                runner = List.of(Tools.require("qemu-aarch64-static", "qemu-user-static").toString(), "-cpu",
                    "cortex-a57");
                break;
            case RISCV64:
                compile.add(Tools.require("riscv64-linux-gnu-gcc", "gcc-riscv64-linux-gnu").toString());
                compile.add("-Wl,--no-relax");
                runner = List.of(Tools.require("qemu-riscv64-static", "qemu-user-static").toString());
                break;
            default:
                throw new AssertionError(arch);
        }
        final Path dir = Tools.scratch("linux-frame-" + arch.cliName());
        final Path source = dir.resolve("linux_frame.c");
        final Path binary = dir.resolve("linux_frame");
        try (InputStream in = LinuxProbe.class.getResourceAsStream("/harness/linux_frame.c")) {
            Files.write(source, in.readAllBytes());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        compile.addAll(List.of("-static", "-nostdlib", "-ffreestanding", "-fno-pie", "-no-pie", "-O1",
            "-fno-stack-protector", "-fno-builtin", "-fno-asynchronous-unwind-tables", "-o", binary.toString(),
            source.toString()));
        final Tools.Result built = Tools.run(compile);
        assertEquals(0, built.exitCode(), "probe build failed: " + built.stderr());
        final LinuxProbe probe = new LinuxProbe(arch, binary, runner);
        PROBES.put(arch, probe);
        return probe;
    }
}
