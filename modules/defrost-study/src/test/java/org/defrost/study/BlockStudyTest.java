package org.defrost.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineParser;
import org.defrost.engine.pipeline.Problem;
import org.defrost.engine.preflight.PipelineLocations;
import org.defrost.engine.preflight.Preflight;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.run.PipelineRunner;
import org.defrost.engine.run.RunControl;
import org.defrost.engine.run.RunResult;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.ImageShape;
import org.defrost.npy.Npy;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A convolutional study through the real engine, and the checks of its parameters. */
class BlockStudyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONV = "[conv 4 3x3, pool 2, dense 8]";

    @TempDir
    Path dir;

    /**
     * Four classes of 8×8 one-channel images: class c is noise plus a bright 4×4 quadrant c, so conv features
     * transfer from classes {0, 1} to {2, 3}.
     */
    private void writeImages(int n) throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[n * 64];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            y[i] = c;
            for (int r = 0; r < 8; r++) {
                for (int col = 0; col < 8; col++) {
                    boolean bright = r / 4 == c / 2 && col / 4 == c % 2;
                    x[i * 64 + r * 8 + col] = (float) ((bright ? 1.0 : 0.0) + 0.3 * random.nextGaussian());
                }
            }
        }
        Npy.write(dir.resolve("x.npy"), x, n, 8, 8);
        Npy.write(dir.resolve("y.npy"), y, n);
    }

    private String pipeline(String architecture, String imageShape, boolean cache) {
        return """
                pipeline: conv-study-test
                seed: 3
                seeds: 1
                stages:
                  - id: tasks
                    uses: dataset
                    with:
                      format: npy
                      trainInputs: %s
                      trainLabels: %s
                      classes: 4
                      testRows: 200
                      sourceGroups: ["0", "1"]
                      targetGroups: ["2", "3"]
                      sourceTrainSize: 200
                      targetPoolSize: 120
                      probeSize: 40
                  - id: source
                    uses: pretrain
                    with:
                      architecture: "%s"
                      imageShape: %s
                      maxEpochs: 15
                      patience: 5
                  - id: defrost
                    uses: incremental-defrosting
                  - id: finetune
                    uses: fine-tune
                    with: { targetSizes: [40], maxEpochs: 15, patience: 5, cacheFrozenPrefix: %s, bootstrapResamples: 100 }
                  - id: similarity
                    uses: similarity
                    with: { maxEpochs: 10, patience: 5, featureMaps: channel-mean, measures: [linear-cka] }
                """.formatted(dir.resolve("x.npy"), dir.resolve("y.npy"), architecture, imageShape, cache);
    }

    private RunResult run(String text, String workspace) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, text);
        try (PipelineRunner runner = new PipelineRunner(new ArtifactStore(dir.resolve(workspace)), 2)) {
            return runner.run(new PipelineParser(StageRegistry.builtIn()).parse(file), new TransferStudyTest.Counter(),
                    new RunControl());
        }
    }

    @Test
    void aConvolutionalStudyRunsEndToEndWithDepthsCountingBlocks() throws Exception {
        writeImages(800);
        RunResult r = run(pipeline(CONV, "[1, 8, 8]", true), "w");
        assertTrue(r.succeeded(), () -> String.valueOf(r.failure()));
        Path source = r.outputs().get("source").get(0);
        JsonNode manifest = JSON.readTree(source.resolve("network/network.json").toFile());
        assertEquals("defrost-block-network", manifest.get("format").asText());
        List<Map<String, String>> cells = TransferStudyTest.csv(TransferStudyTest.results(r).resolve("cells.csv"));
        TreeSet<Integer> depths = new TreeSet<>();
        cells.forEach(c -> depths.add(Integer.parseInt(c.get("depth"))));
        assertEquals(List.of(0, 1, 2), List.copyOf(depths), "two blocks below the readout: depths 0..2");
        assertEquals(6, cells.size(), "three depths, two initialisations");
        assertEquals(1, cells.stream().filter(c -> c.get("depth").equals("2")).map(c -> c.get("cellKey")).distinct().count(),
                "at depth L both initialisations share one cell");
        for (Map<String, String> c : cells) {
            double error = Double.parseDouble(c.get("testError"));
            assertTrue(error >= 0 && error < 0.5, "better than chance on a separable task: " + c);
        }
        for (Map<String, String> o : TransferStudyTest.csv(TransferStudyTest.results(r).resolve("optimal-depths.csv"))) {
            assertEquals("2", o.get("layers"));
        }
        JsonNode similarity = JSON.readTree(findSimilarityJson(dir.resolve("w")).toFile());
        assertEquals(3, similarity.get("layers").asInt(), "input and two blocks");
        assertEquals("channel-mean", similarity.get("featureMaps").asText());
        assertEquals("conv block 1", similarity.get("blockNames").get(0).asText());
        assertEquals("dense block 2", similarity.get("blockNames").get(1).asText());

        RunResult uncached = run(pipeline(CONV, "[1, 8, 8]", false), "w2");
        assertTrue(uncached.succeeded(), () -> String.valueOf(uncached.failure()));
        assertEquals(TransferStudyTest.deterministicCells(r), TransferStudyTest.deterministicCells(uncached),
                "computing the frozen blocks once gives the same cells bit for bit");
    }

    private static Path findSimilarityJson(Path workspace) throws Exception {
        try (var files = Files.walk(workspace)) {
            return files.filter(f -> f.getFileName().toString().equals(LayerComparison.FILE)).findFirst().orElseThrow();
        }
    }

    private List<Problem> problems(String text) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, text);
        return assertThrows(InvalidPipelineException.class,
                () -> new PipelineParser(StageRegistry.builtIn()).parse(file)).problems();
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }

    @Test
    void anUnknownLayerKindIsReportedAtItsLineBeforeAnythingRuns() throws Exception {
        String text = pipeline("[conv 4 3x3, wibble 2, dense 8]", "[1, 8, 8]", true);
        List<Problem> ps = problems(text);
        assertEquals(1, ps.size(), ps.toString());
        assertEquals(lineOf(text, "architecture:"), ps.get(0).location().line(), ps.toString());
        assertTrue(ps.get(0).message().contains("wibble"), ps.toString());
    }

    /** The single problem of the conv pipeline with {@code line} added under the source stage's parameters. */
    private Problem onlyProblemWith(String line) throws Exception {
        String text = pipeline(CONV, "[1, 8, 8]", true).replace("      imageShape: [1, 8, 8]\n",
                "      imageShape: [1, 8, 8]\n      " + line + "\n");
        List<Problem> ps = problems(text);
        assertEquals(1, ps.size(), ps.toString());
        assertEquals(lineOf(text, line), ps.get(0).location().line(), ps.toString());
        return ps.get(0);
    }

    @Test
    void denseParametersThatArchitectureWouldIgnoreAreReportedAtTheirLines() throws Exception {
        Problem hidden = onlyProblemWith("hidden: [64, 64]");
        assertTrue(hidden.field().endsWith("hidden"), hidden.toString());
        assertTrue(hidden.message().contains("ignored when architecture is set"), hidden.message());
        assertTrue(onlyProblemWith("bias: false").field().endsWith("bias"));

        String defaults = pipeline(CONV, "[1, 8, 8]", true).replace("      imageShape: [1, 8, 8]\n",
                "      imageShape: [1, 8, 8]\n      bias: true\n");
        Path file = dir.resolve("defaults.yaml");
        Files.writeString(file, defaults);
        new PipelineParser(StageRegistry.builtIn()).parse(file);
    }

    @Test
    void taskManifestsWithAndWithoutTheChannelGiveTheSameImageShape() {
        // task pairs written before image shapes carried their channel declare grey-scale images as [H, W]
        assertEquals(BlockStudy.taskShape(List.of(1, 28, 28), 784), BlockStudy.taskShape(List.of(28, 28), 784));
        assertEquals(new org.defrost.nn.conv.ImageShape(1, 28, 28), BlockStudy.taskShape(List.of(1, 28, 28), 784));
        assertEquals(new org.defrost.nn.conv.ImageShape(3, 32, 32), BlockStudy.taskShape(List.of(3, 32, 32), 3072));
    }

    @Test
    void aPoolingThatLeavesNoPixelIsReportedAtItsLine() throws Exception {
        String text = pipeline("[conv 4 3x3, pool 2, conv 4 3x3, pool 2, conv 4 3x3, pool 2, conv 4 3x3, pool 2]", "[1, 8, 8]", true);
        List<Problem> ps = problems(text);
        assertEquals(1, ps.size(), ps.toString());
        assertEquals(lineOf(text, "architecture:"), ps.get(0).location().line(), ps.toString());
        assertTrue(ps.get(0).field().endsWith("architecture"), ps.toString());
        assertTrue(ps.get(0).message().contains("element 8"), "the pooling that leaves no pixel: " + ps);
    }

    @Test
    void anImageShapeOtherThanFashionMnistsIsRefusedByThePreflightCheck() throws Exception {
        String text = """
                pipeline: x
                stages:
                  - id: tasks
                    uses: dataset
                    with: { format: fashion-mnist, sourceTrainSize: 100, targetPoolSize: 100, probeSize: 10 }
                  - id: source
                    uses: pretrain
                    with:
                      architecture: "[conv 8 3x3, pool 2, dense 16]"
                      imageShape: [3, 32, 32]
                """;
        Path file = dir.resolve("shape.yaml");
        Files.writeString(file, text);
        Pipeline p = new PipelineParser(StageRegistry.builtIn()).parse(file);
        Preflight.Report report = new Preflight(1, Long.MAX_VALUE).check(p, PipelineLocations.of(p));
        List<Problem> shape = report.errors().stream().filter(e -> e.field().endsWith("imageShape")).toList();
        assertEquals(1, shape.size(), report.errors().toString());
        assertEquals(lineOf(text, "imageShape:"), shape.get(0).location().line());
        assertTrue(shape.get(0).message().contains("[1, 28, 28]"), shape.toString());
    }

    @Test
    void theMemoryEstimateOfAConvSourceCountsItsFeatureMaps() {
        Map<String, Object> base = Map.of("batchSize", 128L, "imageShape", List.of(1L, 28L, 28L));
        PretrainStage stage = new PretrainStage();
        List<org.defrost.spi.ParameterSpec> specs = stage.descriptor().parameters();
        long small = stage.estimatedMemoryBytes(org.defrost.spi.Parameters.of(specs, with(base, "[conv 8 3x3, pool 2, dense 16]")));
        long wide = stage.estimatedMemoryBytes(org.defrost.spi.Parameters.of(specs, with(base, "[conv 64 3x3, pool 2, dense 16]")));
        // 56 more channels of 28×28 on 128 rows, output and pre-activation: at least 2 × 56 × 784 × 128 floats more
        assertTrue(wide - small >= 4L * 2 * 56 * 784 * 128, small + " vs " + wide);
    }

    private static Map<String, Object> with(Map<String, Object> base, String architecture) {
        Map<String, Object> m = new java.util.HashMap<>(base);
        m.put("architecture", architecture);
        return m;
    }

    @Test
    void channelMeanAveragesEachChannelOverItsPixels() {
        // one row of a 2-channel 1×2 image in NHWC: pixel 0 = (1, 10), pixel 1 = (3, 30)
        FMatrixRMaj maps = new FMatrixRMaj(1, 4, true, 1, 10, 3, 30);
        FMatrixRMaj mean = BlockStudy.channelMean(maps, new ImageShape(2, 1, 2));
        assertEquals(2, mean.numCols);
        assertEquals(2f, mean.get(0, 0));
        assertEquals(20f, mean.get(0, 1));
    }

    @Test
    void aTransferredNetworkFreezesAndCopiesExactlyTheFirstBlocks() {
        Architecture a = Architecture.parse(CONV, new ImageShape(1, 8, 8), 2);
        BlockNetwork source = BlockNetwork.build(a, Seed.of(1));
        BlockNetwork random = BlockStudy.transfer(source, 3, 1, false, Seed.of(2));
        BlockNetwork pretrained = BlockStudy.transfer(source, 3, 1, true, Seed.of(2));
        assertEquals(1, random.frozenPrefixDepth());
        assertTrue(random.isFrozen(1) && !random.isFrozen(2));
        FMatrixRMaj x = new FMatrixRMaj(3, 64);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) Math.sin(i);
        }
        KernelThreads one = KernelThreads.single();
        assertTrue(same(source.prefixFeatures(1, x, one), random.prefixFeatures(1, x, one)), "block 1 copied");
        assertFalse(same(source.prefixFeatures(2, x, one), random.prefixFeatures(2, x, one)), "block 2 redrawn");
        assertTrue(same(source.prefixFeatures(2, x, one), pretrained.prefixFeatures(2, x, one)), "block 2 copied");
        assertEquals(3, pretrained.architecture().outputs(), "a fresh readout for three classes");
    }

    private static boolean same(FMatrixRMaj a, FMatrixRMaj b) {
        return java.util.Arrays.equals(a.data, 0, a.getNumElements(), b.data, 0, b.getNumElements());
    }

    @Test
    void aDenseSourceLeavesTheSimilarityUnitAsBefore() {
        SimilarityUnit u = new SimilarityUnit(10, org.defrost.tasks.TargetSplit.DEFAULT, null, List.of("target"),
                List.of("linear-cka"), 0, 1.0, 100, null);
        assertFalse(JSON.valueToTree(u).has("featureMaps"), "a dense source's unit key is unchanged");
        assertTrue(JSON.valueToTree(new SimilarityUnit(10, null, null, List.of(), List.of(), 0, 1.0, 100, "flatten"))
                .has("featureMaps"));
    }
}
