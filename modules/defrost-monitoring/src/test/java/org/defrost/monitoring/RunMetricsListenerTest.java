package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.search.RequiredSearch;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.pipeline.PipelineStage;
import org.defrost.engine.run.Invocation;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunListener.MetricKind;
import org.defrost.spi.Seed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Run events, fed by hand with a mock clock, against the meters they must produce. */
class RunMetricsListenerTest {
    static final String PIPELINE = "sweep-under-watch";
    static final String TRAIN = "train-sweep";
    MockClock clock;
    DefrostMetrics metrics;
    Pipeline pipeline;

    @BeforeEach
    void start() throws Exception {
        clock = new MockClock();
        metrics = new DefrostMetrics(DefrostMetrics.RUN, clock);
        pipeline = new PipelineParser(SweepStages.registry()).parse(Path.of("sweep.yaml"), SweepStages.PIPELINE_YAML);
    }

    @AfterEach
    void stop() {
        metrics.close();
    }

    private Invocation invocation(String stageId, int cell) {
        PipelineStage stage = pipeline.stages().stream().filter(s -> s.id().equals(stageId)).findFirst().orElseThrow();
        return new Invocation(stage, cell, Map.of("depth", cell + 1), -1, stage.parametersByCell().get(cell), Seed.of(cell));
    }

    private RequiredSearch meter(String name) {
        return metrics.registry().get(name).tag(DefrostMetrics.PIPELINE, PIPELINE);
    }

    private double gauge(String name) {
        return meter(name).gauge().value();
    }

    @Test
    void everyCounterTheRunCanAddToExistsAtZeroWhenItStarts() {
        metrics.runListener(pipeline).runStarted("r", PIPELINE, 4);
        ScrapeText s = ScrapeText.parse(metrics.scrape());
        Map<String, String> p = Map.of("pipeline", PIPELINE);
        assertEquals(1, s.value("defrost_runs_started_total", p));
        for (String status : new String[] {"succeeded", "failed", "cancelled"}) {
            assertEquals(0, s.value("defrost_runs_finished_total", with(p, "status", status)), status);
            assertEquals(0, s.value("defrost_run_duration_seconds_count", with(p, "status", status)), status);
        }
        for (String type : new String[] {"make-data", TRAIN, "summarize"}) {
            Map<String, String> t = with(p, "stage_type", type);
            assertEquals(0, s.value("defrost_cells_planned_total", t), type);
            assertEquals(0, s.value("defrost_invocation_duration_seconds_count", with(t, "cached", "false")), type);
            assertEquals(0, s.value("defrost_cell_duration_seconds_count", with(t, "outcome", "computed")), type);
            for (String outcome : new String[] {"computed", "cached", "failed"}) {
                assertEquals(0, s.value("defrost_invocations_total", with(t, "outcome", outcome)), type + " " + outcome);
                assertEquals(0, s.value("defrost_cells_finished_total", with(t, "outcome", outcome)), type + " " + outcome);
            }
            assertEquals(0, s.value("defrost_invocations_total", with(t, "outcome", "cancelled")), type + " cancelled");
        }
        for (String kind : new String[] {"data", "models", "summary"}) {
            assertEquals(0, s.value("defrost_store_written_bytes_total", with(p, "kind", kind)), kind);
            assertEquals(0, s.value("defrost_store_artifacts_written_total", with(p, "kind", kind)), kind);
        }
        Map<String, String> train = with(p, "stage_type", TRAIN);
        assertEquals(0, s.value("defrost_stage_diverged_total", train), "declared by the stage");
        assertEquals(0, s.value("defrost_stage_samples_total", train), "declared by the stage");
        assertTrue(s.find("defrost_stage_diverged_total", Map.of("stage_type", "make-data")).isEmpty(),
                "only for the stage types that declare it");
    }

    @Test
    void aStageCountOfZeroCreatesTheCounterAndNegativeOrNonFiniteCountsAreIgnored() {
        RunListener run = metrics.runListener(pipeline);
        run.runStarted("r", PIPELINE, 1);
        Map<String, String> train = Map.of("pipeline", PIPELINE, "stage_type", TRAIN);
        assertTrue(ScrapeText.parse(metrics.scrape()).find("defrost_stage_retries_total", train).isEmpty());
        run.metric(TRAIN, "retries_total", MetricKind.COUNTER, 0);
        assertEquals(0, ScrapeText.parse(metrics.scrape()).value("defrost_stage_retries_total", train));
        run.metric(TRAIN, "retries_total", MetricKind.COUNTER, -1);
        run.metric(TRAIN, "retries_total", MetricKind.COUNTER, Double.NaN);
        run.metric(TRAIN, "retries_total", MetricKind.COUNTER, Double.POSITIVE_INFINITY);
        run.metric(TRAIN, "retries_total", MetricKind.COUNTER, 2);
        assertEquals(2, ScrapeText.parse(metrics.scrape()).value("defrost_stage_retries_total", train));
    }

