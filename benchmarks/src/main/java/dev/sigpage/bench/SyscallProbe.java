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

    private SyscallProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args {@code syscall|model COUNT}
     */
    public static void main(final String[] args) {
        if (args.length != 2 || !(args[0].equals("syscall") || args[0].equals("model"))) {
            System.err.println("usage: SyscallProbe syscall|model COUNT");
            System.exit(2);
            return;
        }
        final int count = Integer.parseInt(args[1]);
        final long bit = Signals.bit(LinuxSignals.SIGUSR1);
        long sink = 0;
        if (args[0].equals("syscall")) {
            final long before = LinuxSignals.rtSigprocmask(LinuxSignals.SIG_BLOCK, 0L);
            for (int i = 0; i < count; i++) {
                sink += LinuxSignals.rtSigprocmask((i & 1) == 0 ? LinuxSignals.SIG_BLOCK : LinuxSignals.SIG_UNBLOCK,
                    bit);
            }
            LinuxSignals.rtSigprocmask(LinuxSignals.SIG_SETMASK, before);
        } else {
            sink += ModelMaskLoop.run(count);
        }
        System.out.println(args[0] + " x " + count + " done (" + (sink & 1) + ")");
    }
}
