package dev.sigpage.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a send costs the sender: {@code tgkill} (thread-directed: sender info, one atomic OR on the thread word
 * that also reads its allow half) and {@code kill} (process-directed: the process word, then a search for a
 * thread that allows the signal) with 1, 8 and 64 threads attached to the target process.
 *
 * <p>The sender is the main thread of a separate root process; the target catches SIGUSR1 (a model handler) and
 * allows it on every thread, and nobody claims, so after the first send the signal stays pending and each
 * further send is the steady-state "already pending" send (a bit OR that changes nothing, plus the wake-up
 * check). {@code ClaimBench} measures send+claim pairs, where every send finds the bit clear.
 * {@code floorOr} is the baseline: one atomic OR returning the previous value on an off-heap long, what the
 * pending-bit update is built on ({@code SigprocmaskBench.floorXadd} is the report's floor for both).
 *
 * <p>Quick configuration (1 fork, 3 x 0.5 s + 5 x 0.5 s), 2026-11-21 06:07 UTC, shared 2-vCPU VM under load (load
 * average 7), "Intel(R) Xeon(R) Processor", Linux 6.18, OpenJDK 17.0.15+6-Debian; full table and caveats in
 * {@code benchmarks/README.md}:
 * <pre>
 * Benchmark                             Mode  Score (ns/op)  Error    best iteration
 * SendBench.floorOr                     avgt     12.97       ± 6.29      10.59
 * SendBench.threadDirected              avgt     27.46       ± 35.40     18.03
 * SendBench.processDirected:threads=1   avgt     34.57       ± 17.36     28.55
 * SendBench.processDirected:threads=8   avgt     36.98       ± 24.82     30.39
 * SendBench.processDirected:threads=64  avgt     22.51       ± 12.67     18.29
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class SendBench {

    private static final VarHandle LONG_VIEW = MethodHandles.byteBufferViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final long SIGUSR1_BIT = Signals.bit(Signals.SIGUSR1);

    /** A sender and a one-thread target process. */
    @State(Scope.Thread)
    public static class ThreadTarget {
        Kernel kernel;
        ModelThread sender;
        int pid;
        int tid;

        /** Builds the two processes. */
        @Setup(Level.Trial)
        public void spawn() {
            kernel = new Kernel();
            sender = kernel.spawn(0, 0).mainThread();
            final ModelProcess target = kernel.spawn(1000, 1000);
            target.sigaction(Signals.SIGUSR1, SigAction.handler(ModelPingPong.HANDLER, SignalSet.empty(), 0));
            pid = target.pid();
            tid = target.mainThread().tid();
        }
    }

    /** A sender and a target process with {@code threads} threads attached. */
    @State(Scope.Thread)
    public static class ProcessTarget {
        /** Threads attached to the target process, its main thread included. */
        @Param({"1", "8", "64"})
        public int threads;

        Kernel kernel;
        ModelThread sender;
        int pid;

        /** Builds the two processes and the target's threads. */
        @Setup(Level.Trial)
        public void spawn() {
            kernel = new Kernel();
            sender = kernel.spawn(0, 0).mainThread();
            final ModelProcess target = kernel.spawn(1000, 1000);
            target.sigaction(Signals.SIGUSR1, SigAction.handler(ModelPingPong.HANDLER, SignalSet.empty(), 0));
            for (int i = 1; i < threads; i++) {
                target.createThread(target.mainThread());
            }
            if (target.threads().size() != threads) {
                throw new IllegalStateException("target must have the requested threads: threads="
                    + target.threads().size());
            }
            pid = target.pid();
        }
    }

    /** One direct, 64-byte aligned long. */
    @State(Scope.Thread)
    public static class Word {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(128).alignedSlice(64);
    }

    /**
     * Baseline: one atomic OR of SIGUSR1's pending bit returning the previous word.
     *
     * @param word the word
     * @return the previous value
     */
    @Benchmark
    public long floorOr(final Word word) {
        return (long) LONG_VIEW.getAndBitwiseOr(word.buffer, 0, SIGUSR1_BIT);
    }

    /**
     * {@code tgkill(pid, tid, SIGUSR1)} from another process's thread.
     *
     * @param target the target
     */
    @Benchmark
    public void threadDirected(final ThreadTarget target) {
        target.kernel.tgkill(target.sender, target.pid, target.tid, Signals.SIGUSR1);
    }

    /**
     * {@code kill(pid, SIGUSR1)} from another process's thread.
     *
     * @param target the target
     */
    @Benchmark
    public void processDirected(final ProcessTarget target) {
        target.kernel.kill(target.sender, target.pid, Signals.SIGUSR1);
    }
}
