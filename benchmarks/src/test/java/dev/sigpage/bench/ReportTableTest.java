package dev.sigpage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's ratios and verdicts on synthetic figures whose expected values are worked out by hand. */
class ReportTableTest {

    private static final double EPSILON = 1e-9;

    private static Measurement avgt(final String key, final double score, final double error) {
        return avgt(key, score, error, score);
    }

    private static Measurement avgt(final String key, final double score, final double error, final double best) {
        return new Measurement(key, "avgt", score, error, "ns/op", Double.NaN, Double.NaN, best);
    }

    private static Measurement sample(final String key, final double mean, final double p50, final double p99) {
        return new Measurement(key, "sample", mean, 5, "ns/op", p50, p99, Double.NaN);
    }

    /** floor 5, model 6, syscall 130, JNI no-op 10, thread send 9, process send 25, spinning p50 800. */
    private static ReportTable synthetic() {
        return new ReportTable(
                List.of(
                        avgt("SigprocmaskBench.floorXadd", 5.0, 0.05, 4.0),
                        avgt("SigprocmaskBench.model", 6.0, 0.1, 5.0),
                        avgt("SigprocmaskBench.syscall", 130.0, 2.0, 120.0),
                        avgt("SigprocmaskBench.jniNoop", 10.0, Double.NaN),
                        avgt("SendBench.threadDirected", 9.0, 0.2),
                        avgt("SendBench.processDirected:threads=64", 25.0, 1.0),
                        sample("DeliveryLatency.spinning", 900, 800, 2000),
                        sample("DeliveryLatency.parking", 40000, 30000, 90000)),
                List.of(new LinuxDelivery("Linux tgkill -> handler", 100, 1500, 2500, 2000, 3000)));
    }

    @Test
    void ratiosAreScoresOverScores() {
        final ReportTable table = synthetic();
        assertEquals(1.2, table.ratio(ReportTable.MODEL, ReportTable.FLOOR), EPSILON);
        assertEquals(130.0 / 6.0, table.ratio(ReportTable.SYSCALL, ReportTable.MODEL), EPSILON);
        // (130 - 10) / 6 = 20
        assertEquals(20.0, table.kernelPartToModel(), EPSILON);
        assertTrue(Double.isNaN(table.ratio(ReportTable.MODEL_REALTIME, ReportTable.FLOOR)));
        // best iterations: model 5 / floor 4, syscall 120 / model 5
        assertEquals(1.25, table.bestRatio(ReportTable.MODEL, ReportTable.FLOOR), EPSILON);
        assertEquals(24.0, table.bestRatio(ReportTable.SYSCALL, ReportTable.MODEL), EPSILON);
        // thread send 9 / 4 (its best equals its mean here)
        assertEquals(2.25, table.bestRatio(ReportTable.THREAD_SEND, ReportTable.FLOOR), EPSILON);
    }

    @Test
    void targetsAreEvaluatedAgainstTheirBounds() {
        final List<Target> targets = synthetic().targets();
        assertEquals(5, targets.size());
        // model 6 / floor 5 = 1.2 <= 1.3
        assertEquals(1.2, targets.get(0).value(), EPSILON);
        assertEquals(Target.Status.MET, targets.get(0).status());
        // 1.2 * sqrt((0.1/6)^2 + (0.05/5)^2) = 1.2 * sqrt(0.000277778 + 0.0001) = 1.2 * 0.0194365 = 0.0233238
        assertEquals(0.0233238, targets.get(0).error(), 1e-6);
        assertTrue(targets.get(0).conclusive());
        // syscall 130 / model 6 = 21.67 >= 20
        assertEquals(21.666666666666668, targets.get(1).value(), EPSILON);
        assertEquals(Target.Status.MET, targets.get(1).status());
        // 21.6667 * sqrt((2/130)^2 + (0.1/6)^2) = 21.6667 * sqrt(0.000236686 + 0.000277778) = 0.491439
        assertEquals(0.491439, targets.get(1).error(), 1e-6);
        // thread send 9 / 5 = 1.8 <= 2
        assertEquals(1.8, targets.get(2).value(), EPSILON);
        assertEquals(Target.Status.MET, targets.get(2).status());
        // process send 25 / 5 = 5 > 4
        assertEquals(5.0, targets.get(3).value(), EPSILON);
        assertEquals(Target.Status.MISSED, targets.get(3).status());
        // spinning p50 800 <= 1000
        assertEquals(800.0, targets.get(4).value(), EPSILON);
        assertEquals(Target.Status.MET, targets.get(4).status());
        assertTrue(Double.isNaN(targets.get(4).error()));
        assertEquals("MET", targets.get(4).verdict());
    }

