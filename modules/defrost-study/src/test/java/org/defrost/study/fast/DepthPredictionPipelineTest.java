package org.defrost.study.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.study.support.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depth-prediction} through the real engine, after the full sweep it is compared with. */
class DepthPredictionPipelineTest {
    @TempDir
    Path dir;

    private static final String PIPELINE = """
            pipeline: fast-mode-test
            seed: 5
            seeds: 2
            stages:
              - id: tasks
                uses: chmm
                with: { inputDim: 40, sourceLatentDim: 10, targetLatentDim: 10, etaF: 0.0, etaTheta: 0.0,
                        sourceTrainSize: 1500, targetPoolSize: 300, sourceTestSize: 1000, targetTestSize: 1000,
                        probeSize: 50 }
              - id: source
                uses: pretrain
                with: { hidden: [32, 32, 32], maxEpochs: 60, patience: 10 }
              - id: defrost
                uses: incremental-defrosting
              - id: finetune
                uses: fine-tune
                with: { targetSizes: [40], maxEpochs: 80, patience: 10, bootstrapResamples: 100 }
              - id: fast
                uses: depth-prediction
                with: { targetSizes: [40], maxEpochs: 80, patience: 10, initialEpochs: 2 }
            """;

    private RunResult run() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, PIPELINE);
        try (PipelineRunner runner = new PipelineRunner(new ArtifactStore(dir.resolve("w")), 2)) {
            return runner.run(new PipelineParser(StageRegistry.builtIn()).parse(file), new RunListener() { },
                    new RunControl());
        }
    }

    @Test
    void identicalTasksAtASmallSizePredictADeepTransferForLessThanTheSweepCostsAndCompareWithIt() throws Exception {
        RunResult r = run();
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
        Path out = r.outputs().get("fast").get(0);
        List<Map<String, String>> rows = Csv.read(out.resolve("predictions.csv"));
        assertEquals(2, rows.size(), "one prediction per seed's source at the one size");
        for (Map<String, String> row : rows) {
            assertTrue(Integer.parseInt(row.get("predictedDepth")) >= 2, "l* at L or L-1 for identical tasks: " + row);
            assertEquals("measured", row.get("fullSweepCost"), row.toString());
            double ratio = Double.parseDouble(row.get("costRatio"));
            assertTrue(ratio > 0 && ratio < 1, "cheaper than the seed's sweep: " + row);
            assertEquals(Long.parseLong(row.get("costSampleEpochs")),
                    Math.round(ratio * Long.parseLong(row.get("fullSweepCostSampleEpochs"))), 1.0, row.toString());
            int full = Integer.parseInt(row.get("fullSweepDepth"));
            assertEquals(Math.abs(full - Integer.parseInt(row.get("predictedDepth"))) <= 1,
                    Boolean.parseBoolean(row.get("agreeWithin1")), row.toString());
        }
        assertEquals(2 * 4, Csv.read(out.resolve("layers.csv")).size(), "layers 0..3 per prediction");
        assertFalse(Files.exists(out.resolve("ranking.csv")), "one source per target: nothing to rank");
    }
}
