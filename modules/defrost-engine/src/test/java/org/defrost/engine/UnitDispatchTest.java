package org.defrost.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.run.UnitBatch;
import org.defrost.engine.run.UnitDescription;
import org.defrost.engine.run.UnitDispatcher;
import org.defrost.engine.run.UnitOutcome;
import org.defrost.engine.run.UnitRefusedException;
import org.defrost.engine.run.CachedUnitRunner;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.spi.WorkUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work units handed to a dispatcher other than the runner's own threads, as a broker would carry them. */
class UnitDispatchTest {
    @TempDir
    Path dir;
    final ExecutorService remote = Executors.newFixedThreadPool(2);

    @BeforeEach
    void reset() {
        TestStages.reset();
    }

    @AfterEach
    void stop() {
        remote.shutdownNow();
        TestStages.reset();
    }

    /**
     * Runs each unit from its JSON form on other threads with a {@link CachedUnitRunner} of its own, as a worker
     * process would, and keeps every description it saw.
     */
    static final class JsonDispatcher implements UnitDispatcher {
        final List<UnitDescription> seen = Collections.synchronizedList(new ArrayList<>());
        final CachedUnitRunner runner;
        final ExecutorService threads;

        JsonDispatcher(CachedUnitRunner runner, ExecutorService threads) {
            this.runner = runner;
            this.threads = threads;
        }

        @Override
        public void dispatch(UnitBatch batch) throws InterruptedException {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                int index = i;
                String json = batch.description(i).toJson();
                running.add(threads.submit(() -> {
                    UnitDescription d = UnitDescription.fromJson(json);
                    seen.add(d);
                    try {
                        UnitOutcome o = runner.run(d, new RunListener() { }, batch.cancellation());
                        batch.completed(index, o.artifact(), o.cached(), 0);
                    } catch (Exception e) {
                        batch.failed(index, e, 0);
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private RunResult run(PipelineRunner runner) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, PipelineRunnerTest.PIPELINE);
        return runner.run(new PipelineParser(TestStages.registry()).parse(file), new RunListener() { }, new RunControl());
    }

    @Test
    void unitsRunFromTheirJsonDescriptionsGiveTheOutputsOfALocalRun() throws Exception {
        RunResult local;
        try (PipelineRunner runner = new PipelineRunner(new ArtifactStore(dir.resolve("local")), 2)) {
            local = run(runner);
        }
        ArtifactStore store = new ArtifactStore(dir.resolve("dispatched"));
        JsonDispatcher dispatcher = new JsonDispatcher(new CachedUnitRunner(store, TestStages.registry()), remote);
        RunResult dispatched;
        try (PipelineRunner runner = new PipelineRunner(store, 2, dispatcher)) {
            dispatched = run(runner);
        }

        assertTrue(dispatched.succeeded(), () -> String.valueOf(dispatched.failure()));
        assertEquals(6, dispatcher.seen.size(), "3 cells × 2 seeds");
        assertEquals(12, TestStages.runs("unit"), "6 units locally, 6 through the dispatcher");
        assertEquals(Files.readString(local.outputs().get("table").get(0).resolve("all.csv")),
                Files.readString(dispatched.outputs().get("table").get(0).resolve("all.csv")));
        for (int cell = 0; cell < 3; cell++) {
            assertEquals(local.outputs().get("sums").get(cell).getFileName(), dispatched.outputs().get("sums").get(cell).getFileName(),
                    "same content-addressed keys");
        }
        UnitDescription d = dispatcher.seen.get(0);
        assertEquals("engine-test", d.pipeline());
        assertEquals("sums", d.stageId());
        assertEquals("sum-units", d.stageType());
        assertEquals(1, d.threads());
        assertEquals(d.unit().inputs(), d.inputs().stream().map(UnitDescription.Input::key).toList());
    }

    @Test
    void aDescriptionKeepsItsValuesThroughJsonWithStageIntegersAsLongs() {
        UnitDescription d = new UnitDescription("run-1", "p", "train", "train-sweep", "3",
                Map.of("epochs", 80L, "rate", 0.001, "sizes", List.of(40L, 200L), "name", "x", "frozen", true),
                new WorkUnit("seed0/n40", Map.of("targetSize", 40, "big", 5_000_000_000L, "rate", 0.5, "build", "random"),
                        List.of("k1"), "cell", -7L),
                List.of(new UnitDescription.Input("k1", Map.of("etaF", 0.5), 2)), "key", 1);

        UnitDescription back = UnitDescription.fromJson(d.toJson());

        assertEquals(d, back);
        assertEquals(Long.class, back.stageParameters().get("epochs").getClass());
        assertEquals(List.of(40L, 200L), back.stageParameters().get("sizes"));
        assertEquals(Integer.class, back.unit().parameters().get("targetSize").getClass());
        assertEquals(-7L, back.unit().seed());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> UnitDescription.fromJson("{\"unit\":"));
        assertTrue(bad.getMessage().startsWith("not a work unit description"), bad.getMessage());
    }

    @Test
    void aRunnerRefusesAUnitItWouldComputeDifferentlyFromThePlan() throws Exception {
        ArtifactStore store = new ArtifactStore(dir.resolve("w"));
        JsonDispatcher dispatcher = new JsonDispatcher(new CachedUnitRunner(store, TestStages.registry()), remote);
        try (PipelineRunner runner = new PipelineRunner(store, 2, dispatcher)) {
            assertTrue(run(runner).succeeded());
        }
        UnitDescription d = dispatcher.seen.get(0);
        CachedUnitRunner runner = new CachedUnitRunner(store, TestStages.registry());
        RunControl control = new RunControl();
        assertTrue(runner.run(d, new RunListener() { }, control).cached(), "a unit delivered again is a cache hit");

        UnitDescription otherVersion = new UnitDescription(d.runId(), d.pipeline(), d.stageId(), d.stageType(), "2",
                d.stageParameters(), d.unit(), d.inputs(), d.key(), d.threads());
        assertRefused(runner, otherVersion, "stage type 'sum-units' is version 1 here, the run planned version 2");
        UnitDescription otherKey = new UnitDescription(d.runId(), d.pipeline(), d.stageId(), d.stageType(), d.stageVersion(),
                d.stageParameters(), d.unit(), d.inputs(), "0".repeat(64), d.threads());
        assertRefused(runner, otherKey, "the run expected " + "0".repeat(64) + "; the stage or its inputs differ");
        CachedUnitRunner elsewhere = new CachedUnitRunner(new ArtifactStore(dir.resolve("elsewhere")), TestStages.registry());
        assertRefused(elsewhere, d, "is not in the workspace " + dir.resolve("elsewhere"));
        CachedUnitRunner withoutStage = new CachedUnitRunner(store, org.defrost.engine.registry.StageRegistry.builder().build());
        assertRefused(withoutStage, d, "unknown stage type 'sum-units'");
    }

    private static void assertRefused(CachedUnitRunner runner, UnitDescription d, String expected) {
        UnitRefusedException e = assertThrows(UnitRefusedException.class,
                () -> runner.run(d, new RunListener() { }, new RunControl()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
