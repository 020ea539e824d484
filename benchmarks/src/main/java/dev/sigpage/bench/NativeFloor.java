package dev.sigpage.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds and runs the native anchor program ({@code sigfloor.c}, shipped inside the jar): a bare {@code lock xadd}
 * loop, a raw {@code rt_sigprocmask} loop and a self {@code tgkill}-to-handler-and-sigreturn loop, timed in C on
 * the calling thread of a separate process. The report runs it beside JMH so that the model is read against
 * both the Java floor ({@code SigprocmaskBench.floorXadd}) and the machine's.
 *
 * <p>The compiler is {@code gcc} from {@code PATH} (or {@code $CC}); the executable is cached in the temporary
 * directory under the hash of the source ({@link NativeBuild}).
 */
final class NativeFloor {

    private static final String SOURCE_RESOURCE = "/dev/sigpage/bench/native/sigfloor.c";
    private static final long RUN_TIMEOUT_SECONDS = 600;
    private static final Pattern LINE = Pattern.compile("^sigfloor xadd_ns=([0-9.]+) rt_sigprocmask_ns=([0-9.]+)"
            + " tgkill_handler_ns=([0-9.]+) iterations=([0-9]+) rounds=([0-9]+)$");

    private NativeFloor() {}

    /**
     * Builds the program if needed and runs it once.
     *
     * @param iterations operations per round, 1..1e9
     * @param rounds     rounds, 1..101; each figure is the median over them
     * @return the figures
     * @throws IllegalArgumentException for iterations or rounds out of range
     * @throws IllegalStateException    if the program cannot be built, fails, or prints no figures line
     */
    static NativeFloorFigures measure(final long iterations, final int rounds) {
        if (iterations < 1 || iterations > 1_000_000_000L) {
            throw new IllegalArgumentException("iterations must be in 1..1000000000: iterations=" + iterations);
        }
        if (rounds < 1 || rounds > 101) {
            throw new IllegalArgumentException("rounds must be in 1..101: rounds=" + rounds);
        }
        final Path program = build();
        final String output = NativeBuild.run(
                List.of(program.toString(), Long.toString(iterations), Integer.toString(rounds)), RUN_TIMEOUT_SECONDS);
        return parse(output);
    }

    /**
     * Finds the figures line in the program's output.
     *
     * @param output everything the program printed
     * @return the figures
     * @throws IllegalStateException if no line has the expected shape
     */
    static NativeFloorFigures parse(final String output) {
        for (final String line : output.split("\\R")) {
            final Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                return new NativeFloorFigures(
                        Double.parseDouble(m.group(1)),
                        Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)),
                        Long.parseLong(m.group(4)),
                        Integer.parseInt(m.group(5)));
            }
        }
        throw new IllegalStateException("sigfloor printed no figures line: output=" + output.strip());
    }

    /**
     * Compiles the program if the cache does not hold it yet.
     *
     * @return the path of the executable
     */
    static Path build() {
        return NativeBuild.cached(
                SOURCE_RESOURCE,
                "the native anchor program",
                "sigpage-bench-floor-",
                "sigfloor",
                (compiler, source, output) -> List.of(
                        compiler, "-O2", "-Wall", "-Wextra", "-Werror", "-o", output.toString(), source.toString()));
    }

    /**
     * Prints the figures line of one run (for scripts and for a look by hand).
     *
     * @param args optional iterations and rounds
     */
    public static void main(final String[] args) {
        final long iterations = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        final NativeFloorFigures f = measure(iterations, rounds);
        System.out.printf(
                Locale.ROOT,
                "xadd %.3f ns, rt_sigprocmask %.3f ns (%.2fx), tgkill->handler->sigreturn" + " %.3f ns%n",
                f.xaddNs(),
                f.sigprocmaskNs(),
                f.syscallOverXadd(),
                f.tgkillHandlerNs());
    }
}
