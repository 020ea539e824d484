package dev.sigpage.bench;

import java.util.concurrent.TimeUnit;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the trampoline's claim costs. A claim needs something pending, and JMH forbids per-invocation set-up in
 * a measurement this short, so each {@code thread}/{@code process} invocation is a send followed by the claim of
 * that signal on the target thread; {@code sendThread}/{@code sendProcess} are the same sends alone, and the
 * claim costs the difference. (The baselines re-send a signal that is already pending, the pairs send one that
 * was just claimed; the send's compare-and-set writes the word either way, so the difference is the claim up to
 * that small asymmetry.) Everything runs on the benchmark thread; claims are uncontended.
 *
 * <p>Quick configuration (1 fork, 3 x 0.5 s + 5 x 0.5 s), 2026-11-21 06:07 UTC, shared 2-vCPU VM under load (load
 * average 7), "Intel(R) Xeon(R) Processor", Linux 6.18, OpenJDK 17.0.15+6-Debian; full table and caveats in
 * {@code benchmarks/README.md}:
 * <pre>
 * Benchmark               Mode  Score (ns/op)  Error    best iteration
 * ClaimBench.sendThread   avgt     20.42       ± 21.51     16.61
 * ClaimBench.thread       avgt     46.59       ± 18.90     42.13
 * ClaimBench.sendProcess  avgt     27.97       ± 16.01     22.70
 * ClaimBench.process      avgt     88.83       ± 252.77    55.13
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class ClaimBench {

    /** A sender, a one-thread target that catches SIGUSR1, and a reusable siginfo. */
    @State(Scope.Thread)
    public static class Pair {
        Kernel kernel;
        ModelThread sender;
        ModelThread target;
        int pid;
        int tid;
        final MutableSigInfo info = new MutableSigInfo();

        /** Builds the two processes. */
        @Setup(Level.Trial)
        public void spawn() {
            kernel = new Kernel();
            sender = kernel.spawn(0, 0).mainThread();
            final ModelProcess process = kernel.spawn(1000, 1000);
            process.sigaction(Signals.SIGUSR1, SigAction.handler(ModelPingPong.HANDLER, SignalSet.empty(), 0));
            target = process.mainThread();
            pid = process.pid();
            tid = target.tid();
        }
    }

    /**
     * tgkill then claim.
     *
     * @param pair the processes
     * @return the claimed signal number (SIGUSR1)
     */
    @Benchmark
    public int thread(final Pair pair) {
        pair.kernel.tgkill(pair.sender, pair.pid, pair.tid, Signals.SIGUSR1);
        return pair.target.claim(pair.info);
    }

    /**
     * Baseline of {@link #thread}: the tgkill alone.
     *
     * @param pair the processes
     */
    @Benchmark
    public void sendThread(final Pair pair) {
        pair.kernel.tgkill(pair.sender, pair.pid, pair.tid, Signals.SIGUSR1);
    }

    /**
     * kill then claim (competitive claim of the process pending bit, uncontended).
     *
     * @param pair the processes
     * @return the claimed signal number (SIGUSR1)
     */
    @Benchmark
    public int process(final Pair pair) {
        pair.kernel.kill(pair.sender, pair.pid, Signals.SIGUSR1);
        return pair.target.claim(pair.info);
    }

    /**
     * Baseline of {@link #process}: the kill alone.
     *
     * @param pair the processes
     */
    @Benchmark
    public void sendProcess(final Pair pair) {
        pair.kernel.kill(pair.sender, pair.pid, Signals.SIGUSR1);
    }
}
