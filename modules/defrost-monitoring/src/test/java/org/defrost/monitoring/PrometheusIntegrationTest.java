package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

/**
 * defrost and the real Prometheus binary, both on loopback: a sweep whose first run fails and whose retry
 * is held with one cell running, scraped every second, while every query of the shipped dashboard and
 * alert rules is asked of Prometheus. Queries of worker metrics ({@link MonitoringFiles#WORKER_METRIC_PREFIX})
 * are only checked for syntax: no worker runs here.
 */
class PrometheusIntegrationTest {
    static final String PIPELINE = "sweep-under-watch";
    /** How long the held cell's state is imagined frozen when asking whether the sweep looks stalled. */
    static final Duration FROZEN_FOR = Duration.ofHours(1);
    /**
     * Which alerts the scenario fires now (a failed run with a failed, diverged cell), and which only once
     * the held state has lasted {@link #FROZEN_FOR}.
     */
    static final Map<String, Boolean> FIRES_NOW = Map.of(
            "DefrostCellsFailing", true, "DefrostRunFailed", true, "DefrostRunDiverging", true,
            "DefrostSweepStalled", false);
    @TempDir
    Path dir;

    @BeforeEach
    void needsPrometheus() {
        assumeTrue(Files.isExecutable(PrometheusServer.BINARY), "prometheus is not installed (apt-get install prometheus)");
        SweepStages.reset();
    }

    @AfterEach
    void resetStages() {
        SweepStages.release.countDown();
        SweepStages.reset();
    }

