package dev.sigpage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report's ratios and verdicts on synthetic figures whose expected values are worked out by hand: met, missed,
 * inconclusive (the bound within the error) and not measured (a benchmark or the native anchors missing).
 */
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

    private static Measurement claimers(
            final int n, final double score, final double maxRetries, final double starved) {
        return new Measurement(
                "ManyClaimersBench.claimers" + n,
                "avgt",
                score,
                1.0,
                "ns/op",
                Double.NaN,
                Double.NaN,
                score,
                Double.NaN,
                maxRetries,
                starved);
    }

    private static Measurement allocating(final String key, final double score, final double bytes) {
        return new Measurement(
                key, "avgt", score, 0.1, "ns/op", Double.NaN, Double.NaN, score, bytes, Double.NaN, Double.NaN);
    }

    /** Native anchors: xadd 5 ns, rt_sigprocmask 100 ns (20x), tgkill to handler and back 1000 ns. */
    private static final NativeFloorFigures ANCHORS = new NativeFloorFigures(5.0, 100.0, 1000.0, 1000, 5);

    /**
     * floor 5, model 5.4, locked 6, syscall 130, JNI no-op 10; under a sender: locked mask 100, model thread-directed
     * 40, process-directed 60; claimers 2 and 8 with 1 and 12 retries, none and one starved, 64 not run; send + claim 12 and 13; raise to
     * handler 80; spinning p50 800.
     */
    private static List<Measurement> figures() {
        return List.of(
                avgt("SigprocmaskBench.floorXadd", 5.0, 0.05, 4.0),
                avgt("SigprocmaskBench.model", 5.4, 0.05, 4.2),
                avgt("SigprocmaskBench.lockedMask", 6.0, 0.1),
                avgt("SigprocmaskBench.syscall", 130.0, 2.0, 120.0),
                avgt("SigprocmaskBench.jniNoop", 10.0, Double.NaN),
                avgt("SendBench.threadDirected", 9.0, 0.2),
                avgt("SendBench.processDirected:threads=64", 25.0, 1.0),
                avgt("ContendedMaskBench.lockedThread:lockedThreadMask", 100.0, 5.0),
                avgt("ContendedMaskBench.modelThread:modelThreadMask", 40.0, 2.0),
                avgt("ContendedMaskBench.modelProcess:modelProcessMask", 60.0, 3.0),
                claimers(1, 20, 0, 0),
                claimers(2, 50, 1, 0),
                claimers(8, 200, 12, 1),
                avgt("ClaimBench.thread", 12.0, 0.2),
                avgt("ClaimBench.process", 13.0, 0.2),
                avgt("SelfDeliveryBench.raiseToHandler", 80.0, 2.0),
                avgt("RealtimeQueueBench.lockedPair", 20.0, 1.0),
                avgt("RealtimeQueueBench.lockFreePair", 30.0, 1.0),
                avgt("RealtimeQueueBench.locked:lockedOffer", 40.0, 2.0),
                avgt("RealtimeQueueBench.lockFree:lockFreeOffer", 20.0, 2.0),
                sample("DeliveryLatency.spinning", 900, 800, 2000),
                sample("DeliveryLatency.parking", 40000, 30000, 90000));
    }

    private static ReportTable synthetic() {
        return new ReportTable(
                figures(), List.of(new LinuxDelivery("Linux tgkill -> handler", 100, 1500, 2500, 2000, 3000)), ANCHORS);
    }

    private static Target target(final ReportTable table, final String name) {
        return table.targets().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no target " + name));
    }

    @Test
    void ratiosAreScoresOverScores() {
        final ReportTable table = synthetic();
        assertEquals(1.08, table.ratio(ReportTable.MODEL, ReportTable.FLOOR), EPSILON);
        assertEquals(130.0 / 5.4, table.ratio(ReportTable.SYSCALL, ReportTable.MODEL), EPSILON);
        // (130 - 10) / 5.4
        assertEquals(120.0 / 5.4, table.kernelPartToModel(), EPSILON);
        assertTrue(Double.isNaN(table.ratio(ReportTable.MODEL_REALTIME, ReportTable.FLOOR)));
        // best iterations: model 4.2 / floor 4
        assertEquals(1.05, table.bestRatio(ReportTable.MODEL, ReportTable.FLOOR), EPSILON);
        // model 5.4 / native xadd 5
        assertEquals(1.08, table.toNativeXadd(ReportTable.MODEL), EPSILON);
        assertTrue(Double.isNaN(new ReportTable(figures(), List.of()).toNativeXadd(ReportTable.MODEL)));
    }

    @Test
    void everyTargetOfTheIssueIsEvaluatedAgainstItsBound() {
        final ReportTable table = synthetic();
        assertEquals(13, table.targets().size());

        // model 5.4 / floor 5 = 1.08 <= 1.1; error 1.08 * sqrt((0.05/5.4)^2 + (0.05/5)^2) = 0.014718
        final Target floor = target(table, "model / floorXadd");
        assertEquals(1.08, floor.value(), EPSILON);
        assertEquals(0.014718, floor.error(), 1e-6);
        assertEquals("<= 1.1x", floor.bound());
        assertEquals("MET", floor.verdict());
        // model 5.4 / locked 6 = 0.9 <= 1
        assertEquals(0.9, target(table, "model / lockedMask").value(), EPSILON);
        assertEquals(Target.Status.MET, target(table, "model / lockedMask").status());

        // (130 / 5.4) / (100 / 5) = 24.0741 / 20 = 1.2037 >= 0.9
        final Target syscall = target(table, "(syscall / model) / (native rt_sigprocmask / native xadd)");
        assertEquals(1.2037037037, syscall.value(), 1e-9);
        assertEquals(">= 0.9x", syscall.bound());
        assertEquals(Target.Status.MET, syscall.status());

        // under a sender: 40 / 100 = 0.4 <= 0.5; 60 / 100 = 0.6 > 0.5
        final Target thread = target(table, "mask change under a tgkill sender: model / locked");
        assertEquals(0.4, thread.value(), EPSILON);
        assertEquals(Target.Status.MET, thread.status());
        final Target process = target(table, "mask change under a kill sender: model / locked");
        assertEquals(0.6, process.value(), EPSILON);
        assertEquals("MISSED", process.verdict());

        // claimers that never won: 0 <= 0, 1 > 0, 64 not run
        assertEquals(
                Target.Status.MET,
                target(table, "claimers that never won in an iteration, 2 claimers")
                        .status());
        assertEquals(
                "<= 0 claimers",
                target(table, "claimers that never won in an iteration, 2 claimers")
                        .bound());
        assertEquals(
                1.0,
                target(table, "claimers that never won in an iteration, 8 claimers")
                        .value(),
                EPSILON);
        assertEquals(
                Target.Status.MISSED,
                target(table, "claimers that never won in an iteration, 8 claimers")
                        .status());
        assertEquals(
                Target.Status.NOT_MEASURED,
                target(table, "claimers that never won in an iteration, 64 claimers")
                        .status());

        // send + claim: 12 / 5 = 2.4 <= 2.5; 13 / 5 = 2.6 > 2.5
        assertEquals(
                2.4, target(table, "send + claim, thread-directed / floorXadd").value(), EPSILON);
        assertEquals(
                Target.Status.MET,
                target(table, "send + claim, thread-directed / floorXadd").status());
        assertEquals(
                2.6, target(table, "send + claim, process-directed / floorXadd").value(), EPSILON);
        assertEquals(
                Target.Status.MISSED,
                target(table, "send + claim, process-directed / floorXadd").status());

        // no hot path was profiled here
        assertEquals(
                Target.Status.NOT_MEASURED,
                target(table, "hot paths, largest gc.alloc.rate.norm").status());

        // raise to handler 80 / native 1000 = 0.08 <= 0.1; error 2 / 1000
        final Target self = target(table, "raiseToHandler / native tgkill -> handler -> sigreturn");
        assertEquals(0.08, self.value(), EPSILON);
        assertEquals(0.002, self.error(), EPSILON);
        assertEquals("MET", self.verdict());

        // spinning p50 800 <= 1000, no error: the verdict carries no note
        final Target spinning = target(table, "spinning delivery p50");
        assertEquals(800.0, spinning.value(), EPSILON);
        assertEquals("MET", spinning.verdict());

        assertEquals(
                "8 of 13 targets MET, 3 MISSED, 2 NOT_MEASURED; 0 inconclusive (bound within the error)",
                table.summary());
    }

    @Test
    void aBoundWithinTheErrorIsInconclusiveWhicheverSideTheMeanFalls() {
        final ReportTable atBound = new ReportTable(
                List.of(
                        avgt("SigprocmaskBench.floorXadd", 10.0, 0.1),
                        avgt("SigprocmaskBench.model", 11.0, 0.1),
                        avgt("SigprocmaskBench.lockedMask", 10.9, 0.5)),
                List.of(),
                ANCHORS);
        // 11 / 10 = 1.1 exactly: at the bound is met, but the bound lies inside 1.1 ± 0.0149
        final Target floor = target(atBound, "model / floorXadd");
        assertEquals(Target.Status.MET, floor.status());
        assertEquals(false, floor.conclusive());
        assertEquals("MET (inconclusive: bound within the error)", floor.verdict());
        // 11 / 10.9 = 1.00917 > 1, error 1.00917 * sqrt((0.1/11)^2 + (0.5/10.9)^2) = 0.0472 > 0.00917
        final Target locked = target(atBound, "model / lockedMask");
        assertEquals(Target.Status.MISSED, locked.status());
        assertEquals("1.01x ± 0.05x", locked.measured());
        assertEquals("MISSED (inconclusive: bound within the error)", locked.verdict());
        assertTrue(atBound.summary().endsWith("2 inconclusive (bound within the error)"), atBound.summary());
    }

    @Test
    void aMissingBenchmarkOrAnchorIsNotMeasured() {
        final ReportTable withoutAnchors = new ReportTable(figures(), List.of());
        assertEquals(
                Target.Status.NOT_MEASURED,
                target(withoutAnchors, "(syscall / model) / (native rt_sigprocmask / native xadd)")
                        .status());
        assertEquals(
                Target.Status.NOT_MEASURED,
                target(withoutAnchors, "raiseToHandler / native tgkill -> handler -> sigreturn")
                        .status());
        assertEquals(
                "n/a",
                target(withoutAnchors, "raiseToHandler / native tgkill -> handler -> sigreturn")
                        .measured());
        // the model against the Java floor does not need the anchors
        assertEquals(
                Target.Status.MET, target(withoutAnchors, "model / floorXadd").status());

        final ReportTable empty = new ReportTable(List.of(), List.of(), ANCHORS);
        for (final Target t : empty.targets()) {
            assertEquals(Target.Status.NOT_MEASURED, t.status(), t.name());
        }
        assertEquals(
                "0 of 13 targets MET, 0 MISSED, 13 NOT_MEASURED; 0 inconclusive (bound within the error)",
                empty.summary());
    }

    @Test
    void theHotPathsAllocateNothingOnlyWhenEveryOneWasProfiledBelowABytePerOperation() {
        final List<Measurement> clean = new ArrayList<>();
        for (final String key : ReportTable.HOT_PATHS) {
            clean.add(allocating(key, 10, 0.001));
        }
        final Target met = target(new ReportTable(clean, List.of()), "hot paths, largest gc.alloc.rate.norm");
        assertEquals(0.001, met.value(), EPSILON);
        assertEquals("<= 0.5 B/op", met.bound());
        assertEquals(Target.Status.MET, met.status());

        final List<Measurement> allocating = new ArrayList<>(clean);
        allocating.set(6, allocating("ClaimBench.thread", 10, 24));
        final Target missed = target(new ReportTable(allocating, List.of()), "hot paths, largest gc.alloc.rate.norm");
        assertEquals(24.0, missed.value(), EPSILON);
        assertEquals(Target.Status.MISSED, missed.status());

        final List<Measurement> unprofiled = new ArrayList<>(clean);
        unprofiled.set(0, avgt("SigprocmaskBench.model", 10, 0.1));
        assertEquals(
                Target.Status.NOT_MEASURED,
                target(new ReportTable(unprofiled, List.of()), "hot paths, largest gc.alloc.rate.norm")
                        .status());
    }

    @Test
    void theFirstScreenIsTheVerdictsThenTheAnchorsAndTheFigures() {
        final String markdown = synthetic().markdown();
        assertTrue(
                markdown.startsWith("### Targets: 8 of 13 targets MET, 3 MISSED, 2 NOT_MEASURED; 0 inconclusive"),
                markdown);
        assertTrue(
                markdown.indexOf("| model / floorXadd | 1.08x ± 0.01x | 1.05x | <= 1.1x | MET |") > 0
                        && markdown.indexOf("| model / floorXadd |") < markdown.indexOf("### Native anchors"),
                markdown);
        assertTrue(
                markdown.contains("| mask change under a kill sender: model / locked | 0.60x ± 0.04x | 0.60x | <= 0.5x"
                        + " | MISSED |"),
                markdown);
        assertTrue(
                markdown.contains("| claimers that never won in an iteration, 8 claimers | 1.00 claimers | n/a"
                        + " | <= 0 claimers | MISSED |"),
                markdown);
        // anchors: floor 5 / xadd 5, model 5.4 / 5, syscall 130 / 100, raise 80 / 1000
        assertTrue(markdown.contains("| lock xadd | 5.00 | SigprocmaskBench.floorXadd | 5.00 | 1.00x |"), markdown);
        assertTrue(markdown.contains("| lock xadd | 5.00 | SigprocmaskBench.model | 5.40 | 1.08x |"), markdown);
        assertTrue(
                markdown.contains(
                        "| rt_sigprocmask (syscall instruction) | 100.00 | SigprocmaskBench.syscall | 130.00 | 1.30x |"),
                markdown);
        assertTrue(markdown.contains("native rt_sigprocmask / xadd = 20.00x, Java syscall / model = 24.07x"), markdown);
        assertTrue(
                markdown.contains("| SigprocmaskBench.model | 5.40 | ± 0.05 | 1.08x | 1.08x | 4.20 | 1.05x | n/a |"),
                markdown);
        assertTrue(markdown.contains("| 8 | 200.00 | ± 1.00 | 12 | 1 | <= 0 |"), markdown);
        assertTrue(markdown.contains("| 1 | 20.00 | ± 1.00 | 0 | 0 | (baseline) |"), markdown);
        // lock-free / locked: 30 / 20 = 1.5, 20 / 40 = 0.5, polls not run
        assertTrue(markdown.contains("| offer then poll, one thread | 20.00 ± 1.00 | 30.00 ± 1.00 | 1.50x"), markdown);
        assertTrue(
                markdown.contains("| offer, 2 senders and a claimer | 40.00 ± 2.00 | 20.00 ± 2.00 | 0.50x"), markdown);
        assertTrue(markdown.contains("| poll, 2 senders and a claimer | n/a | n/a | n/a |"), markdown);
        assertTrue(markdown.contains("| sigqueue then claim through the kernel | n/a | n/a | n/a |"), markdown);
        assertTrue(markdown.contains("| DeliveryLatency.spinning | 800.00 | 2000.00 | 900.00 |"), markdown);
        assertTrue(
                markdown.contains("| Linux tgkill -> handler | 2000.00 | 3000.00 | n/a | native probe, round trip"),
                markdown);
        assertTrue(
                new ReportTable(figures(), List.of()).markdown().contains("Not measured (the native anchor program"));
    }

    @Test
    void summaryJsonCarriesEveryVerdictAndTheAnchors() {
        final String json = Report.summaryJson(synthetic());
        assertTrue(
                json.contains("{\"name\": \"model / floorXadd\", \"value\": 1.080, \"error\": 0.015, "
                        + "\"best\": 1.050, \"bound\": \"<= 1.1x\", \"status\": \"MET\", \"conclusive\": true}"),
                json);
        assertTrue(json.contains("\"status\": \"MISSED\""), json);
        assertTrue(json.contains("\"oneWayP50\": 1500.000"), json);
        assertTrue(
                json.contains("\"anchors\": {\"xaddNs\": 5.000, \"rtSigprocmaskNs\": 100.000, "
                        + "\"tgkillHandlerNs\": 1000.000, \"iterations\": 1000, \"rounds\": 5}"),
                json);
        assertTrue(Report.summaryJson(new ReportTable(figures(), List.of())).contains("\"anchors\": null"));
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
        assertEquals(200_000, quick.nativeIterations());
        assertEquals(5, quick.nativeRounds());
        assertEquals(ReportOptions.ALL, quick.include());
        final ReportOptions full = ReportOptions.parse(List.of("--full", "--out", "x", "--include", "Send"));
        assertEquals(true, full.full());
        assertEquals("x", full.out().toString());
        assertEquals("Send", full.include());
        assertEquals(10_000, full.linuxSamples());
        assertEquals(1_000_000, full.nativeIterations());
        assertEquals(11, full.nativeRounds());
        assertEquals(0, ReportOptions.parse(List.of("--native-iterations", "0")).nativeIterations());
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
        final IllegalArgumentException negative = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ReportOptions.parse(List.of("--native-iterations", "-1")));
        assertEquals("--native-iterations must be in 0..1000000000: value=-1", negative.getMessage());
    }

    @Test
    void thePublishedFileSaysHowItWasGeneratedAndCarriesNoDate() {
        final String text = Report.published(synthetic(), "full configuration", "--full --publish docs/PERFORMANCE.md");
        assertTrue(
                text.contains("Generated by the benchmark report (`java -jar "
                        + "benchmarks/target/sigpage-benchmarks.jar --full --publish docs/PERFORMANCE.md`"),
                text);
        assertTrue(text.contains("| send + claim, thread-directed / floorXadd | 2.40x"), text);
        assertTrue(text.contains("![cost per operation, delivery latency and targets](performance.png)"), text);
        assertTrue(!text.matches("(?s).*\\b20[0-9]{2}-[01][0-9]-[0-3][0-9]\\b.*"), text);
    }
}
