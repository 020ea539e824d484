package dev.sigpage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Every benchmark of the report runs once, in this JVM, for one tiny measurement iteration, and produces a result
 * under the name the report reads ({@code @Group} benchmarks one per member method). Benchmarks are not tests: no
 * figure is checked, only that each one ran.
 */
class BenchmarkSmokeTest {

    /** The names the targets and the report rely on, written out by hand. */
    private static final Set<String> EXPECTED = new TreeSet<>(List.of(
            "SigprocmaskBench.baseline",
            "SigprocmaskBench.floorXadd",
            "SigprocmaskBench.model",
            "SigprocmaskBench.modelRealtime",
            "SigprocmaskBench.lockedMask",
            "SigprocmaskBench.jniNoop",
            "SigprocmaskBench.syscall",
            "SendBench.floorOr",
            "SendBench.threadDirected",
            "SendBench.processDirected:threads=1",
            "SendBench.processDirected:threads=8",
            "SendBench.processDirected:threads=64",
            "ClaimBench.thread",
            "ClaimBench.sendThread",
            "ClaimBench.process",
            "ClaimBench.sendProcess",
            "DeliveryLatency.parking",
            "DeliveryLatency.spinning",
            "DeliveryLatency.pingPong",
            "ContendedMaskBench.lockedThread:lockedThreadMask",
            "ContendedMaskBench.lockedThread:lockedThreadSend",
            "ContendedMaskBench.modelProcess:modelProcessMask",
            "ContendedMaskBench.modelProcess:modelProcessSend",
            "ContendedMaskBench.modelThread:modelThreadMask",
            "ContendedMaskBench.modelThread:modelThreadSend",
            "ManyClaimersBench.claimers1",
            "ManyClaimersBench.claimers2",
            "ManyClaimersBench.claimers8",
            "ManyClaimersBench.claimers64",
            "SelfDeliveryBench.checkpoint",
            "SelfDeliveryBench.raiseToHandler",
            "SelfDeliveryBench.raiseWithoutFrame",
            "RealtimeQueueBench.lockFreePair",
            "RealtimeQueueBench.lockFree:lockFreeOffer",
            "RealtimeQueueBench.lockFree:lockFreePoll",
            "RealtimeQueueBench.lockedPair",
            "RealtimeQueueBench.kernelPair:kind=LOCKED",
            "RealtimeQueueBench.kernelPair:kind=LOCK_FREE",
            "RealtimeQueueBench.locked:lockedOffer",
            "RealtimeQueueBench.locked:lockedPoll"));

    @Test
    // many benchmarks, each set up and run once, not a wait: 25 to 35 s on a loaded 2-core machine.
    @Timeout(120)
    void everyBenchmarkRunsOnceAndProducesAResult() throws RunnerException {
        final Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(ReportOptions.ALL)
                        .forks(0)
                        .warmupIterations(0)
                        .measurementIterations(1)
                        .measurementTime(TimeValue.milliseconds(20))
                        .shouldFailOnError(true)
                        .verbosity(VerboseMode.SILENT)
                        .build())
                .run();

        final List<Measurement> measurements = Report.measurements(results);
        final Set<String> keys = new TreeSet<>();
        for (final Measurement measurement : measurements) {
            keys.add(measurement.key());
            assertTrue(
                    measurement.score() > 0 && Double.isFinite(measurement.score()),
                    measurement.key() + " score=" + measurement.score());
            assertEquals("ns/op", measurement.unit(), measurement.key());
            if (measurement.key().startsWith("DeliveryLatency.")) {
                assertEquals("sample", measurement.mode(), measurement.key());
                assertTrue(measurement.p99() >= measurement.p50(), measurement.key());
            } else {
                assertEquals("avgt", measurement.mode(), measurement.key());
            }
            // the retries counters are read from ManyClaimersBench alone, and from each of its runs
            assertEquals(
                    measurement.key().startsWith("ManyClaimersBench."),
                    measurement.maxRetries() >= 0 && measurement.starvedClaimers() >= 0,
                    measurement.key() + " maxRetries=" + measurement.maxRetries() + " starvedClaimers="
                            + measurement.starvedClaimers());
        }
        assertEquals(EXPECTED, keys);
        assertEquals(EXPECTED.size(), measurements.size());
    }
}