    @Test
    void prometheusScrapesASweepAndEveryDashboardAndAlertQueryAnswersWithData() throws Exception {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, SweepStages.PIPELINE_YAML);
        Files.createDirectories(dir.resolve("prometheus"));
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (DefrostMetrics metrics = new DefrostMetrics(DefrostMetrics.RUN);
             PipelineRunner runner = new PipelineRunner(new ArtifactStore(dir.resolve("work")), 2);
             CamelRouteMetrics camel = metrics.bindCamel(runner.camel());
             MetricsServer server = MetricsServer.start("127.0.0.1", MetricsServerTest.freePort(), metrics);
             PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"), MetricsServerTest.freePort(),
                     server.port(), MonitoringFiles.alerts(), FROZEN_FOR.multipliedBy(2))) {
            JsonNode targets = prometheus.await("the defrost target to be up", Duration.ofSeconds(30),
                    () -> prometheus.get("/api/v1/targets"),
                    t -> t.path("activeTargets").size() == 1 && "up".equals(t.path("activeTargets").get(0).path("health").asText()));
            assertEquals("http://127.0.0.1:" + server.port() + "/metrics",
                    targets.path("activeTargets").get(0).path("scrapeUrl").asText());

            Pipeline pipeline = new PipelineParser(SweepStages.registry()).parse(file);
            SweepStages.FAIL_UNITS.add(SweepStages.unitName(2, 1));
            assertFalse(runner.run(pipeline, metrics.runListener(pipeline), new RunControl()).succeeded());
            SweepStages.FAIL_UNITS.clear();
            SweepStages.holdUnit = SweepStages.unitName(2, 1);
            SweepStages.holding = new CountDownLatch(1);
            SweepStages.release = new CountDownLatch(1);
            Future<RunResult> retry = background.submit(() -> runner.run(pipeline, metrics.runListener(pipeline), new RunControl()));
            try {
                assertTrue(SweepStages.holding.await(30, TimeUnit.SECONDS), "the held cell never started");
                whileACellIsHeld(prometheus);
            } finally {
                SweepStages.release.countDown();
            }
            RunResult result = retry.get(30, TimeUnit.SECONDS);
            assertTrue(result.succeeded(), () -> String.valueOf(result.failure()));
            afterTheRetrySucceeded(prometheus);
        } finally {
            background.shutdownNow();
            assertTrue(background.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    private void whileACellIsHeld(PrometheusServer prometheus) throws Exception {
        // three scrapes of the held state, so that rate() windows hold several samples of every series
        prometheus.await("three scrapes with the held cell's loss", Duration.ofSeconds(30),
                () -> prometheus.query("count_over_time(defrost_stage_training_loss[1m]) >= 3",
                        System.currentTimeMillis() / 1e3),
                r -> r.size() == 1);
        double now = System.currentTimeMillis() / 1e3;

        List<MonitoringFiles.Query> all = MonitoringFiles.dashboardQueries();
        List<MonitoringFiles.Query> panels = all.stream().filter(q -> !q.readsWorkerMetrics()).toList();
        List<MonitoringFiles.Query> workerPanels = all.stream().filter(MonitoringFiles.Query::readsWorkerMetrics).toList();
        assertTrue(panels.size() >= 20, "dashboard queries: " + panels.size());
        assertTrue(workerPanels.size() >= 4, "worker queries: " + workerPanels.size());
        for (MonitoringFiles.Query q : workerPanels) {
            // no worker runs here: Prometheus must accept the query, which answers without data
            prometheus.query(q.expr().replace("$__rate_interval", "1m"), now);
        }
        for (String name : MonitoringFiles.metricNames(panels)) {
            assertFalse(prometheus.query(name, now).isEmpty(), "no samples of " + name + ", named in the dashboard");
        }
        JsonNode pipelines = prometheus.get("/api/v1/label/pipeline/values?match%5B%5D=defrost_runs_started_total");
        assertEquals(PIPELINE, pipelines.get(0).asText(), "the dashboard's pipeline variable lists the pipeline");

        Map<String, Integer> seriesByPanel = new TreeMap<>();
        for (MonitoringFiles.Query q : panels) {
            String expr = q.expr().replace("$pipeline", PIPELINE).replace("$__rate_interval", "1m");
            assertFalse(expr.contains("$"), q.source() + " uses a variable the test does not know: " + q.expr());
            JsonNode result = prometheus.query(expr, now);
            assertFalse(result.isEmpty(), q.source() + " returned no data: " + expr);
            seriesByPanel.put(q.source(), result.size());
        }

        List<MonitoringFiles.Query> alerts = MonitoringFiles.alertRules();
        assertEquals(FIRES_NOW.keySet(), Set.copyOf(alerts.stream().map(MonitoringFiles.Query::source).toList()),
                "every shipped alert has an expectation here");
        for (MonitoringFiles.Query alert : alerts) {
            JsonNode atNow = prometheus.query(alert.expr(), now);
            JsonNode later = prometheus.query(alert.expr(), now + FROZEN_FOR.toSeconds());
            System.out.println("Alert " + alert.source() + ": now " + atNow + "; " + FROZEN_FOR + " later " + later);
            if (FIRES_NOW.get(alert.source())) {
                assertFalse(atNow.isEmpty(), alert.source() + " did not fire: " + alert.expr());
                assertEquals(PIPELINE, atNow.get(0).path("metric").path("pipeline").asText(), atNow.toString());
            } else {
                assertTrue(atNow.isEmpty(), alert.source() + " fired too early: " + atNow);
                assertFalse(later.isEmpty(), alert.source() + " did not fire after " + FROZEN_FOR + ": " + alert.expr());
                assertEquals(PIPELINE, later.get(0).path("metric").path("pipeline").asText(), later.toString());
            }
        }

        JsonNode rules = prometheus.await("every alert rule evaluated after the failures", Duration.ofSeconds(20),
                () -> prometheus.get("/api/v1/rules?type=alert"),
                d -> alertStates(d).entrySet().stream().allMatch(e -> e.getValue().equals(
                        FIRES_NOW.get(e.getKey()) ? "firing" : "inactive")));
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertEquals("ok", rule.path("health").asText(), rule.toString());
                assertEquals("", rule.path("lastError").asText(""), rule.toString());
            }
        }
        assertEquals(FIRES_NOW.keySet(), alertStates(rules).keySet());

        for (String shown : new String[] {"defrost_run_progress_ratio", "defrost_run_eta_seconds", "defrost_cells_remaining",
                "sum by (outcome) (defrost_cells_finished_total{pipeline=\"" + PIPELINE + "\"})"}) {
            System.out.println("Prometheus, while the held cell runs: " + shown + " -> " + prometheus.query(shown, now));
        }
        System.out.println("Series per dashboard query: " + seriesByPanel);
        assertEquals(1.0, value(prometheus.query("defrost_cells_remaining", now)));
        assertEquals(1.0, value(prometheus.query("defrost_runs_active", now)));
    }

    private void afterTheRetrySucceeded(PrometheusServer prometheus) throws Exception {
        prometheus.await("the retry's success", Duration.ofSeconds(20),
                () -> prometheus.query("defrost_runs_finished_total{status=\"succeeded\"} == 1", System.currentTimeMillis() / 1e3),
                r -> r.size() == 1);
        prometheus.await("live training gauges to go once no cell runs", Duration.ofSeconds(20),
                () -> prometheus.query("defrost_stage_training_loss", System.currentTimeMillis() / 1e3),
                JsonNode::isEmpty);
        double now = System.currentTimeMillis() / 1e3;
        assertEquals(1.0, value(prometheus.query("defrost_run_progress_ratio", now)));
        assertEquals(0.0, value(prometheus.query("defrost_cells_remaining", now)));
        assertEquals(2.0, value(prometheus.query("defrost_cells_finished_total{outcome=\"cached\"}", now)));
    }

    /** The state of each alert rule, by name. */
    private static Map<String, String> alertStates(JsonNode rulesData) {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode group : rulesData.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                states.put(rule.path("name").asText(), rule.path("state").asText());
            }
        }
        return states;
    }

    private static double value(JsonNode result) {
        assertEquals(1, result.size(), result.toString());
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }
}
