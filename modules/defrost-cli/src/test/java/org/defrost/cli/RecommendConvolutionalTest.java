package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.defrost.cli.CommandLineTest.Result;
import org.defrost.engine.store.Json;
import org.defrost.engine.store.Manifest;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.ImageShape;
import org.defrost.npy.Npy;
import org.defrost.onnx.OnnxBlockNetwork;
import org.defrost.onnx.OnnxExport;
import org.defrost.onnx.OnnxImport;
import org.defrost.spi.Seed;
import org.defrost.study.FineTunedNetworks;
import org.defrost.study.support.Csv;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code defrost recommend} on a convolutional model: a tiny block network that defrost exports to ONNX as the
 * user's model, and 2×6×6 images given in PyTorch's NCHW order whose class is told by which channel and which half
 * of the image is bright.
 */
class RecommendConvolutionalTest {
    private static final int EXAMPLES = 180;
    private static final ImageShape IMAGE = new ImageShape(2, 6, 6);

    @TempDir
    Path dir;

    private Path x;
    private Path y;
    private float[] nchw;

    @BeforeEach
    void data() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        int size = IMAGE.size();
        nchw = new float[EXAMPLES * size];
        int[] labels = new int[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            labels[i] = i % 3;
            int brightChannel = labels[i] == 1 ? 1 : 0;
            for (int c = 0; c < IMAGE.channels(); c++) {
                for (int h = 0; h < IMAGE.height(); h++) {
                    for (int w = 0; w < IMAGE.width(); w++) {
                        boolean bright = c == brightChannel && (labels[i] == 2 ? h >= 3 : h < 3);
                        nchw[i * size + (c * IMAGE.height() + h) * IMAGE.width() + w] =
                                (float) (0.5 * r.nextGaussian() + (bright ? 1.5 : 0));
                    }
                }
            }
        }
        x = dir.resolve("X.npy");
        y = dir.resolve("y.npy");
        Npy.write(x, nchw, EXAMPLES, IMAGE.channels(), IMAGE.height(), IMAGE.width());
        Npy.write(y, labels, EXAMPLES);
    }

    /** The user's model: conv, pool, dense and a readout of 4 outputs, exported with NCHW input. */
    private Path model() throws Exception {
        Path file = dir.resolve("cnn.onnx");
        OnnxExport.write(BlockNetwork.build(Architecture.parse("[conv 4 3x3, pool 2, dense 8]", IMAGE, 4), Seed.of(3)),
                file);
        return file;
    }

    private Result recommend(String... extra) {
        List<String> args = new ArrayList<>(List.of("recommend", "--workspace", dir.resolve("ws").toString(), "--plugins",
                dir.resolve("none").toString(), "--threads", "2", "--metrics-port", "0", "--metrics-linger", "0s",
                "--labels", y.toString(), "--resamples", "2", "--sizes", "30",
                "--set", "finetune.maxEpochs=4", "--set", "finetune.patience=2", "--set", "finetune.bootstrapResamples=100"));
        args.addAll(List.of(extra));
        return CommandLineTest.runCapturingStdout(args);
    }

    @Test
    void recommendsOnAConvolutionalModelAndExportsTheNetworkAtLStarWithNchwInput() throws Exception {
        Path onnx = model();
        Result r = recommend("--source", onnx.toString(), "--target", x.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Path artifacts = dir.resolve("ws/artifacts");
        JsonNode answer = Json.MAPPER.readTree(dir.resolve("ws/runs/latest").resolve(RecommendCommand.JSON_FILE).toFile());
        JsonNode choice = answer.get("choices").get(0);
        List<Map<String, String>> optima = new ArrayList<>();
        for (Manifest m : artifacts("transfer-results")) {
            optima.addAll(Csv.read(artifacts.resolve(m.key()).resolve("optimal-depths.csv")));
        }
        assertEquals(1, optima.size());
        assertEquals(Integer.parseInt(optima.get(0).get("depthStar")), choice.get("depthStar").asInt());
        assertEquals(optima.get(0).get("init"), choice.get("init").asText());

        // the source network is stored as pretrain stores a block network, with its blocks named
        Manifest source = artifacts("source-network").get(0);
        assertEquals(2, ((Number) source.metadata().get("hiddenLayers")).intValue());
        assertEquals(List.of("conv block 1", "dense block 2"), source.metadata().get("blockNames"));

        // the task pair holds the images as NHWC rows: the NCHW rows of X reordered as the ONNX import reorders them
        OnnxBlockNetwork original = OnnxImport.readBlocks(onnx);
        Manifest pairManifest = artifacts("task-pair").get(0);
        Path pairDir = artifacts.resolve(pairManifest.key());
        int[] testRows = Npy.read(pairDir.resolve("resample/test_rows.npy")).asInts();
        LabelledSet test = TaskPair.read(pairDir).load(TaskPairSet.TARGET_TEST);
        FMatrixRMaj given = new FMatrixRMaj(testRows.length, IMAGE.size());
        for (int i = 0; i < testRows.length; i++) {
            System.arraycopy(nchw, testRows[i] * IMAGE.size(), given.data, i * IMAGE.size(), IMAGE.size());
        }
        assertArrayEquals(original.toNhwc(given).data, test.inputs());

        // the exported network re-imports with the outputs of the chosen cell trained again
        JsonNode exported = answer.get("network");
        assertTrue(exported.get("reproduced").asBoolean(), exported.toString());
        OnnxBlockNetwork imported = OnnxImport.readBlocks(Path.of(exported.get("file").asText()));
        assertEquals(List.of(-1L, 2L, 6L, 6L), imported.inputShape()); // [batch, C, H, W], as the user's model
        Manifest cell = Json.MAPPER.readValue(artifacts.resolve(exported.get("cellKey").asText())
                .resolve("manifest.json").toFile(), Manifest.class);
        Path cellPair = artifacts.resolve(input(cell, "task-pair"));
        FineTunedNetworks.Retrained again = FineTunedNetworks.retrain(cell.parameters(), cell.seed(), cellPair,
                artifacts.resolve(input(cell, "source-network")), 1);
        LabelledSet cellTest = TaskPair.read(cellPair).load(TaskPairSet.TARGET_TEST);
        try (KernelThreads t = KernelThreads.of(1)) {
            assertArrayEquals(again.blocks().outputs(cellTest.inputMatrix(), t).data,
                    imported.network().outputs(cellTest.inputMatrix(), t).data);
            assertEquals(exported.get("testError").asDouble(), imported.network()
                    .evaluate(new org.defrost.nn.Dataset(cellTest.inputMatrix(), cellTest.labels()), t).error());
        }
    }

    @Test
    void imagesOfAnotherShapeAreRefusedBeforeAnythingRuns() throws Exception {
        Path onnx = model();
        Path oneChannel = dir.resolve("X1.npy");
        Npy.write(oneChannel, java.util.Arrays.copyOf(nchw, EXAMPLES * 36), EXAMPLES, 1, 6, 6);
        Result r = recommend("--source", onnx.toString(), "--target", oneChannel.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cnn.onnx expects 2×6×6 images (channels×height×width), the target data (X) has "
                + "images of 1×6×6"), r.err());

        Path flat = dir.resolve("Xflat.npy");
        Npy.write(flat, nchw, EXAMPLES, IMAGE.size());
        Result f = recommend("--source", onnx.toString(), "--target", flat.toString());
        assertEquals(2, f.code(), f.err());
        assertTrue(f.err().contains("cnn.onnx expects 2×6×6 images (channels×height×width), the target data (X) has "
                + "flat rows of 72 values, whose channel order is unknown; give X as an array of shape (n, 2, 6, 6)"),
                f.err());
        assertFalse(Files.exists(dir.resolve("ws/runs")), "nothing ran");
    }

    private List<Manifest> artifacts(String kind) throws Exception {
        List<Manifest> out = new ArrayList<>();
        try (var dirs = Files.list(dir.resolve("ws/artifacts"))) {
            for (Path a : dirs.toList()) {
                Manifest m = Json.MAPPER.readValue(a.resolve("manifest.json").toFile(), Manifest.class);
                if (m.kind().equals(kind)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static String input(Manifest m, String kind) {
        return m.inputs().stream().filter(i -> i.kind().equals(kind)).findFirst().orElseThrow().key();
    }
}
