package org.defrost.nn.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch did.
 *
 * @param epoch           1-based epoch number
 * @param trainLoss       mean minibatch loss over the epoch (weights moving during the epoch)
 * @param validationLoss  mean validation loss after the epoch; NaN without a validation set
 * @param validationError validation 0/1 error after the epoch; NaN without a validation set
 * @param learningRate    base learning rate used in the epoch (after the schedule, before layer multipliers)
 * @param seconds         wall time of the epoch including validation
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double validationError,
                          double learningRate, double seconds) {

    /** The record as JSON-ready values (NaN becomes null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("trainLoss", finiteOrNull(trainLoss));
        m.put("validationLoss", finiteOrNull(validationLoss));
        m.put("validationError", finiteOrNull(validationError));
        m.put("learningRate", learningRate);
        m.put("seconds", seconds);
        return m;
    }

    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
