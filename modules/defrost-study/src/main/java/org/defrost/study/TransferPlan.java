package org.defrost.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The starting points of a sweep, stored as {@code plan.json} in a transfer-plan artifact.
 *
 * @param hiddenLayers   L, the number of feature layers of S
 * @param starts         the (depth, initialisation) pairs, deepest transfer first
 * @param twoStage       after training with ℓ frozen, unfreeze everything and fine-tune again
 * @param twoStageFactor learning-rate factor of the second stage
 */
public record TransferPlan(int hiddenLayers, List<Start> starts, boolean twoStage, double twoStageFactor) {
    static final String FILE = "plan.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One starting network: layers 1..depth copied from S and frozen, layers above depth copied from S
     * ({@code pretrained}) or drawn fresh ({@code random}), a fresh readout.
     *
     * @param depth ℓ in 0..L
     * @param init  {@code random} or {@code pretrained}, as the user asked for it
     * @param build the initialisation actually used: at ℓ = L no feature layer is left to initialise, so
     *              both requests build the same network ({@code pretrained}) and share one cell
     * @param seed  seed of the fresh layers and of the training run
     */
    public record Start(int depth, String init, String build, long seed) {
        /** A readable name, e.g. {@code depth3-random}. */
        public String name() {
            return "depth" + depth + "-" + init;
        }
    }

    void write(Path dir) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), this);
    }

    static TransferPlan read(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(FILE).toFile(), TransferPlan.class);
    }
}
