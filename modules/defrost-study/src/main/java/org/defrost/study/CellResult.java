package org.defrost.study;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one trained sweep cell, as stored in a transfer-cell artifact's {@code cell.json}.
 *
 * @param targetSize          n as requested: the examples trained on, or with validation taken from the
 *                            budget, the examples used in all
 * @param trainSize           rows the cell trained on (the size of the array it was given)
 * @param validationSize      rows it early-stopped on
 * @param depth               ℓ, the transfer depth
 * @param build               how layers above ℓ started: {@code random} or {@code pretrained}
 * @param testError           0/1 error on the target test set after training
 * @param testLoss            mean loss on the target test set
 * @param validationError     0/1 error on the validation rows at the restored best epoch
 * @param firstStageTestError test error before the second stage of the two-stage variant, else NaN
 * @param epochs              epochs run (both stages)
 * @param bestEpoch           epoch whose weights were restored (last stage)
 * @param stopReason          why training stopped (last stage)
 *
 * <p>Wall-clock figures are not part of it (they would make the artifact's content differ between two
 * computations of the same cell); they are in the artifact's metadata, {@code seconds} and
 * {@code samplesPerSecond}.
 */
public record CellResult(int targetSize, int trainSize, int validationSize, int depth, String build, double testError,
                         double testLoss, double validationError, double firstStageTestError, int epochs, int bestEpoch,
                         String stopReason) {

    static final String FILE = "cell.json";

    /** Columns of the tidy table, after the cell's identifying columns. */
    Map<String, Object> measurements() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testError", testError);
        m.put("testLoss", testLoss);
        m.put("validationError", validationError);
        m.put("firstStageTestError", firstStageTestError);
        m.put("epochs", epochs);
        m.put("bestEpoch", bestEpoch);
        m.put("stopReason", stopReason);
        return m;
    }
}
