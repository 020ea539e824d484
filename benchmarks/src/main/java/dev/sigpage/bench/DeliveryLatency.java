package dev.sigpage.bench;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.BusySpinIdleStrategy;
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
 * From a send until the waiting thread observes the deliverable signal, as a distribution (sample time; the
 * report reads p50 and p99). A dedicated ping-pong design rather than {@code @Group}: a group's threads each
 * time their own calls, so neither would time the hand-over; here the benchmark thread sends SIGUSR1 with tgkill
 * to a model thread served by its own Java thread, which waits in {@code awaitDeliverable}, claims the signal and
 * acknowledges through a volatile counter that the benchmark thread spins on. Each sample is therefore a round
 * trip: send, wake-up, observation, claim, acknowledgement. {@code pingPong} is the same hand-over without the
 * protocol (two volatile counters), the baseline that shows what the acknowledgement alone costs.
 *
 * <p>{@code parking} waits with {@code awaitDeliverable(null, ...)} (the thread registers as a sleeper and
 * parks; the sender unparks it); {@code spinning} with {@code awaitDeliverable(new BusySpinIdleStrategy(), ...)}.
 * The report prints Linux's figure beside these: tgkill to a thread blocked in sigsuspend until its handler
 * runs, from the native probe ({@link LinuxDelivery}), one way and round trip.
 *
 * <p>Quick configuration (1 fork, 3 x 0.5 s + 5 x 0.5 s), 2026-11-21 06:07 UTC, shared 2-vCPU VM under load (load
 * average 7), "Intel(R) Xeon(R) Processor", Linux 6.18, OpenJDK 17.0.15+6-Debian; full table and caveats in
 * {@code benchmarks/README.md}:
 * <pre>
 * Benchmark                  Mode    p50 (ns)  p99 (ns)
 * DeliveryLatency.pingPong   sample    203       233
 * DeliveryLatency.spinning   sample    474      1764
 * DeliveryLatency.parking    sample   2676      5030
 * Linux tgkill to handler   probe     4570 round trip (p99 10680), 3275 one way (p99 7661)
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class DeliveryLatency {

    /** A model thread waiting by parking. */
    @State(Scope.Benchmark)
    public static class Parking {
        RoundTrip pair;

        /** Starts the waiting thread. */
        @Setup(Level.Trial)
        public void start() {
            pair = new ModelPingPong(null);
        }

        /**
         * Stops it.
         *
         * @throws InterruptedException when interrupted while joining
         */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            pair.stop();
        }
    }

    /** A model thread waiting by busy-spinning on its thread word. */
    @State(Scope.Benchmark)
    public static class Spinning {
        RoundTrip pair;

        /** Starts the waiting thread. */
        @Setup(Level.Trial)
        public void start() {
            pair = new ModelPingPong(new BusySpinIdleStrategy());
        }

        /**
         * Stops it.
         *
         * @throws InterruptedException when interrupted while joining
         */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            pair.stop();
        }
    }

    /** Two threads and two volatile counters, no protocol. */
    @State(Scope.Benchmark)
    public static class Plain {
        RoundTrip pair;

        /** Starts the waiting thread. */
        @Setup(Level.Trial)
        public void start() {
            pair = new PlainPingPong();
        }

        /**
         * Stops it.
         *
         * @throws InterruptedException when interrupted while joining
         */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            pair.stop();
        }
    }

    /**
     * Send, then wait for the parked model thread to observe, claim and acknowledge.
     *
     * @param state the pair
     * @return the request's sequence number
     */
    @Benchmark
    public long parking(final Parking state) {
        return state.pair.roundTrip();
    }

    /**
     * Send, then wait for the spinning model thread to observe, claim and acknowledge.
     *
     * @param state the pair
     * @return the request's sequence number
     */
    @Benchmark
    public long spinning(final Spinning state) {
        return state.pair.roundTrip();
    }

    /**
     * The baseline: the same hand-over through two volatile counters.
     *
     * @param state the pair
     * @return the request's sequence number
     */
    @Benchmark
    public long pingPong(final Plain state) {
        return state.pair.roundTrip();
    }
}
