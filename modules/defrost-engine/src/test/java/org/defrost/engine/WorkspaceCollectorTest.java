package org.defrost.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.run.WorkspaceCollector;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.Manifest;
import org.defrost.engine.store.PendingArtifact;
import org.defrost.engine.store.StoredArtifact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code defrost gc}: what no kept run references goes, with damaged copies; what a kept run needs stays. */
class WorkspaceCollectorTest {
    @TempDir
    Path dir;
    ArtifactStore store;
    PipelineRunner runner;

    @BeforeEach
    void start() throws Exception {
        TestStages.reset();
        store = new ArtifactStore(dir.resolve("work"));
        runner = new PipelineRunner(store, 2);
    }

    @AfterEach
    void stop() {
        runner.close();
        TestStages.reset();
    }

    private RunResult run(String text) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, text);
        return runner.run(new PipelineParser(TestStages.registry()).parse(file), new RunListener() { }, new RunControl());
    }

    private StoredArtifact stray() throws Exception {
        PendingArtifact p = store.begin("stray");
        Files.writeString(p.directory().resolve("x.txt"), "no run made me");
        return store.commit(p, "f".repeat(64), new Manifest.Producer("t", "1", "s", "p"), Map.of(), List.of(), 0);
    }

    @Test
    void unreferencedArtifactsAndDamagedCopiesGoAndAKeptRunStaysFullyCached() throws Exception {
        RunResult first = run(PipelineRunnerTest.PIPELINE);
        WorkspaceCollector gc = new WorkspaceCollector(store);
        WorkspaceCollector.Plan clean = gc.plan();
        assertEquals(List.of(), clean.unreferenced(), "every artifact, work units included, belongs to the run");
        assertEquals(1, clean.keptRuns());

        StoredArtifact stray = stray();
        Path damaged = Files.createDirectories(dir.resolve("work/damaged/abc-1"));
        Files.writeString(damaged.resolve("values.npy"), "broken");
        WorkspaceCollector.Plan plan = gc.plan();
        assertEquals(List.of(stray.key()), plan.unreferenced().stream().map(WorkspaceCollector.Entry::name).toList());
        assertEquals("stray", plan.unreferenced().get(0).kind());
        assertEquals(List.of("abc-1"), plan.damaged().stream().map(WorkspaceCollector.Entry::name).toList());
        assertTrue(Files.exists(stray.directory()), "planning changes nothing");

        gc.delete(plan);
        assertFalse(Files.exists(stray.directory()));
        assertFalse(Files.exists(damaged));
        TestStages.reset();
        RunResult again = run(PipelineRunnerTest.PIPELINE);
        assertTrue(again.succeeded());
        assertEquals(0, TestStages.runs("emit") + TestStages.runs("unit") + TestStages.runs("sum-units")
                + TestStages.runs("collect"), "nothing the kept run needs was removed");
        assertEquals(first.outputs(), again.outputs());
    }

    @Test
    void deletingARunsDirectoryLetsGoOfTheArtifactsOnlyItReferenced() throws Exception {
        RunResult small = run(PipelineRunnerTest.PIPELINE);
        RunResult big = run(PipelineRunnerTest.PIPELINE.replace("[1.0, 2.0, 3.0]", "[1.0, 2.0, 3.0, 4.0]"));
        org.defrost.engine.store.ArtifactStore.deleteTree(big.runDirectory());
        WorkspaceCollector.Plan plan = new WorkspaceCollector(store).plan();
        List<String> kinds = plan.unreferenced().stream().map(WorkspaceCollector.Entry::kind).sorted().toList();
        assertEquals(List.of("numbers", "numbers", "sum", "sum", "sums", "table"), kinds,
                "the new cell's two seeds, its two units, its sums and the bigger table");
        assertTrue(small.succeeded());
    }
}
