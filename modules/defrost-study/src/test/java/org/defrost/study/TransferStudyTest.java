package org.defrost.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunListener;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.npy.Npy;
import org.defrost.study.support.TargetRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study at small scale through the real engine and the built-in stages. */
class TransferStudyTest {
    @TempDir
    Path dir;

    static String pipeline(double eta, String targetSizes, int seeds) {
        return """
                pipeline: study-test
                seed: 11
                seeds: %d
                stages:
                  - id: tasks
                    uses: chmm
                    with: { inputDim: 40, sourceLatentDim: 10, targetLatentDim: 10, etaF: %s, etaTheta: %s,
                            sourceTrainSize: 1500, targetPoolSize: 700, sourceTestSize: 1500, targetTestSize: 1500,
                            probeSize: 100 }
                  - id: source
                    uses: pretrain
                    with: { hidden: [32, 32], maxEpochs: 60, patience: 10 }
                  - id: defrost
                    uses: incremental-defrosting
                  - id: finetune
                    uses: fine-tune
                    with: { targetSizes: %s, maxEpochs: 80, patience: 10 }
                """.formatted(seeds, eta, eta, targetSizes);
    }

    /** Counts computed and cached units, and can stop the run after a number of computed units. */
    static final class Counter implements RunListener {
        final AtomicInteger computed = new AtomicInteger();
        final AtomicInteger cached = new AtomicInteger();
        RunControl control;
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public void unitFinished(String stageType, boolean fromCache, boolean failed, double seconds) {
            if (!failed && (fromCache ? cached : computed).incrementAndGet() >= stopAfter && !fromCache) {
                control.cancel();
            }
        }
    }

