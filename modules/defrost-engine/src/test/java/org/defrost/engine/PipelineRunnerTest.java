package org.defrost.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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

class PipelineRunnerTest {
    static final String PIPELINE = """
            pipeline: engine-test
            seed: 7
            seeds: 2
            matrix:
              scale: [1.0, 2.0, 3.0]
            stages:
              - id: numbers
                uses: emit
                with: { count: 5, scale: "${matrix.scale}" }
              - id: sums
                uses: sum-units
              - id: table
                uses: collect
            """;

    @TempDir
    Path dir;
    PipelineRunner runner;

    @BeforeEach
    void start() throws Exception {
        TestStages.reset();
        runner = new PipelineRunner(new ArtifactStore(dir.resolve("work")), 2);
    }

    @AfterEach
    void stop() {
        runner.close();
        TestStages.reset();
    }

    private RunResult run(String text) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, text);
        Pipeline p = new PipelineParser(TestStages.registry()).parse(file);
        return runner.run(p, new RunListener() { }, new RunControl());
    }

    private JsonNode record(RunResult r) throws IOException {
        return Json.MAPPER.readTree(r.runDirectory().resolve("run.json").toFile());
    }

    @Test
    void multiStagePipelineRunsEndToEnd() throws Exception {
        RunResult r = run(PIPELINE);
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
        assertEquals(6, TestStages.runs("emit"));
        assertEquals(3, TestStages.runs("sum-units"));
        assertEquals(6, TestStages.runs("unit"));
        assertEquals(1, TestStages.runs("collect"));
        Path table = r.outputs().get("table").get(0).resolve("all.csv");
        String text = Files.readString(table);
        assertEquals(3, text.lines().filter(l -> l.startsWith("# {scale=")).count(), text);
        assertEquals("succeeded", record(r).get("status").asText());
        assertTrue(Files.isSymbolicLink(r.runDirectory().resolve("outputs/table-table")));
    }

    @Test
    void matrixCellsRunInParallel() throws Exception {
        TestStages.emitBarrier = new CountDownLatch(2);
        RunResult r = run(PIPELINE);
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
    }

    @Test
    void secondRunIsServedFromCacheWithoutRunningAnyStage() throws Exception {
        RunResult first = run(PIPELINE);
        assertTrue(first.succeeded());
        TestStages.reset();
        RunResult second = run(PIPELINE);
        assertTrue(second.succeeded());
        assertEquals(0, TestStages.runs("emit") + TestStages.runs("sum-units") + TestStages.runs("unit")
                + TestStages.runs("collect"));
        for (JsonNode inv : record(second).get("invocations")) {
            assertEquals("cached", inv.get("status").asText(), inv.toString());
        }
        assertEquals(first.outputs(), second.outputs());
    }

    @Test
    void failedCellKeepsFinishedArtifactsAndRerunComputesOnlyWhatIsMissing() throws Exception {
        TestStages.FAIL_UNITS.add("sum-{scale=2.0}-1");
        RunResult failed = run(PIPELINE);
        assertEquals("failed", failed.status());
        String message = failed.failure().getMessage();
        assertTrue(message.contains("stage 'sums'") && message.contains("scale=2.0") && message.contains("sum-{scale=2.0}-1"),
                message);
        JsonNode rec = record(failed);
        assertEquals("failed", rec.get("status").asText());
        assertTrue(rec.get("error").get("message").asText().contains("injected failure"));
        assertEquals(6, TestStages.runs("unit"));

        TestStages.reset();
        RunResult rerun = run(PIPELINE);
        assertTrue(rerun.succeeded(), () -> String.valueOf(rerun.failure()));
        assertEquals(0, TestStages.runs("emit"));
        assertEquals(1, TestStages.runs("unit"), "only the failed unit runs again");
        assertEquals(1, TestStages.runs("sum-units"), "only the failed cell's stage runs again");
        assertEquals(1, TestStages.runs("collect"));
    }

    @Test
    void damagedArtifactIsDetectedAndRecomputed() throws Exception {
        RunResult first = run(PIPELINE);
        Path values = first.outputs().get("numbers").get(0).resolve("values.npy");
        byte[] bytes = Files.readAllBytes(values);
        bytes[bytes.length - 1] ^= 0x55;
        values.toFile().setWritable(true);
        Files.write(values, bytes);
        TestStages.reset();
        RunResult second = run(PIPELINE);
        assertTrue(second.succeeded());
        assertEquals(1, TestStages.runs("emit"), "only the damaged artifact is recomputed");
        assertEquals(0, TestStages.runs("unit"), "the recomputed artifact has the same content, so later keys match");
        assertTrue(Files.isDirectory(dir.resolve("work/damaged")));
        try (Stream<Path> s = Files.list(dir.resolve("work/damaged"))) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void changingAParameterRecomputesOnlyWhatDependsOnIt() throws Exception {
        run(PIPELINE);
        TestStages.reset();
        RunResult r = run(PIPELINE.replace("scale: [1.0, 2.0, 3.0]", "scale: [1.0, 2.0, 3.0, 4.0]"));
        assertTrue(r.succeeded());
        assertEquals(2, TestStages.runs("emit"), "only the new cell's two seeds");
        assertEquals(2, TestStages.runs("unit"));
        assertEquals(1, TestStages.runs("collect"));
    }

    @Test
    void seedsGiveDifferentDataAndTheSameSeedGivesTheSameData() throws Exception {
        RunResult r = run(PIPELINE);
        List<Path> numbers = r.outputs().get("numbers");
        byte[] s0 = Files.readAllBytes(numbers.get(0).resolve("values.npy"));
        byte[] s1 = Files.readAllBytes(numbers.get(1).resolve("values.npy"));
        assertFalse(java.util.Arrays.equals(s0, s1));
        Path other = dir.resolve("other");
        try (PipelineRunner second = new PipelineRunner(new ArtifactStore(other), 1)) {
            Path file = dir.resolve("p.yaml");
            RunResult again = second.run(new PipelineParser(TestStages.registry()).parse(file), new RunListener() { },
                    new RunControl());
            assertTrue(java.util.Arrays.equals(s0, Files.readAllBytes(again.outputs().get("numbers").get(0).resolve("values.npy"))));
            assertNotEquals(r.runId(), again.runId());
        }
    }

    @Test
    void temporaryDirectoriesLeftByKilledProcessesAreRemovedOnceStale() throws Exception {
        Path tmp = dir.resolve("work/tmp");
        Path old = Files.createDirectories(tmp.resolve("numbers-old"));
        Files.writeString(old.resolve("values.npy"), "partial");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(
                java.time.Duration.ofHours(25))));
        Path young = Files.createDirectories(tmp.resolve("numbers-young"));
        try (PipelineRunner another = new PipelineRunner(new ArtifactStore(dir.resolve("work")), 1)) {
            assertFalse(Files.exists(old), "a day-old temporary directory is a leftover");
            assertTrue(Files.isDirectory(young), "a young one may belong to a process still writing");
            assertEquals(1, another.threads());
        }
    }

    @Test
    void cancelledRunStopsAndSaysSo() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, PIPELINE);
        RunControl control = new RunControl();
        control.cancel();
        RunResult r = runner.run(new PipelineParser(TestStages.registry()).parse(file), new RunListener() { }, control);
        assertEquals("cancelled", r.status());
        assertEquals(0, TestStages.runs("emit"));
    }
}
