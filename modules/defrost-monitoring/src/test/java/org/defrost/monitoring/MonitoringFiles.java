package org.defrost.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped files under {@code monitoring/}: where they are and the queries in them. */
final class MonitoringFiles {
    private static final Pattern METRIC = Pattern.compile("\\b(?:defrost|jvm|process|system)_[a-z0-9_]+\\b");

    /**
     * Metrics that only {@code defrost worker} processes publish. The tests of this module run pipelines in
     * their own process, so queries of these metrics can have no data here; the scale-out tests of the command
     * line, which start workers, check that a worker publishes every one the dashboard uses.
     */
    static final String WORKER_METRIC_PREFIX = "defrost_worker_";

    /** A PromQL expression and where it comes from. */
    record Query(String source, String expr) {

        /** Whether the query reads metrics that only workers publish. */
        boolean readsWorkerMetrics() {
            return expr.contains(WORKER_METRIC_PREFIX);
        }
    }

    private MonitoringFiles() {
    }

    /** {@code monitoring/} of the source tree this test runs in. */
    static Path directory() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("monitoring/prometheus/alerts.yml"))) {
                return p.resolve("monitoring");
            }
        }
        throw new IllegalStateException("no monitoring/prometheus/alerts.yml above " + Path.of("").toAbsolutePath());
    }

    static Path alerts() {
        return directory().resolve("prometheus/alerts.yml");
    }

    static Path dashboard() {
        return directory().resolve("grafana/dashboards/defrost.json");
    }

    /** Every target expression of every panel of the dashboard, rows' nested panels included. */
    static List<Query> dashboardQueries() throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard().toFile());
        List<Query> out = new ArrayList<>();
        collect(root.path("panels"), out);
        return out;
    }

    private static void collect(JsonNode panels, List<Query> out) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                out.add(new Query("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.path("expr").asText()));
            }
            collect(panel.path("panels"), out);
        }
    }

    /** The alert rules of alerts.yml, named by alert. */
    static List<Query> alertRules() throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(alerts().toFile());
        List<Query> out = new ArrayList<>();
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    out.add(new Query(rule.path("alert").asText(), rule.path("expr").asText()));
                }
            }
        }
        return out;
    }

    /** Metric names (defrost, JVM, process and system ones) that occur in {@code queries}. */
    static Set<String> metricNames(List<Query> queries) {
        Set<String> names = new TreeSet<>();
        for (Query q : queries) {
            Matcher m = METRIC.matcher(q.expr());
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }
}
