package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.defrost.cli.CommandLineTest.Result;
import org.defrost.engine.store.Json;
import org.defrost.engine.store.Manifest;
import org.defrost.nn.Dataset;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.ImageShape;
import org.defrost.nn.train.Trainer;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.npy.Npy;
import org.defrost.onnx.OnnxExport;
import org.defrost.spi.Seed;
import org.defrost.study.support.Csv;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code defrost recommend --fast} end to end on the tiny dataset of {@link RecommendCommandTest} (240 examples, 6
 * features, 3 classes): the prediction printed against the stage's {@code predictions.csv}, the saved pipeline, the
 * ranking of a related and an unrelated source, and the refusals.
 */
class RecommendFastTest {
    private static final int EXAMPLES = 240;
    private static final int FEATURES = 6;
    private static final int CLASSES = 3;

    @TempDir
    Path dir;

    private Path x;
    private Path y;

    /** Inputs whose feature f is shifted by 1.5 when f mod 3 is the class; {@code shuffled}: labels drawn independently. */
    private static Dataset draw(int examples, long seed, boolean shuffled) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] inputs = new float[examples * FEATURES];
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) {
            labels[i] = i % 7 < 4 ? 0 : i % 7 < 6 ? 1 : 2; // unequal classes: 4/7, 2/7, 1/7
            for (int f = 0; f < FEATURES; f++) {
                inputs[i * FEATURES + f] = (float) (r.nextGaussian() + (f % CLASSES == labels[i] ? 1.5 : 0));
            }
            if (shuffled) {
                labels[i] = r.nextInt(CLASSES);
            }
        }
        return new Dataset(new FMatrixRMaj(examples, FEATURES, true, inputs), labels);
    }

    @BeforeEach
    void data() throws Exception {
        Dataset d = draw(EXAMPLES, 11, false);
        x = dir.resolve("X.npy");
        y = dir.resolve("y.npy");
        Npy.write(x, d.inputs().data, EXAMPLES, FEATURES);
        Npy.write(y, d.labels(), EXAMPLES);
    }

    /** A network with 2 layers of 10 trained on a fresh draw of the task ({@code related}) or on independent labels. */
    private Path trained(String name, boolean related) throws Exception {
        Network n = Network.build(NetworkSpec.of(FEATURES, List.of(10, 10), CLASSES), Seed.of(related ? 1 : 2));
        TrainingConfig config = TrainingConfig.defaults().withMaxEpochs(60).withPatience(60).withBatchSize(32);
        new Trainer(config).train(n, draw(600, 21, !related), draw(150, 22, !related), Seed.of(3));
        Path file = dir.resolve(name);
        OnnxExport.write(n, file);
        return file;
    }

    private Result recommend(String... extra) {
        List<String> args = new ArrayList<>(List.of("recommend", "--workspace", dir.resolve("ws").toString(), "--plugins",
                dir.resolve("none").toString(), "--threads", "2", "--metrics-port", "0", "--metrics-linger", "0s",
                "--target", x.toString(), "--labels", y.toString(), "--resamples", "3", "--fast",
                "--set", "finetune.maxEpochs=8", "--set", "finetune.patience=3", "--set", "finetune.bootstrapResamples=100"));
        args.addAll(List.of(extra));
        return CommandLineTest.runCapturingStdout(args);
    }

    /** The run's {@code depth-prediction} artifact directory. */
    private Path predictionArtifact() throws Exception {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dir.resolve("ws/artifacts"))) {
            for (Path a : dirs.toList()) {
                Manifest m = Json.MAPPER.readValue(a.resolve("manifest.json").toFile(), Manifest.class);
                if (m.kind().equals("depth-prediction")) {
                    found.add(a);
                }
            }
        }
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    @Test
    void thePredictionIsTheStagesAndThePipelineRunsNoSweep() throws Exception {
        Path a = trained("a.onnx", true);
        Result r = recommend("--source", a.toString(), "--sizes", "30,60");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("This is a PREDICTION of l*"), r.out());
        assertTrue(r.out().contains("not the full sweep's answer"), r.out());
        assertTrue(r.out().contains("Nothing is exported"), r.out());

        // the line per size: the depth and initialisation most resamples predicted, and their mean validation error
        List<Map<String, String>> rows = Csv.read(predictionArtifact().resolve("predictions.csv"));
        assertEquals(6, rows.size()); // 2 sizes x 3 resamples
        long cost = 0;
        long full = 0;
        for (int n : new int[] {30, 60}) {
            List<Map<String, String>> mine = rows.stream().filter(row -> row.get("targetSize").equals(String.valueOf(n)))
                    .toList();
            Map<String, Long> votes = new java.util.TreeMap<>();
            double sum = 0;
            for (Map<String, String> row : mine) {
                votes.merge(row.get("predictedDepth") + " " + row.get("predictedInit"), 1L, Long::sum);
                sum += Double.parseDouble(row.get("predictedValidationError"));
                cost += Long.parseLong(row.get("costSampleEpochs"));
                full += Long.parseLong(row.get("fullSweepCostSampleEpochs"));
                assertEquals("estimated", row.get("fullSweepCost"));
            }
            long most = votes.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            boolean found = false;
            for (Map.Entry<String, Long> v : votes.entrySet()) {
                String[] choice = v.getKey().split(" ");
                found |= v.getValue() == most && r.out().contains(String.format(Locale.ROOT,
                        "n=%d (+%s validation): predicted l* = %s, layers above %s (in %d of 3 resamples); "
                                + "validation error %.4f (mean over resamples", n, mine.get(0).get("validationSize"),
                        choice[0], choice[1], most, sum / 3));
            }
            assertTrue(found, votes + "\n" + r.out());
        }
        assertTrue(cost > 0 && cost < full, cost + " of " + full);
        assertTrue(r.out().contains(String.format(Locale.ROOT, "Cost: %,d training sample-epochs, %.3f of the full "
                + "sweep's estimated %,d", cost, (double) cost / full, full)), r.out());

        JsonNode json = Json.MAPPER.readTree(dir.resolve("ws/runs/latest").resolve(RecommendCommand.FAST_JSON_FILE).toFile());
        assertEquals(cost, json.get("costSampleEpochs").asLong());
        assertEquals(2, json.get("predictions").size());
        for (JsonNode p : json.get("predictions")) {
            assertTrue(r.out().contains(String.format(Locale.ROOT, "n=%d (+%d validation): predicted l* = %d, layers above %s",
                    p.get("targetSize").asInt(), p.get("validationSize").asInt(), p.get("depth").asInt(),
                    p.get("init").asText())), p.toString());
        }
        assertFalse(Files.exists(dir.resolve("ws/runs/latest/recommended.onnx")), "nothing exported");

        // the saved pipeline: depth-prediction with the sweep's sizes and training settings, no fine-tune
        String yaml = Files.readString(Path.of(json.get("pipeline").asText()));
        assertTrue(yaml.contains("uses: depth-prediction\n    with:\n      targetSizes: [30, 60]\n      maxEpochs: 8\n"
                + "      patience: 3\n"), yaml);
        assertFalse(yaml.contains("uses: fine-tune") || yaml.contains("uses: report"), yaml);
        assertTrue(yaml.contains("# Fine-tune settings depth-prediction does not take, not used: "
                + "finetune.bootstrapResamples=100"), yaml);
        assertFalse(yaml.contains("bootstrapResamples: "), yaml);
        Result valid = CommandLineTest.run("validate", "--plugins", dir.resolve("none").toString(), "--data-root",
                dir.toString(), json.get("pipeline").asText());
        assertEquals(0, valid.code(), valid.err());

        // the full sweep's command is the same without --fast
        String args = r.out().lines().dropWhile(l -> !l.startsWith("Nothing is exported")).skip(1).findFirst().orElseThrow();
        assertTrue(args.startsWith("  defrost recommend --workspace ") && !args.contains("--fast"), args);
    }

    @Test
    void aRelatedSourceRanksAboveAnUnrelatedOne() throws Exception {
        Path related = trained("related.onnx", true);
        Path unrelated = trained("unrelated.onnx", false);
        Result r = recommend("--source", unrelated.toString(), "--candidates", related.toString(), "--sizes", "40");
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode json = Json.MAPPER.readTree(dir.resolve("ws/runs/latest").resolve(RecommendCommand.FAST_JSON_FILE).toFile());
        assertEquals(related.toString(), json.get("ranking").get(0).asText(), r.out());
        assertEquals(related.toString(), json.get("recommendedSource").asText(), r.out());
        assertTrue(r.out().contains("Use related.onnx"), r.out());
        // the ranking's order is that of the stage's mean predicted validation errors
        List<Map<String, String>> ranks = Csv.read(predictionArtifact().resolve("ranking.csv"));
        double[] mean = new double[2];
        for (Map<String, String> row : ranks) {
            mean[row.get("source").endsWith("related.onnx") && !row.get("source").endsWith("unrelated.onnx") ? 0 : 1] +=
                    Double.parseDouble(row.get("predictedValidationError")) / 3;
        }
        assertTrue(mean[0] < mean[1], mean[0] + " vs " + mean[1]);
    }

    @Test
    void aConvolutionalSourceAndAnExportAreRefusedBeforeAnythingRuns() throws Exception {
        BlockNetwork n = BlockNetwork.build(Architecture.parse("[conv 3 3x3, pool 2, dense 4]", new ImageShape(2, 6, 6), 3),
                Seed.of(5));
        Path cnn = dir.resolve("cnn.onnx");
        OnnxExport.write(n, cnn);
        Result r = recommend("--source", cnn.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--fast: depth-prediction predicts for fully connected source networks only; " + cnn
                + " is a block (convolutional) network"), r.err());

        Result export = recommend("--source", trained("a.onnx", true).toString(), "--export", dir.resolve("x.onnx").toString());
        assertEquals(2, export.code());
        assertTrue(export.err().contains("--fast trains no network to export"), export.err());
        assertFalse(Files.exists(dir.resolve("ws/runs")), "nothing ran");
    }
}
