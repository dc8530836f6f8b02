package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real sweep on the engine, read back from the Prometheus text the registry serves. */
class SweepMetricsTest {
    static final Set<String> ALLOWED_TAGS = Set.of("pipeline", "stage_type", "status", "outcome", "cached", "kind", "route", "le",
            "version", "java_version", "command");
    static final Map<String, String> PIPELINE = Map.of("pipeline", "sweep-under-watch");
    static final Map<String, String> TRAIN = Map.of("pipeline", "sweep-under-watch", "stage_type", "train-sweep");
    @TempDir
    Path dir;

    /** The train-sweep stage's labels and one more. */
    static Map<String, String> train(String key, String value) {
        Map<String, String> labels = new java.util.HashMap<>(TRAIN);
        labels.put(key, value);
        return labels;
    }
    DefrostMetrics metrics;
    PipelineRunner runner;
    CamelRouteMetrics camel;
    final List<String> runIds = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        SweepStages.reset();
        metrics = new DefrostMetrics(DefrostMetrics.RUN);
        runner = new PipelineRunner(new ArtifactStore(dir.resolve("work")), 2);
        camel = metrics.bindCamel(runner.camel());
    }

    @AfterEach
    void stop() {
        camel.close();
        runner.close();
        metrics.close();
        SweepStages.reset();
    }

    private RunResult run() throws Exception {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, SweepStages.PIPELINE_YAML);
        Pipeline pipeline = new PipelineParser(SweepStages.registry()).parse(file);
        RunResult r = runner.run(pipeline, metrics.runListener(pipeline), new RunControl());
        runIds.add(r.runId());
        return r;
    }

    @Test
    void camelExchangeCountersExistAtZeroBeforeAnyRun() {
        ScrapeText s = ScrapeText.parse(metrics.scrape());
        for (String route : new String[] {"run", "defrost-units"}) {
            for (String outcome : new String[] {"completed", "failed"}) {
                assertEquals(0, s.value("defrost_camel_exchanges_total", Map.of("route", route, "outcome", outcome)));
            }
        }
    }

    @Test
    void aFailedSweepAndItsRetryAreCountedByOutcome() throws Exception {
        SweepStages.FAIL_UNITS.add(SweepStages.unitName(2, 1));
        assertFalse(run().succeeded());
        SweepStages.FAIL_UNITS.clear();
        assertTrue(run().succeeded());
        ScrapeText s = ScrapeText.parse(metrics.scrape());

        assertEquals(2, s.value("defrost_runs_started_total", PIPELINE));
        assertEquals(1, s.value("defrost_runs_finished_total", Map.of("status", "failed")));
        assertEquals(1, s.value("defrost_runs_finished_total", Map.of("status", "succeeded")));
        assertEquals(0, s.value("defrost_runs_active", PIPELINE));
        // run 1 plans 2 cells x 3 units, one fails; run 2 recomputes only the depth-2 cell: 2 units cached, 1 computed
        assertEquals(9, s.value("defrost_cells_planned_total", TRAIN));
        assertEquals(6, s.value("defrost_cells_finished_total", train("outcome", "computed")));
        assertEquals(2, s.value("defrost_cells_finished_total", train("outcome", "cached")));
        assertEquals(1, s.value("defrost_cells_finished_total", train("outcome", "failed")));
        assertEquals(1, s.value("defrost_invocations_total", Map.of("stage_type", "train-sweep", "outcome", "failed")));
        assertEquals(1, s.value("defrost_invocations_total", Map.of("stage_type", "train-sweep", "outcome", "cached")));
        assertEquals(1, s.value("defrost_invocation_duration_seconds_count", Map.of("stage_type", "summarize")));
        assertEquals("histogram", s.types().get("defrost_invocation_duration_seconds"));
        assertEquals("histogram", s.types().get("defrost_camel_exchange_duration_seconds"));
        assertEquals(6, s.value("defrost_cell_duration_seconds_count", train("outcome", "computed")));
        assertEquals(1, s.value("defrost_stage_diverged_total", TRAIN));
        assertEquals(7 * 640, s.value("defrost_stage_samples_total", TRAIN), "every unit that ran counted its samples");
        assertEquals(7, s.value("defrost_stage_epoch_seconds_count", TRAIN));
        assertEquals(6, s.value("defrost_store_artifacts_written_total", Map.of("kind", "model")));
        assertTrue(s.value("defrost_store_written_bytes_total", Map.of("kind", "summary")) > 0);
        assertEquals(1.0, s.value("defrost_run_progress_ratio", PIPELINE));
        assertEquals(0, s.value("defrost_cells_remaining", PIPELINE));
        assertTrue(s.find("defrost_stage_training_loss", Map.of()).isEmpty(), "no cell runs any more");
        assertTrue(s.value("defrost_camel_exchanges_total", Map.of("route", "run", "outcome", "completed")) >= 2);
        assertTrue(s.value("defrost_camel_exchanges_total", Map.of("route", "defrost-units", "outcome", "completed")) >= 9);
        assertTrue(s.value("jvm_memory_used_bytes", Map.of("area", "heap", "id", s.find("jvm_memory_used_bytes",
                Map.of("area", "heap")).get(0).labels().get("id"))) > 0);
        assertTrue(s.value("process_uptime_seconds", Map.of()) > 0);
    }

    @Test
    void noMetricCarriesARunIdSeedOrCellAndCountersEndInTotal() throws Exception {
        SweepStages.FAIL_UNITS.add(SweepStages.unitName(1, 0));
        run();
        SweepStages.FAIL_UNITS.clear();
        run();
        String text = metrics.scrape();
        for (String id : runIds) {
            assertFalse(text.contains(id), "run id " + id + " in the scrape");
        }
        assertFalse(text.contains("depth1") || text.contains("unit0"), "a unit name in the scrape");
        ScrapeText s = ScrapeText.parse(text);
        for (ScrapeText.Sample sample : s.samples()) {
            if (sample.name().startsWith("defrost_")) {
                assertTrue(ALLOWED_TAGS.containsAll(sample.labels().keySet()), sample.toString());
            }
        }
        for (Map.Entry<String, String> type : s.types().entrySet()) {
            if (type.getValue().equals("counter")) {
                assertTrue(type.getKey().endsWith("_total"), type.getKey());
                assertFalse(type.getKey().endsWith("_total_total"), type.getKey());
            }
        }
        assertTrue(s.types().keySet().stream().filter(n -> n.startsWith("defrost_")).count() >= 20, s.types().toString());
    }
}