    @Test
    void boundsAreInclusiveAndMissingFiguresAreNotMeasured() {
        final ReportTable table = new ReportTable(
                List.of(
                        avgt("SigprocmaskBench.floorXadd", 10.0, 0.1),
                        avgt("SigprocmaskBench.model", 13.0, 0.1),
                        avgt("SigprocmaskBench.syscall", 259.0, 0.1)),
                List.of());
        final List<Target> targets = table.targets();
        // 13 / 10 = 1.3 exactly: at the bound is met, but the bound lies inside 1.3 ± 0.0164
        assertEquals(Target.Status.MET, targets.get(0).status());
        assertEquals(false, targets.get(0).conclusive());
        assertEquals(
                "MET (inconclusive: bound within the error)", targets.get(0).verdict());
        // 259 / 13 = 19.92 < 20
        assertEquals(Target.Status.MISSED, targets.get(1).status());
        // 259/13 = 19.923; error 19.923 * sqrt((0.1/259)^2 + (0.1/13)^2) = 0.153; 20 - 19.923 = 0.077 < 0.153
        assertEquals("19.92x ± 0.15x", targets.get(1).measured());
        assertEquals(
                "MISSED (inconclusive: bound within the error)", targets.get(1).verdict());
        assertEquals(Target.Status.NOT_MEASURED, targets.get(2).status());
        assertEquals(Target.Status.NOT_MEASURED, targets.get(3).status());
        assertEquals(Target.Status.NOT_MEASURED, targets.get(4).status());
        assertEquals("n/a", targets.get(4).measured());
    }

    @Test
    void markdownShowsRowsRatiosPercentilesAndVerdicts() {
        final String markdown = synthetic().markdown();
        assertTrue(markdown.contains("| SigprocmaskBench.model | 6.00 | ± 0.10 | 1.20x | 5.00 | 1.25x |"), markdown);
        assertTrue(markdown.contains("| SigprocmaskBench.jniNoop | 10.00 | n/a | 2.00x | 10.00 | 2.50x |"), markdown);
        assertTrue(
                markdown.contains("| SendBench.processDirected:threads=64 | 25.00 | ± 1.00 | 5.00x | 25.00 | 6.25x |"),
                markdown);
        assertTrue(markdown.contains("syscall / model = 21.67x (best iterations: 24.00x)"), markdown);
        assertTrue(markdown.contains("(syscall - jniNoop) / model = 20.00x"), markdown);
        assertTrue(markdown.contains("| DeliveryLatency.spinning | 800.00 | 2000.00 | 900.00 |"), markdown);
        assertTrue(
                markdown.contains("| Linux tgkill -> handler | 2000.00 | 3000.00 | n/a | native probe, round trip"),
                markdown);
        assertTrue(
                markdown.contains("| Linux tgkill -> handler | 1500.00 | 2500.00 | n/a | native probe, one way"),
                markdown);
        // 5 * sqrt((1/25)^2 + (0.05/5)^2) = 5 * 0.0412311 = 0.206
        assertTrue(
                markdown.contains(
                        "| processDirected send, 64 threads / floorXadd | 5.00x ± 0.21x | 6.25x | <= 4x | MISSED |"),
                markdown);
        assertTrue(markdown.contains("| spinning delivery p50 | 800.00 ns | n/a | <= 1000 ns | MET |"), markdown);
    }

