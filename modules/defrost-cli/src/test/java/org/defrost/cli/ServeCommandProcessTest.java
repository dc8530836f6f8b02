package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code defrost serve} as a lab runs it, in a JVM of its own with the built-in stages: killed with SIGKILL in the
 * middle of a fine-tuning sweep, started again, it finishes the sweep computing only the missing cells, with the
 * results of an uninterrupted run; SIGTERM then stops it cleanly.
 */
class ServeCommandProcessTest {
    /** A tiny study: 2 seeds × 2 target sizes × 3 depths × 2 initialisations = 24 fine-tuning units (20 distinct). */
    private static final String SWEEP = """
            pipeline: tiny-sweep
            seed: 11
            seeds: 2
            stages:
              - id: tasks
                uses: chmm
                with: { inputDim: 20, sourceLatentDim: 5, targetLatentDim: 5, sourceTrainSize: 400, targetPoolSize: 400,
                        sourceTestSize: 400, targetTestSize: 400, probeSize: 100 }
              - id: source
                uses: pretrain
                with: { hidden: [16, 16], maxEpochs: 20, patience: 5 }
              - id: defrost
                uses: incremental-defrosting
              - id: finetune
                uses: fine-tune
                with: { targetSizes: [100, 300], maxEpochs: 300, patience: 300 }
            """;
    /** Columns of cells.csv that measure the machine, not the result. */
    private static final List<String> TIMING = List.of("seconds", "samplesPerSecond", "cellKey");
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(120);

    @TempDir
    Path root;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killEveryProcess() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServiceKilledMidSweepResumesOnlyTheMissingCellsWithTheResultsOfAnUninterruptedRun() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Path workspace = root.resolve("workspace");
        Files.writeString(inbox.resolve("sweep.yaml"), SWEEP);
        int port = freePort();

