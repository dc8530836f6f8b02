package org.defrost.linearprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.Json;
import org.defrost.study.support.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe through the real engine, after the built-in stages that make its inputs. The tests share a
 * workspace, so the task pair and source network are made once; each test's probe settings differ.
 */
class LinearProbeStageTest {
    @TempDir
    static Path dir;

    /** Counts the probes computed (not served from the store). */
    static final class ProbeCounter implements RunListener {
        final AtomicInteger computed = new AtomicInteger();

        @Override
        public void unitFinished(String stageType, boolean cached, boolean failed, double seconds) {
            if (stageType.equals(LinearProbeStage.TYPE) && !cached && !failed) {
                computed.incrementAndGet();
            }
        }
    }

    /** Identical source and target tasks (etaF = etaTheta = 0), S with two hidden layers, then the probe. */
    static String pipeline(String probe) {
        return """
                pipeline: probe-test
                seed: 5
                stages:
                  - id: tasks
                    uses: chmm
                    with: { inputDim: 100, sourceLatentDim: 10, targetLatentDim: 10, sourceTrainSize: 2000,
                            targetPoolSize: 400, sourceTestSize: 500, targetTestSize: 2000, probeSize: 10 }
                  - id: source
                    uses: pretrain
                    with: { hidden: [32, 32], maxEpochs: 60, patience: 10 }
                  - id: probe
                    uses: linear-probe
                    with: %s
                """.formatted(probe);
    }

    private RunResult run(String text, RunListener listener) throws Exception {
        Path file = Files.createTempFile(dir, "pipeline", ".yaml");
        Files.writeString(file, text);
        try (PipelineRunner runner = new PipelineRunner(new ArtifactStore(dir.resolve("work")), 2)) {
            return runner.run(new PipelineParser(StageRegistry.builtIn()).parse(file), listener, new RunControl());
        }
    }

    @Test
    void theLastFeatureLayerOfASourceTrainedOnTheSameTaskSeparatesTheTargetBetterThanTheInput() throws Exception {
        RunResult r = run(pipeline("{ targetSizes: [30], maxEpochs: 200 }"), new RunListener() { });
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
        Path out = r.outputs().get("probe").get(0);
        List<Map<String, String>> profile = Csv.read(out.resolve("profile.csv"));
        assertEquals(3, profile.size(), profile.toString());
        assertEquals(List.of("0", "1", "2"), profile.stream().map(row -> row.get("layer")).toList());
        assertEquals(List.of("100", "32", "32"), profile.stream().map(row -> row.get("width")).toList());
        double input = Double.parseDouble(profile.get(0).get("testError"));
        double last = Double.parseDouble(profile.get(2).get("testError"));
        assertTrue(last < input - 0.05, () -> "layer 2: " + last + ", input: " + input);
        Map<?, ?> metadata = Json.MAPPER.readValue(out.resolve("manifest.json").toFile(), Map.class);
        String summary = (String) ((Map<?, ?>) metadata.get("metadata")).get("summary");
        assertTrue(summary.startsWith("Linear probe: target test error") && summary.contains("n=30"), summary);
        List<Map<String, String>> probes = Csv.read(out.resolve("probes.csv"));
        assertEquals(3, probes.size());
        assertTrue(probes.stream().allMatch(row -> row.get("trainSize").equals("30") && row.get("validationSize").equals("50")),
                "n counts the rows trained on; validation comes from the rest of the pool: " + probes);
    }

    @Test
    void addingLayersAndSizesTrainsOnlyTheNewProbes() throws Exception {
        ProbeCounter first = new ProbeCounter();
        assertTrue(run(pipeline("{ targetSizes: [60], layers: [0, 2], maxEpochs: 20 }"), first).succeeded());
        assertEquals(2, first.computed.get());
        ProbeCounter second = new ProbeCounter();
        RunResult r = run(pipeline("{ targetSizes: [60, 120], layers: all, maxEpochs: 20 }"), second);
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
        assertEquals(4, second.computed.get(), "layer 1 for n = 60, and every layer for n = 120");
        assertEquals(6, Csv.read(r.outputs().get("probe").get(0).resolve("probes.csv")).size());
    }

    @Test
    void aLayerDeeperThanTheSourceNetworkFailsTheRunNamingIt() throws Exception {
        RunResult r = run(pipeline("{ targetSizes: [60], layers: [1, 3] }"), new RunListener() { });
        assertEquals("failed", r.status());
        assertTrue(r.failure().getMessage().contains("layers: 3 is deeper than the source network's 2 feature layers"),
                r.failure().getMessage());
    }
}
