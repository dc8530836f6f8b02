package org.defrost.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped files under {@code monitoring/}: where they are and the queries in them. */
final class MonitoringFiles {
    private static final Pattern METRIC = Pattern.compile("\\b(?:defrost|jvm|process|system)_[a-z0-9_]+\\b");
    private static final Pattern PER_PROCESS = Pattern.compile("\\b(?:jvm|process|system)_[a-z0-9_]+\\b");

    /** A PromQL expression and where it comes from. */
    record Query(String source, String expr) {

        /** Whether the query reads JVM, process or machine meters, which every defrost process has. */
        boolean readsProcessMeters() {
            return PER_PROCESS.matcher(expr).find();
        }
    }

    /**
     * A query variable of the dashboard: {@code label_values(SELECTOR, LABEL)}, and the value that stands for
     * "All" (null: Grafana's default, every value as a regular-expression alternation).
     */
    record Variable(String name, String selector, String label, String allValue) {
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

    static Path prometheusConfig() {
        return directory().resolve("prometheus/prometheus.yml");
    }

    /** The query variables of the dashboard, in order (a later one may use an earlier one). */
    static List<Variable> dashboardVariables() throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard().toFile());
        Pattern labelValues = Pattern.compile("label_values\\((.+),\\s*([a-z_]+)\\)");
        List<Variable> out = new ArrayList<>();
        for (JsonNode v : root.path("templating").path("list")) {
            if (!v.path("type").asText().equals("query")) {
                continue;
            }
            Matcher m = labelValues.matcher(v.path("query").path("query").asText());
            if (!m.matches()) {
                throw new IllegalStateException("variable " + v.path("name").asText() + " is not label_values(...): " + v);
            }
            out.add(new Variable(v.path("name").asText(), m.group(1).strip(), m.group(2),
                    v.hasNonNull("allValue") ? v.path("allValue").asText() : null));
        }
        return out;
    }

    /** The scrape jobs of prometheus.yml and their targets. */
    static Map<String, List<String>> scrapeTargets() throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(prometheusConfig().toFile());
        Map<String, List<String>> jobs = new LinkedHashMap<>();
        for (JsonNode job : root.path("scrape_configs")) {
            List<String> targets = new ArrayList<>();
            for (JsonNode sc : job.path("static_configs")) {
                sc.path("targets").forEach(t -> targets.add(t.asText()));
            }
            jobs.put(job.path("job_name").asText(), targets);
        }
        return jobs;
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
