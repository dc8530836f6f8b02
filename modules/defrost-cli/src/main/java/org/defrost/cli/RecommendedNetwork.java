package org.defrost.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.Manifest;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.onnx.OnnxExport;
import org.defrost.spi.ArtifactKinds;
import org.defrost.study.FineTunedNetworks;
import org.defrost.study.support.Csv;

/**
 * The fine-tuned network at ℓ* that {@code defrost recommend} exports to ONNX. {@code fine-tune} keeps each cell's
 * results, not its network, so the chosen cell is trained again, deterministically, from its own work unit, seed and
 * inputs ({@link FineTunedNetworks#retrain}); its test error must come out as {@code cells.csv} records it. Of the
 * chosen (ℓ*, initialisation) cells, one per resample, the one with the lowest validation error is exported (ties:
 * the first resample).
 *
 * @param cellKey         the exported cell's artifact key
 * @param resample        its resample (seed index, 0-based)
 * @param validationError its validation error
 * @param testError       its test error as {@code cells.csv} records it
 * @param retrainedError  the test error of the network trained again (equal to {@code testError})
 * @param file            the ONNX file written
 */
record RecommendedNetwork(String cellKey, int resample, double validationError, double testError, double retrainedError,
                          Path file) {

    /**
     * Trains the network of {@code choice}'s best resample again and writes it to {@code file}.
     *
     * @throws IOException when a cell, its inputs or the file cannot be read or written
     */
    static RecommendedNetwork export(Recommendation.Choice choice, ArtifactStore store, int threads, Path file)
            throws IOException {
        Map<String, String> cell = Csv.read(choice.cellsCsv()).stream()
                .filter(r -> Integer.parseInt(r.get("targetSize")) == choice.targetSize()
                        && Integer.parseInt(r.get("depth")) == choice.depthStar() && r.get("init").equals(choice.init())
                        && (!r.containsKey(RecommendPipeline.MATRIX_KEY)
                        || Path.of(r.get(RecommendPipeline.MATRIX_KEY)).equals(choice.source())))
                .min(Comparator.<Map<String, String>>comparingDouble(r -> Double.parseDouble(r.get("validationError")))
                        .thenComparingInt(r -> Integer.parseInt(r.get("seed"))))
                .orElseThrow(() -> new IOException(choice.cellsCsv() + " has no cell at n=" + choice.targetSize() + ", l*="
                        + choice.depthStar() + ", " + choice.init()));
        Manifest m = stored(store, cell.get("cellKey")).manifest();
        Path pair = null;
        Path source = null;
        for (Manifest.InputRef in : m.inputs()) {
            Path dir = stored(store, in.key()).directory();
            if (in.kind().equals(ArtifactKinds.TASK_PAIR)) {
                pair = dir;
            } else if (in.kind().equals(ArtifactKinds.SOURCE_NETWORK)) {
                source = dir;
            }
        }
        if (pair == null || source == null) {
            throw new IOException("cell " + cell.get("cellKey") + " does not record its task pair and source network");
        }
        FineTunedNetworks.Retrained retrained = FineTunedNetworks.retrain(m.parameters(), m.seed(), pair, source, threads);
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (retrained.blocks() != null) {
            OnnxExport.write(retrained.blocks(), file); // input [batch, C, H, W]: NCHW, as the user's model takes it
        } else {
            OnnxExport.write(retrained.network(), file);
        }
        return new RecommendedNetwork(cell.get("cellKey"), Integer.parseInt(cell.get("seed")),
                Double.parseDouble(cell.get("validationError")), Double.parseDouble(cell.get("testError")),
                retrained.testError(), file);
    }

    private static StoredArtifact stored(ArtifactStore store, String key) throws IOException {
        return store.find(key).orElseThrow(() -> new IOException("artifact " + key + " is not in the workspace "
                + store.workspace() + " (removed by defrost gc?)"));
    }

    /** Whether the network trained again reproduces the cell's recorded test error. */
    boolean reproduced() {
        return Double.compare(testError, retrainedError) == 0;
    }

    /** JSON-ready values for {@code recommendation.json}. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toAbsolutePath().toString());
        m.put("cellKey", cellKey);
        m.put("resample", resample);
        m.put("validationError", validationError);
        m.put("testError", testError);
        m.put("retrainedTestError", retrainedError);
        m.put("reproduced", reproduced());
        return m;
    }
}
