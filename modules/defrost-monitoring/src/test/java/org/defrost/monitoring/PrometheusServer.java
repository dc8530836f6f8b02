package org.defrost.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real Prometheus server, started on loopback with its own storage, and its HTTP API. Closing stops
 * the process (and waits for it).
 */
final class PrometheusServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path log;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * Starts Prometheus on {@code 127.0.0.1:port} with the shipped {@code prometheus.yml}, changed only so that
     * it scrapes and evaluates its rules every second and each shipped target is replaced as {@code targets}
     * says (e.g. {@code 127.0.0.1:9464} by the port a test serves on). Samples stay visible to instant queries
     * for {@code lookback} (Prometheus's default is 5 minutes).
     */
    static PrometheusServer start(Path dir, int port, Map<String, String> targets, Duration lookback) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode config = (ObjectNode) yaml.readTree(MonitoringFiles.prometheusConfig().toFile());
        ObjectNode global = (ObjectNode) config.path("global");
        global.put("scrape_interval", "1s").put("scrape_timeout", "1s").put("evaluation_interval", "1s");
        ArrayNode rules = config.putArray("rule_files");
        rules.add(MonitoringFiles.alerts().toAbsolutePath().toString());
        for (JsonNode job : config.path("scrape_configs")) {
            for (JsonNode sc : job.path("static_configs")) {
                ArrayNode list = (ArrayNode) sc.path("targets");
                for (int i = 0; i < list.size(); i++) {
                    String shipped = list.get(i).asText();
                    if (!targets.containsKey(shipped)) {
                        throw new IllegalArgumentException("no replacement for the shipped target " + shipped);
                    }
                    list.set(i, list.textNode(targets.get(shipped)));
                }
            }
        }
        Path file = dir.resolve("prometheus.yml");
        yaml.writeValue(file.toFile(), config);
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + file,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--query.lookback-delta=" + lookback.toSeconds() + "s")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PrometheusServer(p, log, port);
    }

    /** Prometheus's own log so far, for failure messages. */
    String log() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** GETs {@code path} of the API and returns its {@code data}, failing unless the status is success. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return body.path("data");
    }

    /** The values of {@code label} among the series {@code selector} matches, as a dashboard variable lists them. */
    List<String> labelValues(String label, String selector) throws IOException, InterruptedException {
        JsonNode data = get("/api/v1/label/" + label + "/values?match%5B%5D=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        List<String> values = new java.util.ArrayList<>();
        data.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** An instant query at {@code unixSeconds}; returns the result array. */
    JsonNode query(String expr, double unixSeconds) throws IOException, InterruptedException {
        JsonNode data = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
                + "&time=" + String.format(java.util.Locale.ROOT, "%.3f", unixSeconds));
        return data.path("result");
    }

    /** Polls {@code call} every 200 ms until {@code done} holds for its answer, up to {@code limit}. */
    JsonNode await(String what, Duration limit, Call call, Predicate<JsonNode> done) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        JsonNode last = null;
        Exception error = null;
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                last = call.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                error = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; last answer " + last
                + (error == null ? "" : ", last error " + error) + "\nprometheus log:\n" + log());
    }

    /** A call to the API. */
    interface Call {
        JsonNode get() throws Exception;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
    }
}
