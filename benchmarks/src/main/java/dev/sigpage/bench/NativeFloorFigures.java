package dev.sigpage.bench;

/**
 * The machine's physical anchors, measured by the native {@code sigfloor} program in the same run as the Java
 * benchmarks: medians over rounds, in nanoseconds per operation.
 *
 * @param xaddNs          one {@code lock xadd} on an aligned 64-bit word
 * @param sigprocmaskNs   one raw {@code rt_sigprocmask} system call (the {@code syscall} instruction)
 * @param tgkillHandlerNs one self {@code tgkill}, the handler, and {@code rt_sigreturn}
 * @param iterations      operations per round
 * @param rounds          rounds the medians are taken over
 */
record NativeFloorFigures(double xaddNs, double sigprocmaskNs, double tgkillHandlerNs, long iterations, int rounds) {

    /**
     * The native system call against the native atomic: the bound the Java {@code syscall / model} ratio is
     * compared with.
     *
     * @return {@code sigprocmaskNs / xaddNs}
     */
    double syscallOverXadd() {
        return sigprocmaskNs / xaddNs;
    }
}