    @Test
    void summaryJsonCarriesEveryVerdict() {
        final String json = Report.summaryJson(synthetic());
        assertTrue(
                json.contains("{\"name\": \"model / floorXadd\", \"value\": 1.200, \"error\": 0.023, "
                        + "\"best\": 1.250, \"bound\": \"<= 1.3x\", \"status\": \"MET\", \"conclusive\": true}"),
                json);
        assertTrue(json.contains("\"status\": \"MISSED\""), json);
        assertTrue(json.contains("\"oneWayP50\": 1500.000"), json);
    }

    @Test
    void rowsFollowTheBaselineOrderWithUnknownKeysLast() {
        final ReportTable table = new ReportTable(
                List.of(
                        avgt("Other.thing", 1, 0),
                        avgt("SigprocmaskBench.syscall", 130, 1),
                        avgt("SigprocmaskBench.model", 6, 0.1),
                        avgt("SigprocmaskBench.floorXadd", 5, 0.1)),
                List.of());
        assertEquals(
                List.of(
                        "SigprocmaskBench.floorXadd",
                        "SigprocmaskBench.model",
                        "SigprocmaskBench.syscall",
                        "Other.thing"),
                table.costs().stream().map(Measurement::key).toList());
    }

    @Test
    void keysNameClassMethodAndSortedParameters() {
        assertEquals(
                "SendBench.processDirected:threads=64",
                Measurement.key("dev.sigpage.bench.SendBench.processDirected", Map.of("threads", "64")));
        assertEquals("SigprocmaskBench.model", Measurement.key("dev.sigpage.bench.SigprocmaskBench.model", Map.of()));
        assertEquals("X.m:a=1:b=2", Measurement.key("p.X.m", Map.of("b", "2", "a", "1")));
    }

    @Test
    void percentilesAreNearestRank() {
        final long[] samples = {50, 10, 40, 20, 30};
        assertEquals(30.0, Percentiles.of(samples, 50), EPSILON);
        assertEquals(50.0, Percentiles.of(samples, 99), EPSILON);
        assertEquals(10.0, Percentiles.of(samples, 20), EPSILON);
        assertEquals(20.0, Percentiles.of(samples, 21), EPSILON);
        // the input is left as it was
        assertEquals(50, samples[0]);
    }

    @Test
    void optionsDefaultToQuickAndParseFlags() {
        final ReportOptions quick = ReportOptions.parse(List.of());
        assertEquals(false, quick.full());
        assertEquals(2000, quick.linuxSamples());
        assertEquals(ReportOptions.ALL, quick.include());
        final ReportOptions full = ReportOptions.parse(List.of("--full", "--out", "x", "--include", "Send"));
        assertEquals(true, full.full());
        assertEquals("x", full.out().toString());
        assertEquals("Send", full.include());
        assertEquals(10_000, full.linuxSamples());
        assertEquals(null, full.publish());
        final ReportOptions publish = ReportOptions.parse(List.of("--publish", "docs/PERFORMANCE.md"));
        assertEquals("docs/PERFORMANCE.md", publish.publish().toString());
        assertEquals(true, ReportOptions.parse(List.of("--version")).version());
        assertEquals(true, ReportOptions.parse(List.of("-h")).help());
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheArgument() {
        final IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ReportOptions.parse(List.of("--fast")));
        assertEquals("unknown argument: argument=--fast", unknown.getMessage());
        final IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ReportOptions.parse(List.of("--publish")));
        assertEquals("flag needs a value: flag=--publish", missing.getMessage());
    }

    @Test
    void thePublishedFileSaysHowItWasGeneratedAndCarriesNoDate() {
        final String text = Report.published(synthetic(), "full configuration", "--full --publish docs/PERFORMANCE.md");
        assertTrue(
                text.contains("Generated by the benchmark report (`java -jar "
                        + "benchmarks/target/sigpage-benchmarks.jar --full --publish docs/PERFORMANCE.md`"),
                text);
        assertTrue(text.contains("| processDirected send, 64 threads / floorXadd | 5.00x"), text);
        assertTrue(text.contains("![cost per operation, delivery latency and targets](performance.png)"), text);
        assertTrue(!text.matches("(?s).*\\b20[0-9]{2}-[01][0-9]-[0-3][0-9]\\b.*"), text);
    }
}
