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
 * The contention, many-claimers, self-delivery and realtime-queue benchmarks each run once, in this JVM, for one
 * tiny iteration, and produce a result under the names the report is to read (group members included). No figure
 * is checked.
 */
class PhysicalLimitBenchmarksSmokeTest {

    private static final Set<String> EXPECTED = new TreeSet<>(List.of(
            "ContendedMaskBench.lockedThread",
            "ContendedMaskBench.lockedThread:lockedThreadMask",
            "ContendedMaskBench.lockedThread:lockedThreadSend",
            "ContendedMaskBench.modelProcess",
            "ContendedMaskBench.modelProcess:modelProcessMask",
            "ContendedMaskBench.modelProcess:modelProcessSend",
            "ContendedMaskBench.modelThread",
            "ContendedMaskBench.modelThread:modelThreadMask",
            "ContendedMaskBench.modelThread:modelThreadSend",
            "ManyClaimersBench.claimers1",
            "ManyClaimersBench.claimers2",
            "ManyClaimersBench.claimers8",
            "ManyClaimersBench.claimers64",
            "RealtimeQueueBench.kernelPair",
            "RealtimeQueueBench.lockFree",
            "RealtimeQueueBench.lockFree:lockFreeOffer",
            "RealtimeQueueBench.lockFree:lockFreePoll",
            "RealtimeQueueBench.lockFreePair",
            "RealtimeQueueBench.locked",
            "RealtimeQueueBench.locked:lockedOffer",
            "RealtimeQueueBench.locked:lockedPoll",
            "RealtimeQueueBench.lockedPair",
            "SelfDeliveryBench.checkpoint",
            "SelfDeliveryBench.raiseToHandler",
            "SelfDeliveryBench.raiseWithoutFrame"));

    @Test
    // many benchmarks, each set up and run once, not a wait: 25 to 35 s on a loaded 2-core machine.
    @Timeout(120)
    void everyBenchmarkRunsOnceAndProducesAResult() throws RunnerException {
        final Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(
                                "dev\\.sigpage\\.bench\\.(ContendedMaskBench|ManyClaimersBench|SelfDeliveryBench|RealtimeQueueBench)\\.")
                        .forks(0)
                        .warmupIterations(0)
                        .measurementIterations(1)
                        .measurementTime(TimeValue.milliseconds(20))
                        .shouldFailOnError(true)
                        .verbosity(VerboseMode.SILENT)
                        .build())
                .run();

        final Set<String> names = new TreeSet<>();
        for (final RunResult run : results) {
            final String benchmark = run.getParams().getBenchmark();
            final String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            names.add(name);
            assertPositive(name, run.getPrimaryResult().getScore());
            // group members; a benchmark's own counters (ManyClaimersBench's maxRetries) may well be 0
            if (run.getParams().getThreadGroupLabels().size() > 1) {
                run.getSecondaryResults().forEach((label, result) -> {
                    names.add(name + ":" + label);
                    assertPositive(name + ":" + label, result.getScore());
                });
            }
        }
        assertEquals(EXPECTED, names);
    }

    private static void assertPositive(final String name, final double score) {
        assertTrue(score > 0 && Double.isFinite(score), name + " score=" + score);
    }
}
