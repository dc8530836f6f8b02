package org.defrost.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service in its own JVM, killed or stopped in the middle of a sweep and started again. */
class ServiceProcessTest {
    /** 2 cells × 2 seeds × 8 units of 100 ms, two at a time: about 1.6 s of work in 32 cached units. */
    private static final String SWEEP = """
            pipeline: long-sweep
            seed: 5
            seeds: 2
            matrix:
              k: [1, 2]
            stages:
              - id: numbers
                uses: numbers
                with: { count: 4 }
              - id: sweep
                uses: sweep
                with: { units: 8, unitMillis: 100, k: "${matrix.k}" }
            """;
    private static final int UNITS = 32;
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(90);

    @TempDir
    Path root;
    private Path inbox;
    private Path workspace;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void dropSweep() throws IOException {
        inbox = Files.createDirectories(root.resolve("inbox"));
        workspace = root.resolve("workspace");
        Files.writeString(inbox.resolve("sweep.yaml"), SWEEP);
    }

    @AfterEach
    void killEveryProcess() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServiceKilledMidSweepResumesOnRestartComputingOnlyTheMissingCellsWithIdenticalResults() throws Exception {
        Process first = launch("first.log");
        awaitUnits(6, first);
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "SIGKILL ends the process");
        int done = artifactsOf(workspace, "cell").size();
        assertTrue(done >= 6 && done < UNITS, "killed in the middle of the sweep, after " + done + " units");
        assertEquals(1, files(inbox.resolve(Inbox.RUNNING)).size(), "the interrupted file waits in .running/");

        Process second = launch("second.log");
        Path handled = awaitHandled(second);
        assertTrue(ServiceFixture.processed(handled), ServiceFixture.error(handled));
        stop(second);

        assertEquals(Map.of("cached", done, "computed", UNITS - done), units(succeededRun()));
        Path reference = root.resolve("reference");
        runUninterrupted(reference);
        assertEquals(artifactsOf(reference, "cell"), artifactsOf(workspace, "cell"));
        assertEquals(resultTables(reference), resultTables(workspace));
    }

    @Test
    void sigtermStopsTheRunAtItsNextPollKeepsItsFileAndTheNextStartFinishesOnlyTheRest() throws Exception {
        Process first = launch("first.log");
        awaitUnits(4, first);
        first.destroy();
        assertTrue(first.waitFor(60, TimeUnit.SECONDS), "SIGTERM ends the process");
        assertEquals(143, first.exitValue());
        String log = Files.readString(root.resolve("first.log"));
        for (String event : List.of("event=service-stopping", "event=run-finished", "status=cancelled", "event=run-interrupted",
                "event=service-stopped")) {
            assertTrue(log.contains(event), event + " missing from the log:\n" + log);
        }
        int done = artifactsOf(workspace, "cell").size();
        assertTrue(done < UNITS, "stopped in the middle of the sweep, after " + done + " units");
        assertEquals(1, files(inbox.resolve(Inbox.RUNNING)).size(), "the interrupted file waits in .running/");
        assertEquals(List.of(), files(inbox.resolve(Inbox.FAILED)));
        assertEquals(List.of(), files(workspace.resolve("tmp")), "cancelled units left no temporary files");

        Process second = launch("second.log");
        Path handled = awaitHandled(second);
        assertTrue(ServiceFixture.processed(handled), ServiceFixture.error(handled));
        stop(second);
        assertEquals(Map.of("cached", done, "computed", UNITS - done), units(succeededRun()));
    }

    private Process launch(String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-Djava.util.logging.manager=" + ShutdownLogManager.class.getName(),
                "-cp", System.getProperty("java.class.path"),
                ServiceProcessMain.class.getName(), inbox.toString(), workspace.toString());
        pb.redirectErrorStream(true).redirectOutput(root.resolve(log).toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private void stop(Process p) throws InterruptedException {
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "SIGTERM ends the process");
    }

    private void awaitUnits(int count, Process p) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (artifactsOf(workspace, "cell").size() < count) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                fail("the service did not compute " + count + " units; its log:\n" + logs());
            }
            Thread.sleep(10);
        }
    }

    private Path awaitHandled(Process p) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (true) {
            List<Path> handled = new ArrayList<>(files(inbox.resolve(Inbox.PROCESSED)));
            handled.addAll(files(inbox.resolve(Inbox.FAILED)));
            handled.removeIf(f -> f.getFileName().toString().endsWith(".txt"));
            if (!handled.isEmpty()) {
                return handled.get(0);
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                fail("the service did not finish the sweep; its log:\n" + logs());
            }
            Thread.sleep(20);
        }
    }

    private String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path log : files(root)) {
            if (log.getFileName().toString().endsWith(".log")) {
                sb.append("--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
        }
        return sb.toString();
    }

    private void runUninterrupted(Path reference) throws Exception {
        Pipeline p = new PipelineParser(TestStages.registry()).parse(inbox.resolve("sweep.yaml"), SWEEP);
        try (PipelineRunner runner = new PipelineRunner(new ArtifactStore(reference), 2)) {
            RunResult r = runner.run(p, new RunListener() { }, new RunControl());
            assertTrue(r.succeeded(), String.valueOf(r.failure()));
        }
    }

    /** The record of the run that succeeded (the first one was killed and stays "running", or was cancelled). */
    private JsonNode succeededRun() throws IOException {
        for (Path run : files(workspace.resolve("runs"))) {
            JsonNode record = Json.MAPPER.readTree(run.resolve("run.json").toFile());
            if (record.path("status").asText().equals("succeeded")) {
                return record;
            }
        }
        throw new AssertionError("no run succeeded in " + workspace);
    }

    /** Units the sweep's invocations of a run took from the store and computed. */
    private static Map<String, Integer> units(JsonNode run) {
        int cached = 0;
        int computed = 0;
        for (JsonNode inv : run.path("invocations")) {
            if (inv.path("stageId").asText().equals("sweep")) {
                cached += inv.path("units").path("cached").asInt();
                computed += inv.path("units").path("computed").asInt();
            }
        }
        return Map.of("cached", cached, "computed", computed);
    }

    /** The results.csv of every sweep result, by artifact key. */
    private static Map<String, String> resultTables(Path workspace) throws IOException {
        Map<String, String> tables = new TreeMap<>();
        for (String key : artifactsOf(workspace, "results")) {
            tables.put(key, Files.readString(workspace.resolve("artifacts").resolve(key).resolve("results.csv")));
        }
        return tables;
    }

    static List<String> artifactsOf(Path workspace, String kind) throws IOException {
        Path artifacts = workspace.resolve("artifacts");
        if (!Files.isDirectory(artifacts)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (Path dir : files(artifacts)) {
            Path manifest = dir.resolve("manifest.json");
            if (Files.exists(manifest) && Json.MAPPER.readTree(manifest.toFile()).path("kind").asText().equals(kind)) {
                keys.add(dir.getFileName().toString());
            }
        }
        return keys;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