        Process first = serve(inbox, workspace, port, "first.log");
        awaitCells(workspace, 4, first);
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "SIGKILL ends the service");
        int beforeKill = cells(workspace).size();
        assertTrue(beforeKill >= 4 && beforeKill < 20, "killed in the middle of the sweep, after " + beforeKill + " cells");

        Process second = serve(inbox, workspace, port, "second.log");
        Path processed = awaitProcessed(inbox, second);
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"up\""), health.body());
        second.destroy();
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "SIGTERM ends the service");
        assertEquals(0, second.exitValue(), "SIGTERM is the service's normal end");
        String log = Files.readString(root.resolve("second.log"));
        for (String line : List.of("defrost serve: watching ", "event=file-resumed", "event=file-processed",
                "event=service-stopped")) {
            assertTrue(log.contains(line), line + " missing from the log:\n" + log);
        }
        assertTrue(Files.readString(processed.resolveSibling(processed.getFileName() + ".run.txt")).contains(" succeeded."));

        int distinctCells = cells(workspace).size();
        JsonNode fineTune = fineTuneInvocation(workspace);
        assertEquals(distinctCells - beforeKill, fineTune.path("units").path("computed").asInt(), "only the missing cells ran");
        Path reference = root.resolve("reference");
        Path expected = runUninterrupted(inbox.resolve("sweep.yaml"), reference);
        assertEquals(cells(reference).size(), distinctCells);
        assertEquals(results(expected), results(artifact(workspace, fineTune.path("outputs").path("transfer-results").asText())));
    }

    private Process serve(Path inbox, Path workspace, int port, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "--add-modules", "jdk.incubator.vector",
                "-Djava.util.logging.manager=org.defrost.service.ShutdownLogManager",
                "-cp", System.getProperty("java.class.path"), DefrostCommand.class.getName(), "serve",
                "--inbox", inbox.toString(), "--workspace", workspace.toString(), "--threads", "2",
                "--quiet-period", "200ms", "--metrics-port", Integer.toString(port), "--plugins", root.resolve("no-plugins").toString());
        pb.redirectErrorStream(true).redirectOutput(root.resolve(log).toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private void awaitCells(Path workspace, int count, Process p) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (cells(workspace).size() < count) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                fail("no " + count + " fine-tuning cells; log:\n" + logs());
            }
            Thread.sleep(10);
        }
    }

    private Path awaitProcessed(Path inbox, Process p) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (true) {
            try (Stream<Path> s = Stream.concat(Files.list(inbox.resolve("processed")), Files.list(inbox.resolve("failed")))) {
                List<Path> handled = s.filter(f -> f.getFileName().toString().endsWith("_sweep.yaml")).toList();
                if (!handled.isEmpty()) {
                    Path file = handled.get(0);
                    Path error = file.resolveSibling(file.getFileName() + ".error.txt");
                    if (Files.exists(error)) {
                        fail("the sweep failed: " + Files.readString(error));
                    }
                    return file;
                }
            } catch (java.nio.file.NoSuchFileException notYetMade) {
                // the service creates the folders when it starts
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                fail("the sweep did not finish; log:\n" + logs());
            }
            Thread.sleep(20);
        }
    }

    private String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("first.log", "second.log")) {
            Path log = root.resolve(name);
            if (Files.exists(log)) {
                sb.append("--- ").append(name).append('\n').append(Files.readString(log));
            }
        }
        return sb.toString();
    }

    /** Runs the pipeline in this JVM without interruption; returns its transfer-results artifact. */
    private static Path runUninterrupted(Path file, Path workspace) throws Exception {
        Pipeline p = new PipelineParser(StageRegistry.builtIn()).parse(file, SWEEP);
        try (PipelineRunner runner = new PipelineRunner(new ArtifactStore(workspace), 2)) {
            RunResult r = runner.run(p, new RunListener() { }, new RunControl());
            assertTrue(r.succeeded(), String.valueOf(r.failure()));
            return r.outputs().get("finetune").get(0);
        }
    }

    /** The fine-tune invocation of the run that succeeded. */
    private static JsonNode fineTuneInvocation(Path workspace) throws IOException {
        try (Stream<Path> runs = Files.list(workspace.resolve("runs"))) {
            for (Path run : runs.toList()) {
                JsonNode record = Json.MAPPER.readTree(run.resolve("run.json").toFile());
                if (record.path("status").asText().equals("succeeded")) {
                    for (JsonNode inv : record.path("invocations")) {
                        if (inv.path("stageId").asText().equals("finetune")) {
                            return inv;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no succeeded run with a fine-tune invocation in " + workspace);
    }

    /** The result tables of a transfer-results artifact, with the timing columns of cells.csv left out. */
    private static Map<String, String> results(Path artifact) throws IOException {
        Map<String, String> tables = new TreeMap<>();
        for (String table : List.of("cells.csv", "summary.csv", "optimal-depths.csv", "curves.csv")) {
            List<String> lines = Files.readAllLines(artifact.resolve(table));
            List<String> header = Arrays.asList(lines.get(0).split(",", -1));
            tables.put(table, lines.stream().map(l -> {
                String[] v = l.split(",", -1);
                List<String> kept = new ArrayList<>();
                for (int i = 0; i < v.length; i++) {
                    if (!TIMING.contains(header.get(i))) {
                        kept.add(v[i]);
                    }
                }
                return String.join(",", kept);
            }).collect(Collectors.joining("\n")));
        }
        return tables;
    }

    private static Path artifact(Path workspace, String key) {
        return workspace.resolve("artifacts").resolve(key);
    }

    /** Keys of the fine-tuning cells in the workspace. */
    private static List<String> cells(Path workspace) throws IOException {
        Path artifacts = workspace.resolve("artifacts");
        if (!Files.isDirectory(artifacts)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(artifacts)) {
            for (Path dir : dirs.toList()) {
                Path manifest = dir.resolve("manifest.json");
                if (Files.exists(manifest) && Json.MAPPER.readTree(manifest.toFile()).path("kind").asText().equals("transfer-cell")) {
                    keys.add(dir.getFileName().toString());
                }
            }
        }
        return keys;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
