package dev.sigpage.bench;

import dev.sigpage.api.Signals;

/**
 * Proof that {@code SigprocmaskBench.syscall} enters the kernel: calls the JNI rt_sigprocmask a given number of
 * times, so that {@code strace -f -c -e trace=rt_sigprocmask} run on it with {@code 0} and with {@code N} differs
 * by exactly N calls (the JVM makes a few of its own). With {@code model} it does the same number of model mask
 * changes instead, which must add none.
 *
 * <p>{@code strace -f -c -e trace=rt_sigprocmask java -cp benchmarks/target/sigpage-benchmarks.jar
 * dev.sigpage.bench.SyscallProbe syscall 100000}
 */
public final class SyscallProbe {

    private SyscallProbe() {}

    static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: java -cp benchmarks/target/sigpage-benchmarks.jar dev.sigpage.bench.SyscallProbe"
                    + " (syscall | model) COUNT",
            "       ... SyscallProbe --help | --version",
            "  syscall COUNT  COUNT raw rt_sigprocmask system calls through JNI (needs gcc to build the library)",
            "  model COUNT    COUNT model mask changes, which make no system call",
            "count them with: strace -f -c -e trace=rt_sigprocmask java -cp ... SyscallProbe syscall 100000",
            "exit status: 0 done, 1 the native library failed, 2 usage error");

    /**
     * Runs the probe.
     *
     * @param args {@code syscall|model COUNT}, {@code --help} or {@code --version}
     */
    public static void main(final String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return;
        }
        if (args.length == 1 && args[0].equals("--version")) {
            System.out.println("sigpage benchmarks " + Report.version());
            return;
        }
        if (args.length != 2 || !(args[0].equals("syscall") || args[0].equals("model"))) {
            usageError("expected syscall or model and a count: arguments=" + String.join(" ", args));
            return;
        }
        final int count;
        try {
            count = Integer.parseInt(args[1]);
        } catch (final NumberFormatException e) {
            usageError("COUNT must be a number: count=" + args[1]);
            return;
        }
        if (count < 0) {
            usageError("COUNT must be >= 0: count=" + count);
            return;
        }
        final long bit = Signals.bit(LinuxSignals.SIGUSR1);
        long sink = 0;
        if (args[0].equals("syscall")) {
            final long before = LinuxSignals.rtSigprocmask(LinuxSignals.SIG_BLOCK, 0L);
            for (int i = 0; i < count; i++) {
                sink += LinuxSignals.rtSigprocmask(
                        (i & 1) == 0 ? LinuxSignals.SIG_BLOCK : LinuxSignals.SIG_UNBLOCK, bit);
            }
            LinuxSignals.rtSigprocmask(LinuxSignals.SIG_SETMASK, before);
        } else {
            sink += ModelMaskLoop.run(count);
        }
        System.out.println(args[0] + " x " + count + " done (" + (sink & 1) + ")");
    }

    private static void usageError(final String message) {
        System.err.println(message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
