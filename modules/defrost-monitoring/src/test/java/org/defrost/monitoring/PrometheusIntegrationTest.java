package org.defrost.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.defrost.distributed.WorkerMetrics;
import org.defrost.distributed.WorkerMetricsDriver;
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
 * defrost and the real Prometheus binary, on loopback, with the shipped {@code prometheus.yml} (its targets
 * moved to free ports): a service whose first run of a sweep fails and whose retry is held with one cell
 * running, and a worker with units done and one running, scraped every second. Every query of the shipped
 * dashboard, with its variables resolved as Grafana does, and every alert rule is asked of Prometheus; then
 * the worker goes away and the alert for a process that is down must see it.
 */
class PrometheusIntegrationTest {
    static final String PIPELINE = "sweep-under-watch";
    /** How long the held cell's state is imagined frozen when asking whether the sweep looks stalled. */
    static final Duration FROZEN_FOR = Duration.ofHours(1);

    /** When each shipped alert must fire in this scenario. */
    enum Fires {
        /** While the cell is held: the failed run left a failed, diverged cell. */
        NOW,
        /** Once the held state has lasted {@link #FROZEN_FOR}. */
        WHEN_FROZEN,
        /** Once a serve or worker process stops answering. */
        WHEN_A_PROCESS_IS_DOWN
    }

    static final Map<String, Fires> ALERTS = Map.of(
            "DefrostCellsFailing", Fires.NOW, "DefrostRunFailed", Fires.NOW, "DefrostRunDiverging", Fires.NOW,
            "DefrostSweepStalled", Fires.WHEN_FROZEN, "DefrostDown", Fires.WHEN_A_PROCESS_IS_DOWN);
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
    void theShippedConfigurationScrapesTheServiceAndAWorkerAtTheirDefaultPorts() throws Exception {
        assertEquals(Map.of("defrost", List.of("127.0.0.1:9464"), "defrost-worker", List.of("127.0.0.1:9465")),
                MonitoringFiles.scrapeTargets());
    }

