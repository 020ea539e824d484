package dev.sigpage.bench;

import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.ModelThread;
import dev.sigpage.impl.ProcessControl;
import dev.sigpage.impl.ThreadControl;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Send + claim on the page alone, the protocol's part of {@code ClaimBench}: "one atomic to raise, one to claim,
 * the rest plain". {@code ClaimBench.thread}/{@code process} go through {@code Kernel.tgkill}/{@code kill}, which
 * also validate the signal and the sender, look up the target, check permission, apply the send-time rules and
 * the ignored check, and through {@code ModelThread.claim}, which searches the words in priority order; here the
 * same page operations run with none of that: the sender info written (release), the pending bit raised (the
 * atomic OR, a compare-and-set loop), the bit cleared by the claim (a compare-and-set loop) and the info read
 * (acquire), on a thread word ({@code thread}) or the process word ({@code process}, the competitive claim).
 * {@code floorXadd} is the floor, measured beside them as in {@code SigprocmaskBench}.
 *
 * <p>Not part of the report's default run: {@code java -cp benchmarks/target/sigpage-benchmarks.jar
 * org.openjdk.jmh.Main PageClaimBench}. What the figures mean: {@code benchmarks/README.md}, section "Why the model
 * is above the floor".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 3,
        jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class PageClaimBench {

    private static final int SIGNAL = Signals.SIGUSR1;

    /** A thread region and a process page of a fresh model process. */
    @State(Scope.Thread)
    public static class Pages {
        ThreadControl thread;
        ProcessControl process;

        /** Spawns the process. */
        @Setup(Level.Trial)
        public void spawn() {
            final ModelThread main = new Kernel().spawn(1000, 1000).mainThread();
            thread = main.control();
            process = main.process().control();
        }
    }

    /** One off-heap long, 64-byte aligned, in an Agrona buffer. */
    @State(Scope.Thread)
    public static class Floor {
        final UnsafeBuffer word = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64));
        long flips;

        long nextDelta() {
            return (flips++ & 1) == 0 ? 1L << 32 : -(1L << 32);
        }
    }

    /**
     * The floor: one {@code getAndAdd} on an off-heap long.
     *
     * @param floor the word
     * @return the previous value
     */
    @Benchmark
    public long floorXadd(final Floor floor) {
        return floor.word.getAndAddLong(0, floor.nextDelta());
    }

    /**
     * Sender info, raise, clear and info read on a thread word.
     *
     * @param pages the pages
     * @return the sender info read back
     */
    @Benchmark
    public long thread(final Pages pages) {
        pages.thread.putSenderInfo(SIGNAL, 7, 1000);
        pages.thread.raisePending(SIGNAL);
        return pages.thread.clearPending(SIGNAL) ? pages.thread.senderInfo(SIGNAL) : 0L;
    }

    /**
     * Sender info, raise, competitive claim and info read on the process word.
     *
     * @param pages the pages
     * @return the sender info read back
     */
    @Benchmark
    public long process(final Pages pages) {
        pages.process.putSenderInfo(SIGNAL, 7, 1000);
        pages.process.raisePending(SIGNAL);
        return pages.process.claimPending(SIGNAL) ? pages.process.senderInfo(SIGNAL) : 0L;
    }
}