    RunResult run(String text, Path workspace, Counter counter) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, text);
        counter.control = new RunControl();
        try (PipelineRunner runner = new PipelineRunner(new ArtifactStore(workspace), 2)) {
            return runner.run(new PipelineParser(StageRegistry.builtIn()).parse(file), counter, counter.control);
        }
    }

    static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    static Path results(RunResult r) {
        return r.outputs().get("finetune").get(0);
    }

    /** The deterministic columns of cells.csv (timings removed). */
    static List<String> deterministicCells(RunResult r) throws IOException {
        List<String> out = new ArrayList<>();
        for (Map<String, String> row : csv(results(r).resolve("cells.csv"))) {
            out.add(row.get("seed") + "/" + row.get("targetSize") + "/" + row.get("depth") + "/" + row.get("init") + "="
                    + row.get("testError") + "," + row.get("testLoss") + "," + row.get("validationError") + ","
                    + row.get("epochs") + "," + row.get("bestEpoch"));
        }
        return out;
    }

    @Test
    void identicalTasksAtSmallTargetSizeChooseDeepTransferWithASignificantGainOverScratch() throws Exception {
        RunResult r = run(pipeline(0.0, "[40]", 4), dir.resolve("w"), new Counter());
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
        for (Map<String, String> opt : csv(results(r).resolve("optimal-depths.csv"))) {
            int layers = Integer.parseInt(opt.get("layers"));
            assertTrue(Integer.parseInt(opt.get("depthStar")) >= layers - 1, "l* at or near L: " + opt);
            assertEquals("true", opt.get("significantVsScratch"), opt.toString());
            assertTrue(Double.parseDouble(opt.get("gainOverScratchLow")) > 0, opt.toString());
            assertEquals("40", opt.get("trainSize"));
            assertEquals("50", opt.get("validationSize"));
        }
    }

    @Test
    void targetSizeIsTheNumberOfRowsEachCellTrainedOn() throws Exception {
        RunResult r = run(pipeline(0.3, "[40, 200]", 1), dir.resolve("w"), new Counter());
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
        List<Map<String, String>> cells = csv(results(r).resolve("cells.csv"));
        assertEquals(2 * 6, cells.size(), "2 sizes x (depths 0, 1 with two inits, depth 2 once per init)");
        for (Map<String, String> cell : cells) {
            int n = Integer.parseInt(cell.get("targetSize"));
            int v = Math.max(50, (n + 3) / 4);
            assertEquals(String.valueOf(n), cell.get("trainSize"));
            assertEquals(String.valueOf(v), cell.get("validationSize"));
            assertEquals("false", cell.get("validationFromBudget"));
            Path artifact = dir.resolve("w").resolve("artifacts").resolve(cell.get("cellKey"));
            int[] training = Npy.read(artifact.resolve(TargetRows.TRAINING_FILE)).asInts();
            int[] validation = Npy.read(artifact.resolve(TargetRows.VALIDATION_FILE)).asInts();
            assertArrayEquals(IntStream.range(0, n).toArray(), training, "the first n rows of the pool");
            assertArrayEquals(IntStream.range(700 - v, 700).toArray(), validation, "the last v rows of the pool");
        }
    }

    @Test
    void validationFromTheBudgetTrainsOnTheRestOfTheNExamplesAndTheTablesSaySo() throws Exception {
        String text = pipeline(0.3, "[40]", 1).replace("targetSizes: [40],", "targetSizes: [40], validationFromBudget: true,");
        RunResult r = run(text, dir.resolve("w"), new Counter());
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
        for (Map<String, String> cell : csv(results(r).resolve("cells.csv"))) {
            assertEquals(List.of("40", "20", "20", "true"), List.of(cell.get("targetSize"), cell.get("trainSize"),
                    cell.get("validationSize"), cell.get("validationFromBudget")));
            Path artifact = dir.resolve("w").resolve("artifacts").resolve(cell.get("cellKey"));
            int[] training = Npy.read(artifact.resolve(TargetRows.TRAINING_FILE)).asInts();
            int[] validation = Npy.read(artifact.resolve(TargetRows.VALIDATION_FILE)).asInts();
            assertArrayEquals(IntStream.range(0, 40).toArray(),
                    IntStream.concat(IntStream.of(training), IntStream.of(validation)).sorted().toArray(),
                    "training and validation rows split the first 40 rows of the pool");
        }
        Map<String, String> optimum = csv(results(r).resolve("optimal-depths.csv")).get(0);
        assertEquals(List.of("true", "20", "20"), List.of(optimum.get("validationFromBudget"), optimum.get("trainSize"),
                optimum.get("validationSize")));
    }

    @Test
    void aPoolThatCannotSupplyTrainingAndValidationRowsFailsBeforeAnyCellIsTrained() throws Exception {
        Counter counter = new Counter();
        RunResult r = run(pipeline(0.3, "[40, 660]", 1), dir.resolve("w"), counter);
        assertEquals("failed", r.status());
        assertTrue(r.failure().getMessage().contains("targetSizes: target size 660 and its 165 validation rows need "
                + "825 rows of the target pool, which has 700"), r.failure().getMessage());
        assertEquals(0, counter.computed.get(), "no cell was trained");
    }

    @Test
    void independentTasksClaimNoSignificantGainAtModerateTargetSize() throws Exception {
        RunResult r = run(pipeline(1.0, "[500]", 3), dir.resolve("w"), new Counter());
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
        for (Map<String, String> opt : csv(results(r).resolve("optimal-depths.csv"))) {
            assertEquals("false", opt.get("significantVsScratch"), "no significant gain over scratch: " + opt);
            double low = Double.parseDouble(opt.get("gainOverScratchLow"));
            double high = Double.parseDouble(opt.get("gainOverScratchHigh"));
            assertTrue(opt.get("depthStar").equals("0") && opt.get("init").equals("random") || low <= 0.01 && high >= -0.01,
                    "the gain interval reaches zero: " + opt);
        }
    }

    @Test
    void interruptedSweepResumesWithOnlyTheMissingCellsAndTheSameTable() throws Exception {
        String text = pipeline(0.3, "[40, 200]", 2);
        Counter reference = new Counter();
        RunResult uninterrupted = run(text, dir.resolve("reference"), reference);
        assertTrue(uninterrupted.succeeded());
        int total = reference.computed.get() + reference.cached.get();

        Counter first = new Counter();
        first.stopAfter = 7;
        RunResult stopped = run(text, dir.resolve("w"), first);
        assertEquals("cancelled", stopped.status());
        int finished = first.computed.get();
        assertTrue(finished >= 7 && finished < total, finished + " of " + total);

        Counter second = new Counter();
        RunResult resumed = run(text, dir.resolve("w"), second);
        assertTrue(resumed.succeeded(), () -> String.valueOf(resumed.failure()));
        assertEquals(reference.computed.get() - finished, second.computed.get(), "only the missing cells are trained");
        assertEquals(deterministicCells(uninterrupted), deterministicCells(resumed));
    }

    @Test
    void similarityStageProfilesEveryLayerOfSourceAndTargetNetworks() throws Exception {
        String text = pipeline(0.0, "[40]", 2) + """
                  - id: similarity
                    uses: similarity
                    with: { maxEpochs: 30, patience: 5, probes: [target, paired], targetSizes: [40],
                            measures: [linear-cka, information-imbalance, intrinsic-dimension, label-overlap] }
                """;
        RunResult r = run(text, dir.resolve("w"), new Counter());
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
        Path results = r.outputs().get("similarity").get(0);
        List<Map<String, String>> summary = csv(results.resolve("profile-summary.csv"));
        // T* on 40 examples and on the whole pool (560 + 140 validation rows) x 2 probes
        // x (linear-cka, information-imbalance, its reverse, two intrinsic-dimension and two label-overlap profiles)
        // x 3 layers
        assertEquals(2 * 2 * 7 * 3, summary.size());
        for (Map<String, String> row : summary) {
            assertEquals(row.get("targetSize").equals("560") ? "true" : "false", row.get("pool"), row.toString());
            if (row.get("probe").equals("target") && row.get("layer").equals("0") && row.get("measure").equals("linear-cka")) {
                assertEquals(1.0, Double.parseDouble(row.get("mean")), 1e-9, "both networks see the same inputs at layer 0");
            }
            if (row.get("measure").equals("information-imbalance") && row.get("layer").equals("0")
                    && row.get("probe").equals("target")) {
                assertEquals(2.0 / 100, Double.parseDouble(row.get("mean")), 1e-12, "Delta(A -> A) = 2/n on 100 probes");
            }
            if (row.get("measure").startsWith("label-overlap") && row.get("layer").equals("0")
                    && row.get("probe").equals("target")) {
                assertEquals(summary.stream().filter(o -> o.get("probe").equals("target") && o.get("layer").equals("0")
                        && o.get("measure").equals("label-overlap-source")).findFirst().orElseThrow().get("mean"),
                        row.get("mean"), "both networks' input layer is the same probe set with the same labels");
            }
        }
        assertTrue(Files.isRegularFile(results.resolve("matrices/paired/linear-cka.npy")));
        assertTrue(Files.isRegularFile(results.resolve("matrices/n40/paired/linear-cka.npy")));
        assertEquals(2 * 2 * 3 * 9, csv(results.resolve("layer-matrices.csv")).size(),
                "linear-cka and both directions of the imbalance, for both T*");
    }

    @Test
    void addingTargetSizesReusesEveryEarlierCell() throws Exception {
        Path w = dir.resolve("w");
        Counter first = new Counter();
        RunResult small = run(pipeline(0.3, "[40]", 1), w, first);
        assertTrue(small.succeeded());
        Counter second = new Counter();
        RunResult larger = run(pipeline(0.3, "[40, 200]", 1), w, second);
        assertTrue(larger.succeeded());
        assertEquals(first.computed.get() + first.cached.get(), second.cached.get() - first.cached.get(),
                "every cell of the first run comes from the store");
        assertEquals(first.computed.get(), second.computed.get(), "the new size has as many cells as the old one");
        List<String> before = deterministicCells(small);
        List<String> after = deterministicCells(larger);
        assertTrue(after.containsAll(before), Arrays.toString(before.toArray()));
    }
}