    @Test
    void prometheusScrapesAServiceAndAWorkerAndEveryDashboardAndAlertQueryAnswersWithData() throws Exception {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, SweepStages.PIPELINE_YAML);
        Files.createDirectories(dir.resolve("prometheus"));
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (DefrostMetrics metrics = new DefrostMetrics(DefrostMetrics.SERVE);
             DefrostMetrics workerMetrics = new DefrostMetrics(DefrostMetrics.WORKER);
             PipelineRunner runner = new PipelineRunner(new ArtifactStore(dir.resolve("work")), 2);
             CamelRouteMetrics camel = metrics.bindCamel(runner.camel());
             MetricsServer server = MetricsServer.start("127.0.0.1", MetricsServerTest.freePort(), metrics);
             MetricsServer workerServer = MetricsServer.start("127.0.0.1", MetricsServerTest.freePort(), workerMetrics)) {
            String service = "127.0.0.1:" + server.port();
            String worker = "127.0.0.1:" + workerServer.port();
            try (PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"), MetricsServerTest.freePort(),
                    Map.of("127.0.0.1:9464", service, "127.0.0.1:9465", worker), FROZEN_FOR.multipliedBy(2))) {
                JsonNode targets = prometheus.await("both targets to be up", Duration.ofSeconds(30),
                        () -> prometheus.get("/api/v1/targets"),
                        t -> t.path("activeTargets").size() == 2 && t.path("activeTargets").findValuesAsText("health")
                                .stream().allMatch("up"::equals));
                assertEquals(Set.of("http://" + service + "/metrics", "http://" + worker + "/metrics"),
                        Set.copyOf(targets.path("activeTargets").findValuesAsText("scrapeUrl")));

                WorkerMetricsDriver units = new WorkerMetricsDriver(new WorkerMetrics(workerMetrics.registry(), 2));
                Pipeline pipeline = new PipelineParser(SweepStages.registry()).parse(file);
                SweepStages.FAIL_UNITS.add(SweepStages.unitName(2, 1));
                // the first run holds a cell until Prometheus has scraped the duration histograms at zero, so that
                // the cells, invocations and run ending after it count as increases
                hold(SweepStages.unitName(1, 0));
                Future<RunResult> first = background.submit(() -> runner.run(pipeline, metrics.runListener(pipeline),
                        new RunControl()));
                assertTrue(SweepStages.holding.await(30, TimeUnit.SECONDS), "the held cell never started");
                prometheus.await("a scrape of the first run's histograms", Duration.ofSeconds(30),
                        () -> prometheus.query("defrost_cell_duration_seconds_count{outcome=\"computed\"}",
                                System.currentTimeMillis() / 1e3), r -> r.size() == 3);
                SweepStages.release.countDown();
                assertFalse(first.get(30, TimeUnit.SECONDS).succeeded());
                SweepStages.FAIL_UNITS.clear();
                // a second scrape of the worker before its units finish, for the same reason
                prometheus.await("a scrape of the worker", Duration.ofSeconds(30),
                        () -> prometheus.query("defrost_worker_cell_duration_seconds_count{outcome=\"computed\"}",
                                System.currentTimeMillis() / 1e3), r -> r.size() == 1);
                units.started();
                units.finished("computed", 1.5);
                units.started();
                units.finished("cached", 0.01);
                units.started();
                hold(SweepStages.unitName(2, 1));
                Future<RunResult> retry = background.submit(() -> runner.run(pipeline, metrics.runListener(pipeline),
                        new RunControl()));
                try {
                    assertTrue(SweepStages.holding.await(30, TimeUnit.SECONDS), "the held cell never started");
                    whileACellIsHeld(prometheus, service, worker);
                } finally {
                    SweepStages.release.countDown();
                }
                RunResult result = retry.get(30, TimeUnit.SECONDS);
                assertTrue(result.succeeded(), () -> String.valueOf(result.failure()));
                afterTheRetrySucceeded(prometheus);
                workerServer.close();
                whenTheWorkerIsGone(prometheus, worker);
            }
        } finally {
            background.shutdownNow();
            assertTrue(background.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    /** Makes unit {@code unit} wait, once it starts, until the test releases it. */
    private static void hold(String unit) {
        SweepStages.holdUnit = unit;
        SweepStages.holding = new CountDownLatch(1);
        SweepStages.release = new CountDownLatch(1);
    }

    private void whileACellIsHeld(PrometheusServer prometheus, String service, String worker) throws Exception {
        // three scrapes of the held state, so that rate() windows hold several samples of every series
        prometheus.await("three scrapes with the held cell's loss", Duration.ofSeconds(30),
                () -> prometheus.query("count_over_time(defrost_stage_training_loss[1m]) >= 3",
                        System.currentTimeMillis() / 1e3),
                r -> r.size() == 1);
        double now = System.currentTimeMillis() / 1e3;

        Map<String, String> all = variablesAllSelected(prometheus, now);
        List<MonitoringFiles.Query> panels = MonitoringFiles.dashboardQueries();
        assertTrue(panels.size() >= 30, "dashboard queries: " + panels.size());
        for (String name : MonitoringFiles.metricNames(panels)) {
            assertFalse(prometheus.query(name, now).isEmpty(), "no samples of " + name + ", named in the dashboard");
        }
        Map<String, Integer> seriesByPanel = new TreeMap<>();
        for (MonitoringFiles.Query q : panels) {
            JsonNode result = prometheus.query(interpolate(q, all), now);
            assertFalse(result.isEmpty(), q.source() + " returned no data: " + interpolate(q, all));
            seriesByPanel.put(q.source(), result.size());
            assertTrue(anyFinite(result), q.source() + " has no number, only NaN: " + result);
            if (q.readsProcessMeters()) {
                assertEquals(Set.of(service, worker), instances(result),
                        q.source() + " shows each process as its own series, both of them: " + result);
            }
        }
        System.out.println("Series per dashboard query: " + seriesByPanel);

        Map<String, String> workerOnly = new LinkedHashMap<>(all);
        workerOnly.put("instance", grafanaRegex(List.of(worker)));
        for (MonitoringFiles.Query q : panels) {
            if (q.readsProcessMeters()) {
                JsonNode result = prometheus.query(interpolate(q, workerOnly), now);
                assertEquals(Set.of(worker), instances(result), q.source() + " with the worker chosen: " + result);
            }
        }

        List<MonitoringFiles.Query> alerts = MonitoringFiles.alertRules();
        assertEquals(ALERTS.keySet(), Set.copyOf(alerts.stream().map(MonitoringFiles.Query::source).toList()),
                "every shipped alert has an expectation here");
        for (MonitoringFiles.Query alert : alerts) {
            JsonNode atNow = prometheus.query(alert.expr(), now);
            JsonNode later = prometheus.query(alert.expr(), now + FROZEN_FOR.toSeconds());
            System.out.println("Alert " + alert.source() + ": now " + atNow + "; " + FROZEN_FOR + " later " + later);
            switch (ALERTS.get(alert.source())) {
                case NOW -> {
                    assertFalse(atNow.isEmpty(), alert.source() + " did not fire: " + alert.expr());
                    assertEquals(PIPELINE, atNow.get(0).path("metric").path("pipeline").asText(), atNow.toString());
                }
                case WHEN_FROZEN -> {
                    assertTrue(atNow.isEmpty(), alert.source() + " fired too early: " + atNow);
                    assertFalse(later.isEmpty(), alert.source() + " did not fire after " + FROZEN_FOR + ": " + alert.expr());
                    assertEquals(PIPELINE, later.get(0).path("metric").path("pipeline").asText(), later.toString());
                }
                case WHEN_A_PROCESS_IS_DOWN -> {
                    assertTrue(atNow.isEmpty(), alert.source() + " fired while every process answers: " + atNow);
                    assertTrue(later.isEmpty(), alert.source() + " fired while every process answers: " + later);
                }
            }
        }

        JsonNode rules = prometheus.await("every alert rule evaluated after the failures", Duration.ofSeconds(20),
                () -> prometheus.get("/api/v1/rules?type=alert"),
                d -> alertStates(d).entrySet().stream().allMatch(e -> e.getValue().equals(
                        ALERTS.get(e.getKey()) == Fires.NOW ? "firing" : "inactive")));
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertEquals("ok", rule.path("health").asText(), rule.toString());
                assertEquals("", rule.path("lastError").asText(""), rule.toString());
            }
        }
        assertEquals(ALERTS.keySet(), alertStates(rules).keySet());

        for (String shown : new String[] {"defrost_run_progress_ratio", "defrost_run_eta_seconds", "defrost_cells_remaining",
                "sum by (outcome) (defrost_cells_finished_total{pipeline=\"" + PIPELINE + "\"})"}) {
            System.out.println("Prometheus, while the held cell runs: " + shown + " -> " + prometheus.query(shown, now));
        }
        assertEquals(1.0, value(prometheus.query("defrost_cells_remaining", now)));
        assertEquals(1.0, value(prometheus.query("defrost_runs_active", now)));
        assertEquals(1.0, value(prometheus.query("defrost_worker_busy", now)));
    }

    /**
     * The dashboard's variables with every value selected, as Grafana resolves them: each variable's values
     * come from its {@code label_values} query, with the variables before it already resolved.
     */
    private Map<String, String> variablesAllSelected(PrometheusServer prometheus, double now) throws Exception {
        Map<String, String> resolved = new LinkedHashMap<>();
        Map<String, List<String>> listed = new TreeMap<>();
        for (MonitoringFiles.Variable v : MonitoringFiles.dashboardVariables()) {
            List<String> values = prometheus.labelValues(v.label(), interpolate(v.selector(), resolved));
            listed.put(v.name(), values);
            resolved.put(v.name(), v.allValue() != null ? v.allValue() : grafanaRegex(values));
        }
        assertEquals(List.of("defrost", "defrost-worker"), listed.get("job"));
        assertEquals(2, listed.get("instance").size(), listed.toString());
        assertEquals(List.of(PIPELINE), listed.get("pipeline"));
        return resolved;
    }

    /** Several selected values of a variable in a regular-expression matcher, escaped as Grafana does. */
    static String grafanaRegex(List<String> values) {
        return "(" + values.stream().map(v -> v.replaceAll("([\\\\.^$*+?()\\[\\]{}|])", "\\\\\\\\$1"))
                .collect(Collectors.joining("|")) + ")";
    }

    private static String interpolate(MonitoringFiles.Query q, Map<String, String> variables) {
        String expr = interpolate(q.expr(), variables);
        assertFalse(expr.contains("$"), q.source() + " uses a variable the test does not know: " + q.expr());
        return expr;
    }

    private static String interpolate(String expr, Map<String, String> variables) {
        String out = expr.replace("$__rate_interval", "1m").replace("$__range", "1h");
        for (Map.Entry<String, String> v : variables.entrySet()) {
            out = out.replace("$" + v.getKey(), v.getValue());
        }
        return out;
    }

    /** Whether some series of an instant query's result has a number, not NaN. */
    private static boolean anyFinite(JsonNode result) {
        for (JsonNode series : result) {
            if (Double.isFinite(Double.parseDouble(series.path("value").get(1).asText()))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> instances(JsonNode result) {
        Set<String> seen = new TreeSet<>();
        for (JsonNode series : result) {
            String instance = series.path("metric").path("instance").asText("");
            assertFalse(instance.isEmpty(), "a series without an instance: " + series);
            seen.add(instance);
        }
        return seen;
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
        assertEquals(2.0, value(prometheus.query("defrost_cells_finished_total{stage_type=\"train-sweep\", outcome=\"cached\"}", now)));
    }

    private void whenTheWorkerIsGone(PrometheusServer prometheus, String worker) throws Exception {
        prometheus.await("the worker's target to be down", Duration.ofSeconds(20),
                () -> prometheus.query("up == 0", System.currentTimeMillis() / 1e3), r -> r.size() == 1);
        String down = MonitoringFiles.alertRules().stream().filter(a -> a.source().equals("DefrostDown")).findFirst()
                .orElseThrow().expr();
        JsonNode fired = prometheus.query(down, System.currentTimeMillis() / 1e3);
        assertEquals(1, fired.size(), fired.toString());
        assertEquals(worker, fired.get(0).path("metric").path("instance").asText());
        assertEquals("defrost-worker", fired.get(0).path("metric").path("job").asText());
        prometheus.await("DefrostDown to be pending (it fires after 5 minutes)", Duration.ofSeconds(20),
                () -> prometheus.get("/api/v1/rules?type=alert"), d -> "pending".equals(alertStates(d).get("DefrostDown")));
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
