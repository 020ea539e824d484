package dev.sigpage.bench;

import java.util.concurrent.TimeUnit;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.ModelThread;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one mask change costs: the protocol's user-space sigprocmask against its floor (one {@code lock xadd} on
 * an off-heap word), against the same change under a kernel-style spin lock, and against the real system call.
 *
 * <p>Every mask benchmark toggles SIGUSR1 (block, then unblock), so each call changes exactly one allow or
 * blocked bit; {@code modelRealtime} toggles SIGUSR1 and SIGRTMIN together, one bit in each word.
 * {@code baseline} is the JMH harness alone and {@code jniNoop} the JNI transition alone, so {@code syscall}
 * minus {@code jniNoop} is the kernel's part.
 *
 * <p>Run: {@code java -jar benchmarks/target/sigpage-benchmarks.jar} (the report, all benchmarks) or
 * {@code java -cp benchmarks/target/sigpage-benchmarks.jar org.openjdk.jmh.Main SigprocmaskBench}. The
 * published table is in {@code benchmarks/README.md}, with the JDK and CPU it was measured on.
 *
 * <p>Quick configuration (1 fork, 3 x 0.5 s + 5 x 0.5 s), 2026-11-21 06:07 UTC, shared 2-vCPU VM under load (load
 * average 7), "Intel(R) Xeon(R) Processor", Linux 6.18, OpenJDK 17.0.15+6-Debian; full table and caveats in
 * {@code benchmarks/README.md}:
 * <pre>
 * Benchmark                        Mode  Score (ns/op)  Error    best iteration
 * SigprocmaskBench.baseline        avgt      0.74       ± 0.30       0.67
 * SigprocmaskBench.floorXadd       avgt     11.91       ± 10.32      9.74
 * SigprocmaskBench.model           avgt     11.79       ± 5.76      10.21
 * SigprocmaskBench.modelRealtime   avgt     20.12       ± 9.14      16.23
 * SigprocmaskBench.lockedMask      avgt     15.48       ± 15.53     10.86
 * SigprocmaskBench.jniNoop         avgt     12.05       ± 9.40       9.19
 * SigprocmaskBench.syscall         avgt    195.49       ± 45.98    177.85
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class SigprocmaskBench {

    private static final long SIGUSR1 = Signals.bit(LinuxSignals.SIGUSR1);
    private static final long SIGUSR1_AND_SIGRTMIN = SIGUSR1 | Signals.bit(Signals.SIGRTMIN);

    /** A model thread (main thread of a fresh process) whose mask the benchmark thread changes. */
    @State(Scope.Thread)
    public static class Model {
        ModelThread thread;
        long flips;

        /** Spawns the process. */
        @Setup(Level.Trial)
        public void spawn() {
            thread = new Kernel().spawn(1000, 1000).mainThread();
        }

        MaskHow nextHow() {
            return (flips++ & 1) == 0 ? MaskHow.BLOCK : MaskHow.UNBLOCK;
        }
    }

    /** State of the baselines that need nothing but a toggle. */
    @State(Scope.Thread)
    public static class Toggle {
        long flips;

        int nextHow() {
            return (flips++ & 1) == 0 ? LinuxSignals.SIG_BLOCK : LinuxSignals.SIG_UNBLOCK;
        }
    }

    /** One off-heap long, 64-byte aligned, in an Agrona buffer: the word a mask change adds to. */
    @State(Scope.Thread)
    public static class Floor {
        final UnsafeBuffer word = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
        long flips;

        long nextDelta() {
            // the same +bit/-bit an allow toggle adds to the high half
            return (flips++ & 1) == 0 ? SIGUSR1 << 32 : -(SIGUSR1 << 32);
        }
    }

    /** A kernel-style mask under a spin lock. */
    @State(Scope.Thread)
    public static class Locked {
        final SpinLockedMask mask = new SpinLockedMask();
        long flips;

        int nextHow() {
            return (flips++ & 1) == 0 ? LinuxSignals.SIG_BLOCK : LinuxSignals.SIG_UNBLOCK;
        }
    }

    /** The benchmark thread's real signal mask, restored after the trial. */
    @State(Scope.Thread)
    public static class RealMask {
        long initialMask;
        long flips;

        /** Records the thread's mask; also loads (and if needed builds) the JNI library. */
        @Setup(Level.Trial)
        public void recordMask() {
            initialMask = LinuxSignals.rtSigprocmask(LinuxSignals.SIG_BLOCK, 0L);
        }

        /** Puts the thread's mask back as it was. */
        @TearDown(Level.Trial)
        public void restoreMask() {
            LinuxSignals.rtSigprocmask(LinuxSignals.SIG_SETMASK, initialMask);
        }

        int nextHow() {
            return (flips++ & 1) == 0 ? LinuxSignals.SIG_BLOCK : LinuxSignals.SIG_UNBLOCK;
        }
    }

    /**
     * The harness alone: a toggle and a returned value.
     *
     * @param toggle the toggle
     * @return the next how
     */
    @Benchmark
    public int baseline(final Toggle toggle) {
        return toggle.nextHow();
    }

    /**
     * The library's sigprocmask toggling SIGUSR1 (one allow bit in word 0): one {@code getAndAdd}.
     *
     * @param model the model thread
     * @return the previous mask bits
     */
    @Benchmark
    public long model(final Model model) {
        return model.thread.sigprocmask(model.nextHow(), SIGUSR1);
    }

    /**
     * The library's sigprocmask toggling SIGUSR1 and SIGRTMIN: one allow bit in each word, two {@code getAndAdd}.
     *
     * @param model the model thread
     * @return the previous mask bits
     */
    @Benchmark
    public long modelRealtime(final Model model) {
        return model.thread.sigprocmask(model.nextHow(), SIGUSR1_AND_SIGRTMIN);
    }

    /**
     * The floor: one {@code getAndAdd} on an off-heap long ({@code lock xadd} on x86-64).
     *
     * @param floor the word
     * @return the previous value
     */
    @Benchmark
    public long floorXadd(final Floor floor) {
        return floor.word.getAndAddLong(0, floor.nextDelta());
    }

    /**
     * The same toggle of one signal, on a mask guarded by a spin lock.
     *
     * @param locked the locked mask
     * @return the previous blocked set
     */
    @Benchmark
    public long lockedMask(final Locked locked) {
        return locked.mask.sigprocmask(locked.nextHow(), SIGUSR1);
    }

    /**
     * The JNI transition alone, with the signature of {@link #syscall}.
     *
     * @param kernel the toggle
     * @return a value derived from the arguments
     */
    @Benchmark
    public long jniNoop(final RealMask kernel) {
        return LinuxSignals.noop(kernel.nextHow(), SIGUSR1);
    }

    /**
     * The real {@code rt_sigprocmask} system call toggling SIGUSR1 on the benchmark thread.
     *
     * @param kernel the toggle and the mask to restore
     * @return the previous blocked set, from the kernel
     */
    @Benchmark
    public long syscall(final RealMask kernel) {
        return LinuxSignals.rtSigprocmask(kernel.nextHow(), SIGUSR1);
    }
}