    /** {@code labels} and one more. */
    static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(key, value);
        return all;
    }

    @Test
    void etaIsRemainingWorkOverTheRecentCompletionRateAndGrowsWhileNothingFinishes() {
        RunListener run = metrics.runListener(pipeline);
        run.runStarted("20250101-000000-abcd", PIPELINE, 3);
        run.stageStarted("train", TRAIN, 1);
        run.unitsPlanned(TRAIN, 10);
        assertTrue(Double.isNaN(gauge("defrost.run.eta")), "no estimate before anything finished");
        for (int i = 0; i < 4; i++) {
            clock.add(1, TimeUnit.SECONDS);
            run.unitFinished(TRAIN, false, false, 1.0);
        }
        // 4 completions in 4 s: 1 per second; 3 invocations + 10 units planned, 4 finished: 9 left.
        assertEquals(9.0, gauge("defrost.run.eta"), 1e-9);
        assertEquals(4.0 / 13, gauge("defrost.run.progress.ratio"), 1e-12);
        assertEquals(6.0, gauge("defrost.cells.remaining"));
        double lastFinished = clock.wallTime() / 1e3;
        assertEquals(lastFinished, gauge("defrost.last.cell.finished.timestamp"), 1e-9);

        clock.add(5, TimeUnit.SECONDS);
        assertEquals(9.0 / (4.0 / 9), gauge("defrost.run.eta"), 1e-9, "the rate counts the idle time up to now");
        assertEquals(lastFinished, gauge("defrost.last.cell.finished.timestamp"), 1e-9);

        run.runFinished("20250101-000000-abcd", PIPELINE, "failed", 9.0);
        assertEquals(0.0, gauge("defrost.runs.active"));
        assertEquals(0.0, gauge("defrost.cells.remaining"), "a finished run leaves nothing remaining");
        assertEquals(0.0, gauge("defrost.run.eta"));
        assertEquals(4.0 / 13, gauge("defrost.run.progress.ratio"), 1e-12, "progress of the last run stays visible");
        assertEquals(1.0, meter("defrost.runs.finished").tag(DefrostMetrics.STATUS, "failed").counter().count());
        assertEquals(0.0, meter("defrost.runs.finished").tag(DefrostMetrics.STATUS, "succeeded").counter().count(),
                "every status exists from the start, so that increase() sees the first one");
    }

    @Test
    void theStallClockStartsWhenCellsBecomeDueNotWhenTheRunStarted() {
        RunListener run = metrics.runListener(pipeline);
        run.runStarted("r", PIPELINE, 2);
        clock.add(30, TimeUnit.MINUTES);
        run.stageStarted("train", TRAIN, 1);
        run.unitsPlanned(TRAIN, 2);
        assertEquals(clock.wallTime() / 1e3, gauge("defrost.last.cell.finished.timestamp"), 1e-9);
        clock.add(1, TimeUnit.MINUTES);
        run.unitsPlanned(TRAIN, 2);
        assertEquals((clock.wallTime() - 60_000) / 1e3, gauge("defrost.last.cell.finished.timestamp"), 1e-9,
                "more cells planned while some remain do not reset the clock");
    }

    @Test
    void liveStageGaugesExistOnlyWhileAnInvocationOfTheirStageTypeRuns() {
        RunListener run = metrics.runListener(pipeline);
        run.runStarted("r", PIPELINE, 2);
        run.stageStarted("train", TRAIN, 2);
        run.metric(TRAIN, "training_loss", MetricKind.GAUGE, 0.7);
        run.metric(TRAIN, "training_loss", MetricKind.GAUGE, 0.3);
        assertEquals(0.3, meter("defrost.stage.training_loss").tag(DefrostMetrics.STAGE_TYPE, TRAIN).gauge().value());
        run.invocationFinished(invocation("train", 0), false, 2.0);
        assertEquals(0.3, meter("defrost.stage.training_loss").gauge().value(), "one invocation still runs");
        run.invocationFailed(invocation("train", 1), new IllegalStateException("boom"));
        assertNull(metrics.registry().find("defrost.stage.training_loss").gauge(), "no invocation of the type runs");
        run.stageStarted("train", TRAIN, 1);
        run.metric(TRAIN, "training_loss", MetricKind.GAUGE, 0.9);
        assertEquals(0.9, meter("defrost.stage.training_loss").gauge().value(), "a new invocation brings it back");
        run.runFinished("r", PIPELINE, "cancelled", 1.0);
        assertNull(metrics.registry().find("defrost.stage.training_loss").gauge(), "the run's end removes it");
    }

    @Test
    void aStoppedInvocationCountsAsCancelledNotFailed() {
        RunListener run = metrics.runListener(pipeline);
        run.runStarted("r", PIPELINE, 1);
        run.stageStarted("train", TRAIN, 1);
        run.invocationCancelled(invocation("train", 0));
        assertEquals(1.0, meter("defrost.invocations").tag(DefrostMetrics.STAGE_TYPE, TRAIN)
                .tag(DefrostMetrics.OUTCOME, "cancelled").counter().count());
        assertEquals(0.0, meter("defrost.invocations").tag(DefrostMetrics.STAGE_TYPE, TRAIN)
                .tag(DefrostMetrics.OUTCOME, "failed").counter().count(), "a stop is not a failure");
        run.runFinished("r", PIPELINE, "cancelled", 1.0);
    }

    @Test
    void invocationsAreCountedByOutcomeAndTimedByStageType() {
        RunListener run = metrics.runListener(pipeline);
        run.runStarted("r", PIPELINE, 3);
        run.stageStarted("train", TRAIN, 3);
        run.invocationFinished(invocation("train", 0), false, 2.0);
        run.invocationFinished(invocation("train", 1), true, 0.5);
        run.invocationFailed(invocation("train", 1), new IllegalStateException("boom"));
        for (String outcome : new String[] {"computed", "cached", "failed"}) {
            assertEquals(1.0, meter("defrost.invocations").tag(DefrostMetrics.STAGE_TYPE, TRAIN)
                    .tag(DefrostMetrics.OUTCOME, outcome).counter().count(), outcome);
        }
        var computed = meter("defrost.invocation.duration").tag(DefrostMetrics.CACHED, "false").timer();
        assertEquals(1, computed.count());
        assertEquals(2.0, computed.totalTime(TimeUnit.SECONDS), 1e-9);
        assertEquals(1.0, gauge("defrost.run.progress.ratio"));
    }

    @Test
    void runsOfOnePipelineGoingOnAtOnceAreSummed() {
        RunListener first = metrics.runListener(pipeline);
        RunListener second = metrics.runListener(pipeline);
        first.runStarted("a", PIPELINE, 1);
        second.runStarted("b", PIPELINE, 1);
        first.unitsPlanned(TRAIN, 4);
        second.unitsPlanned(TRAIN, 6);
        second.unitFinished(TRAIN, true, false, 0.0);
        assertEquals(2.0, gauge("defrost.runs.active"));
        assertEquals(9.0, gauge("defrost.cells.remaining"));
        assertEquals(1.0 / 12, gauge("defrost.run.progress.ratio"), 1e-12);
        first.runFinished("a", PIPELINE, "succeeded", 1.0);
        assertEquals(1.0, gauge("defrost.runs.active"));
        assertEquals(5.0, gauge("defrost.cells.remaining"), "only the run still going counts");
        assertEquals(1, metrics.activeRuns());
    }

    @Test
    void stageCountersDropTheirTotalSuffixOnceAndTimersRecordSeconds() {
        RunListener run = metrics.runListener(pipeline);
        run.runStarted("r", PIPELINE, 1);
        run.metric(TRAIN, "diverged_total", MetricKind.COUNTER, 1);
        run.metric(TRAIN, "samples", MetricKind.COUNTER, 64);
        run.metric(TRAIN, "epoch", MetricKind.TIMER_SECONDS, 0.25);
        String text = metrics.scrape();
        assertTrue(text.contains("defrost_stage_diverged_total{pipeline=\"sweep-under-watch\",stage_type=\"train-sweep\"} 1.0"),
                text);
        assertTrue(text.contains("defrost_stage_samples_total{pipeline=\"sweep-under-watch\",stage_type=\"train-sweep\"} 64.0"),
                text);
        assertTrue(text.contains("defrost_stage_epoch_seconds_sum{pipeline=\"sweep-under-watch\",stage_type=\"train-sweep\"} 0.25"),
                text);
    }

    @Test
    void stageMetricNamesThatAreNotFixedWordsAreIgnored() {
        RunListener run = metrics.runListener(pipeline);
        run.runStarted("r", PIPELINE, 1);
        run.stageStarted("train", TRAIN, 1);
        for (String bad : new String[] {"Loss", "loss.seed.3", "loss-3", "", "1loss", "x".repeat(65)}) {
            run.metric(TRAIN, bad, MetricKind.GAUGE, 1.0);
            run.metric(TRAIN, bad, MetricKind.COUNTER, 1.0);
        }
        assertTrue(metrics.registry().getMeters().stream().map(m -> m.getId().getName())
                        .filter(n -> n.startsWith("defrost.stage."))
                        .allMatch(n -> n.equals("defrost.stage.samples") || n.equals("defrost.stage.diverged")),
                () -> "only the counters the stage declares: " + metrics.scrape());
    }
}
