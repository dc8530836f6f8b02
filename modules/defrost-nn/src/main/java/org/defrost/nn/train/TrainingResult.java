package org.defrost.nn.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a training run. The network holds the weights of {@link #bestEpoch()}.
 *
 * @param epochsRun         epochs trained
 * @param bestEpoch         the epoch whose weights the network holds: the best validation epoch, or the last
 *                          epoch without a validation set
 * @param stopReason        why training stopped
 * @param history           one record per epoch, in order
 * @param samplesTrained    training samples propagated forward and backward
 * @param trainingSeconds   wall time of the minibatch loops (excluding validation and prefix caching)
 * @param cachedPrefixDepth depth of the frozen prefix whose outputs were cached (0 if none)
 */
public record TrainingResult(int epochsRun, int bestEpoch, StopReason stopReason, List<EpochRecord> history,
                             long samplesTrained, double trainingSeconds, int cachedPrefixDepth) {

    public TrainingResult {
        history = List.copyOf(history);
    }

    /** Training throughput: samples per second of minibatch loop. */
    public double samplesPerSecond() {
        return trainingSeconds > 0 ? samplesTrained / trainingSeconds : Double.NaN;
    }

    /** The record of {@link #bestEpoch()}. */
    public EpochRecord best() {
        return history.get(bestEpoch - 1);
    }

    /** The result as JSON-ready values, for provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochsRun", epochsRun);
        m.put("bestEpoch", bestEpoch);
        m.put("stopReason", stopReason.name().toLowerCase(java.util.Locale.ROOT));
        m.put("samplesTrained", samplesTrained);
        m.put("trainingSeconds", trainingSeconds);
        m.put("samplesPerSecond", EpochRecord.finiteOrNull(samplesPerSecond()));
        m.put("cachedPrefixDepth", cachedPrefixDepth);
        List<Map<String, Object>> h = new ArrayList<>();
        for (EpochRecord r : history) {
            h.add(r.toMap());
        }
        m.put("history", h);
        return m;
    }
}
