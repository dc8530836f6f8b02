package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.defrost.cli.CommandLineTest.Result;
import org.defrost.engine.store.Json;
import org.defrost.engine.store.Manifest;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.npy.Npy;
import org.defrost.onnx.OnnxExport;
import org.defrost.onnx.OnnxImport;
import org.defrost.spi.Seed;
import org.defrost.study.FineTunedNetworks;
import org.defrost.study.support.Csv;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code defrost recommend} end to end on a tiny generated dataset (240 examples, 6 features, 3 classes) and tiny
 * networks that defrost itself exports to ONNX.
 */
class RecommendCommandTest {
    private static final int EXAMPLES = 240;
    private static final int FEATURES = 6;
    private static final int CLASSES = 3;

    @TempDir
    Path dir;

    private Path x;
    private Path y;
    private int[] labels;

    @BeforeEach
    void data() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        float[] inputs = new float[EXAMPLES * FEATURES];
        labels = new int[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            labels[i] = i % 7 < 4 ? 0 : i % 7 < 6 ? 1 : 2; // unequal classes: 4/7, 2/7, 1/7
            for (int f = 0; f < FEATURES; f++) {
                inputs[i * FEATURES + f] = (float) (r.nextGaussian() + (f % CLASSES == labels[i] ? 1.5 : 0));
            }
        }
        x = dir.resolve("X.npy");
        y = dir.resolve("y.npy");
        Npy.write(x, inputs, EXAMPLES, FEATURES);
        Npy.write(y, labels, EXAMPLES);
    }

    private Path model(String name, int inputs, long seed) throws Exception {
        Path file = dir.resolve(name);
        OnnxExport.write(Network.build(NetworkSpec.of(inputs, List.of(10, 10), 4), Seed.of(seed)), file);
        return file;
    }

    /** Runs the command with small training settings, capturing what it prints on standard output too. */
    private Result recommend(String... extra) {
        List<String> args = new ArrayList<>(List.of("recommend", "--workspace", dir.resolve("ws").toString(), "--plugins",
                dir.resolve("none").toString(), "--threads", "2", "--metrics-port", "0", "--metrics-linger", "0s",
                "--target", x.toString(), "--labels", y.toString(), "--resamples", "3",
                "--set", "finetune.maxEpochs=8", "--set", "finetune.patience=3", "--set", "finetune.bootstrapResamples=100"));
        args.addAll(List.of(extra));
        return CommandLineTest.runCapturingStdout(args);
    }

    private List<Manifest> artifacts(String kind) throws Exception {
        List<Manifest> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dir.resolve("ws/artifacts"))) {
            for (Path a : dirs.toList()) {
                Manifest m = Json.MAPPER.readValue(a.resolve("manifest.json").toFile(), Manifest.class);
                if (m.kind().equals(kind)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    @Test
    void theAnswerMatchesTheResultTablesAndTheExportedNetworkReimportsWithTheCellsOutputs() throws Exception {
        Path a = model("a.onnx", FEATURES, 1);
        Path b = model("b.onnx", FEATURES, 2);
        Result r = recommend("--source", a.toString(), "--candidates", b.toString(), "--sizes", "30,60");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("stratified resamplings of your examples, not fresh draws"), r.out());
        assertTrue(r.out().contains("Source networks ranked by the test error at their l* (n=60)"), r.out());

        Path runDir = dir.resolve("ws/runs/latest");
        JsonNode answer = Json.MAPPER.readTree(runDir.resolve(RecommendCommand.JSON_FILE).toFile());
        assertEquals(4, answer.get("choices").size()); // 2 sources x 2 sizes
        List<Map<String, String>> optima = new ArrayList<>();
        for (Manifest m : artifacts("transfer-results")) {
            optima.addAll(Csv.read(dir.resolve("ws/artifacts").resolve(m.key()).resolve("optimal-depths.csv")));
        }
        for (JsonNode c : answer.get("choices")) {
            Map<String, String> row = optima.stream().filter(o -> o.get("source").equals(c.get("source").asText())
                    && Integer.parseInt(o.get("targetSize")) == c.get("targetSize").asInt()).findFirst().orElseThrow();
            assertEquals(Integer.parseInt(row.get("depthStar")), c.get("depthStar").asInt());
            assertEquals(row.get("init"), c.get("init").asText());
            assertEquals(Double.parseDouble(row.get("meanTestError")), c.get("testError").asDouble());
            assertEquals(Double.parseDouble(row.get("gainOverScratch")), c.get("overScratch").get("value").asDouble());
            assertEquals(Double.parseDouble(row.get("gainOverStandard")), c.get("overStandard").get("value").asDouble());
            assertEquals(Double.parseDouble(row.get("pValueVsScratch")), c.get("overScratch").get("p").asDouble(), 0.0);
            assertTrue(c.get("testErrorLow").asDouble() < c.get("testError").asDouble()
                    && c.get("testError").asDouble() < c.get("testErrorHigh").asDouble(), c.toString());
        }
        // the ranking orders the sources by their chosen test error at the largest size
        List<String> ranking = new ArrayList<>();
        answer.get("ranking").forEach(n -> ranking.add(n.asText()));
        double first = errorAt(answer, ranking.get(0), 60);
        double second = errorAt(answer, ranking.get(1), 60);
        assertTrue(first <= second, ranking.toString());

        // the exported network: re-imported, it gives the outputs of the cell's network trained again
        JsonNode exported = answer.get("network");
        assertTrue(exported.get("reproduced").asBoolean(), exported.toString());
        Path onnx = Path.of(exported.get("file").asText());
        Network imported = OnnxImport.read(onnx).network();
        Manifest cell = Json.MAPPER.readValue(dir.resolve("ws/artifacts").resolve(exported.get("cellKey").asText())
                .resolve("manifest.json").toFile(), Manifest.class);
        Path pair = dir.resolve("ws/artifacts").resolve(input(cell, "task-pair"));
        FineTunedNetworks.Retrained again = FineTunedNetworks.retrain(cell.parameters(), cell.seed(), pair,
                dir.resolve("ws/artifacts").resolve(input(cell, "source-network")), 1);
        LabelledSet test = TaskPair.read(pair).load(TaskPairSet.TARGET_TEST);
        try (KernelThreads t = KernelThreads.of(1)) {
            FMatrixRMaj expected = again.network().outputs(test.inputMatrix(), t);
            FMatrixRMaj actual = imported.outputs(test.inputMatrix(), t);
            assertArrayEquals(expected.data, actual.data);
            assertEquals(exported.get("testError").asDouble(),
                    imported.evaluate(new org.defrost.nn.Dataset(test.inputMatrix(), test.labels()), t).error());
        }

        // the saved pipeline is an ordinary pipeline file
        Result valid = CommandLineTest.run("validate", "--plugins", dir.resolve("none").toString(), "--data-root",
                dir.toString(), answer.get("pipeline").asText());
        assertEquals(0, valid.code(), valid.err());
    }

    private static double errorAt(JsonNode answer, String source, int n) {
        for (JsonNode c : answer.get("choices")) {
            if (c.get("source").asText().equals(source) && c.get("targetSize").asInt() == n) {
                return c.get("testError").asDouble();
            }
        }
        throw new AssertionError(source + " at n=" + n);
    }

    private static String input(Manifest m, String kind) {
        return m.inputs().stream().filter(i -> i.kind().equals(kind)).findFirst().orElseThrow().key();
    }

    @Test
    void resamplesDifferBySeedAndAreStratified() throws Exception {
        Path a = model("a.onnx", FEATURES, 1);
        Result r = recommend("--source", a.toString(), "--sizes", "40", "--set", "finetune.maxEpochs=2");
        assertEquals(0, r.code(), r.err());
        List<Manifest> pairs = artifacts("task-pair");
        assertEquals(3, pairs.size());
        int[] perClass = new int[CLASSES];
        Arrays.stream(labels).forEach(l -> perClass[l]++);
        List<String> tests = new ArrayList<>();
        for (Manifest m : pairs) {
            Path pairDir = dir.resolve("ws/artifacts").resolve(m.key());
            TaskPair pair = TaskPair.read(pairDir);
            assertFalse(pair.manifest().hasSource());
            assertTrue(pair.manifest().relation().startsWith("repetitions are stratified resamplings of your 240 examples"),
                    pair.manifest().relation());
            int[] testRows = Npy.read(pairDir.resolve("resample/test_rows.npy")).asInts();
            int[] poolRows = Npy.read(pairDir.resolve("resample/pool_rows.npy")).asInts();
            tests.add(Arrays.toString(testRows));
            assertEquals(48, testRows.length); // round(0.2 * 240)
            int[] all = Arrays.copyOf(testRows, EXAMPLES);
            System.arraycopy(poolRows, 0, all, testRows.length, poolRows.length);
            Arrays.sort(all);
            for (int i = 0; i < EXAMPLES; i++) {
                assertEquals(i, all[i]); // every example exactly once
            }
            int[] testClasses = count(pair.load(TaskPairSet.TARGET_TEST).labels(), testRows.length);
            for (int c = 0; c < CLASSES; c++) {
                assertTrue(Math.abs(testClasses[c] - 0.2 * perClass[c]) < 1, "class " + c + ": " + testClasses[c]);
            }
            LabelledSet pool = pair.load(TaskPairSet.TARGET_POOL);
            for (int n : new int[] {40, 90, pool.size()}) {
                int[] prefix = count(pool.labels(), n);
                for (int c = 0; c < CLASSES; c++) {
                    double expected = n * (perClass[c] - testClasses[c]) / (double) pool.size();
                    assertTrue(Math.abs(prefix[c] - expected) <= 2, "first " + n + " rows, class " + c + ": " + prefix[c]
                            + " vs " + expected);
                }
            }
            assertEquals(CLASSES, pair.classes(TaskRole.TARGET));
        }
        assertEquals(3, tests.stream().distinct().count(), "every resample holds out other rows");

        // the network file's bytes are part of the source stage's keys: unchanged, it is reused; changed, imported again
        assertEquals(List.of("computed"), statuses("source"));
        Result again = recommend("--source", a.toString(), "--sizes", "40", "--set", "finetune.maxEpochs=2");
        assertEquals(0, again.code(), again.err());
        assertEquals(List.of("cached"), statuses("source"));
        OnnxExport.write(Network.build(NetworkSpec.of(FEATURES, List.of(10, 10), 4), Seed.of(99)), a);
        Result changed = recommend("--source", a.toString(), "--sizes", "40", "--set", "finetune.maxEpochs=2");
        assertEquals(0, changed.code(), changed.err());
        assertEquals(List.of("computed"), statuses("source"));
        assertEquals(List.of("cached"), statuses("data"));
    }

    /** The distinct statuses of a stage's invocations in the latest run. */
    private List<String> statuses(String stageId) throws Exception {
        return org.defrost.engine.run.RunRecord.read(dir.resolve("ws/runs/latest/run.json")).invocations().stream()
                .filter(i -> i.stageId().equals(stageId)).map(i -> i.status()).distinct().toList();
    }

    private static int[] count(int[] labels, int n) {
        int[] counts = new int[CLASSES];
        for (int i = 0; i < n; i++) {
            counts[labels[i]]++;
        }
        return counts;
    }

    @Test
    void similarityAndTheReportRunOnATargetOnlyPairWhileSourceProbesAreRefusedWithTheReason() throws Exception {
        Path a = model("a.onnx", FEATURES, 1);
        String pipeline = """
                pipeline: own-data-similarity
                seeds: 2
                stages:
                  - id: data
                    uses: labelled-data
                    with: { inputs: "%s", labels: "%s" }
                  - id: source
                    uses: source-network
                    with: { file: "%s" }
                  - id: defrost
                    uses: incremental-defrosting
                  - id: finetune
                    uses: fine-tune
                    with: { targetSizes: [40], maxEpochs: 3, patience: 2, bootstrapResamples: 100 }
                  - id: similarity
                    uses: similarity
                    with: { maxEpochs: 3, patience: 2, measures: [linear-cka], probes: [%s] }
                  - id: report
                    uses: report
                """;
        Path good = Files.writeString(dir.resolve("good.yaml"), pipeline.formatted(x, y, a, "target"));
        Result ok = runPipeline(good);
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.exists(dir.resolve("ws/runs/latest/report.html")));

        Path bad = Files.writeString(dir.resolve("bad.yaml"), pipeline.formatted(x, y, a, "source"));
        Result refused = runPipeline(bad);
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("this task pair has target data only"), refused.err());
    }

    /** {@code defrost run FILE}; what the run prints on the standard streams is in the result's out and err. */
    private Result runPipeline(Path file) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            Result r = CommandLineTest.run("run", "--workspace", dir.resolve("ws").toString(), "--plugins",
                    dir.resolve("none").toString(), "--threads", "2", "--metrics-port", "0", "--metrics-linger", "0s",
                    file.toString());
            return new Result(r.code(), r.out() + printed.toString(StandardCharsets.UTF_8),
                    r.err() + errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aSizeLargerThanThePoolIsRefusedBeforeAnythingRuns() throws Exception {
        Result r = recommend("--source", model("a.onnx", FEATURES, 1).toString(), "--sizes", "500");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--sizes 500: size 500 and its 125 validation rows need 625 examples in the training "
                + "pool, but your 240 examples leave 192 after the 48 test rows; the largest size that fits is 142"), r.err());
        assertFalse(Files.exists(dir.resolve("ws/runs")), "nothing ran");
    }

    @Test
    void aNetworkOfAnotherInputWidthIsRefusedNamingBothWidths() throws Exception {
        Result r = recommend("--source", model("wide.onnx", FEATURES + 1, 1).toString(), "--sizes", "40");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("stages[1].with.file: wide.onnx expects 7 inputs, the target data (X) has 6 columns"),
                r.err());
        assertFalse(Files.exists(dir.resolve("ws/runs")), "nothing ran");
    }
}
