package dev.sigpage.bench;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;
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
 * The scheme server's queue hand-off with JCTools' queues against Agrona's, in one run: the question was whether
 * JCTools earns its place in the delivery engine, where Agrona (already a dependency) has the same two bounded
 * array queues.
 *
 * <p>{@code offerPoll}: one thread offers a request to the multi-producer single-consumer inbox and polls it
 * back, then offers and polls on the single-producer single-consumer response queue: the cost of the four queue
 * calls one scheme call makes. A two-thread hand-off is not measured: the server parks when idle and every
 * message is followed by an unpark, so a real hand-off costs a park and an unpark (microseconds) on top of these
 * calls (nanoseconds), and on a shared two-core machine a spinning two-thread version measures descheduling.
 *
 * <p>{@code impl} selects the pair: {@code jctools} ({@code MpscArrayQueue}, {@code SpscArrayQueue}) or
 * {@code agrona} ({@code ManyToOneConcurrentArrayQueue}, {@code OneToOneConcurrentArrayQueue}); {@code plain}
 * (two {@code ArrayDeque}s, no ordering at all) is the baseline. All are used
 * through {@link Queue}, and each fork loads one pair only, so the calls stay monomorphic. Run with
 * {@code java -cp benchmarks/target/sigpage-benchmarks.jar org.openjdk.jmh.Main QueueHandOffBench}. The figures
 * and the decision are in {@code protocol-impl/README.md}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 3,
        jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class QueueHandOffBench {

    private static final Object REQUEST = new Object();

    /** The two queues of one scheme server and one channel. */
    @State(Scope.Thread)
    public static class Queues {
        @Param({"plain", "jctools", "agrona"})
        String impl;

        Queue<Object> inbox;
        Queue<Object> responses;

        /** Creates the pair named by {@code impl}, with the engine's capacities' order of magnitude. */
        @Setup(Level.Trial)
        public void create() {
            switch (impl) {
                case "jctools":
                    inbox = new MpscArrayQueue<>(1024);
                    responses = new SpscArrayQueue<>(2);
                    break;
                case "agrona":
                    inbox = new ManyToOneConcurrentArrayQueue<>(1024);
                    responses = new OneToOneConcurrentArrayQueue<>(2);
                    break;
                case "plain":
                    inbox = new ArrayDeque<>(1024);
                    responses = new ArrayDeque<>(2);
                    break;
                default:
                    throw new IllegalArgumentException("impl must be plain, jctools or agrona: impl=" + impl);
            }
        }
    }

    /**
     * The four calls of one scheme call on one thread.
     *
     * @param q the queues
     * @return the answer, for JMH to sink
     */
    @Benchmark
    public Object offerPoll(final Queues q) {
        q.inbox.offer(REQUEST);
        final Object request = q.inbox.poll();
        q.responses.offer(request);
        return q.responses.poll();
    }
}
