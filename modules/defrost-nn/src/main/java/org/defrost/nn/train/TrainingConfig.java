package org.defrost.nn.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to train: optimiser, learning rate and its schedule, batch size, epoch budget, early stopping and
 * regularisation. {@link #defaults()} are the method's defaults; the {@code with...} methods return
 * modified copies.
 *
 * @param optimizer                    update rule
 * @param learningRate                 base learning rate, positive
 * @param batchSize                    minibatch size; 0 means {@code min(128, n)}
 * @param maxEpochs                    epoch budget, at least 1
 * @param patience                     early stopping: stop after this many epochs without a strict improvement
 *                                     of the monitored validation quantity (at least 1); unused without a
 *                                     validation set
 * @param weightDecay                  λ >= 0, applied to weights only (not biases): L2 for SGD and Adam,
 *                                     decoupled for AdamW
 * @param layerLearningRateMultipliers layer (1..L+1) → factor on the learning rate (discriminative
 *                                     fine-tuning); layers absent from the map use 1
 * @param schedule                     learning rate as a function of the epoch
 * @param monitor                      the quantity early stopping watches
 * @param cacheFrozenPrefix            train on cached outputs of the frozen layers 1..d when the network has
 *                                     such a prefix (same result, less work)
 */
public record TrainingConfig(Optimizer optimizer, double learningRate, int batchSize, int maxEpochs, int patience,
                             double weightDecay, Map<Integer, Double> layerLearningRateMultipliers,
                             Schedule schedule, Monitor monitor, boolean cacheFrozenPrefix) {

    /** The default minibatch size cap: {@code min(128, n)}. */
    public static final int DEFAULT_BATCH_CAP = 128;

    public TrainingConfig {
        if (optimizer == null || schedule == null || monitor == null) {
            throw new IllegalArgumentException("optimizer, schedule and monitor are required");
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        if (batchSize < 0 || maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("need batchSize >= 0 (0 = auto), maxEpochs >= 1, patience >= 1; got "
                    + batchSize + ", " + maxEpochs + ", " + patience);
        }
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        layerLearningRateMultipliers = Map.copyOf(layerLearningRateMultipliers);
        for (Map.Entry<Integer, Double> e : layerLearningRateMultipliers.entrySet()) {
            if (e.getKey() < 1 || !(e.getValue() >= 0 && Double.isFinite(e.getValue()))) {
                throw new IllegalArgumentException("learning-rate multiplier " + e.getValue() + " for layer "
                        + e.getKey() + " is invalid (layers from 1, factors >= 0)");
            }
        }
    }

    /**
     * The method's defaults (§4): Adam, learning rate 1e-3, batch {@code min(128, n)}, at most 2000 epochs,
     * patience 100 on the validation loss, no weight decay, constant rate, cached frozen prefixes.
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(Optimizer.adam(), 1e-3, 0, 2000, 100, 0, Map.of(), Schedule.constant(),
                Monitor.VALIDATION_LOSS, true);
    }

    public TrainingConfig withOptimizer(Optimizer o) {
        return new TrainingConfig(o, learningRate, batchSize, maxEpochs, patience, weightDecay,
                layerLearningRateMultipliers, schedule, monitor, cacheFrozenPrefix);
    }

    public TrainingConfig withLearningRate(double lr) {
        return new TrainingConfig(optimizer, lr, batchSize, maxEpochs, patience, weightDecay,
                layerLearningRateMultipliers, schedule, monitor, cacheFrozenPrefix);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(optimizer, learningRate, b, maxEpochs, patience, weightDecay,
                layerLearningRateMultipliers, schedule, monitor, cacheFrozenPrefix);
    }

    public TrainingConfig withMaxEpochs(int e) {
        return new TrainingConfig(optimizer, learningRate, batchSize, e, patience, weightDecay,
                layerLearningRateMultipliers, schedule, monitor, cacheFrozenPrefix);
    }

    public TrainingConfig withPatience(int p) {
        return new TrainingConfig(optimizer, learningRate, batchSize, maxEpochs, p, weightDecay,
                layerLearningRateMultipliers, schedule, monitor, cacheFrozenPrefix);
    }

    public TrainingConfig withWeightDecay(double wd) {
        return new TrainingConfig(optimizer, learningRate, batchSize, maxEpochs, patience, wd,
                layerLearningRateMultipliers, schedule, monitor, cacheFrozenPrefix);
    }

    public TrainingConfig withLayerLearningRateMultipliers(Map<Integer, Double> m) {
        return new TrainingConfig(optimizer, learningRate, batchSize, maxEpochs, patience, weightDecay, m,
                schedule, monitor, cacheFrozenPrefix);
    }

    public TrainingConfig withSchedule(Schedule s) {
        return new TrainingConfig(optimizer, learningRate, batchSize, maxEpochs, patience, weightDecay,
                layerLearningRateMultipliers, s, monitor, cacheFrozenPrefix);
    }

    public TrainingConfig withMonitor(Monitor m) {
        return new TrainingConfig(optimizer, learningRate, batchSize, maxEpochs, patience, weightDecay,
                layerLearningRateMultipliers, schedule, m, cacheFrozenPrefix);
    }

    public TrainingConfig withCacheFrozenPrefix(boolean c) {
        return new TrainingConfig(optimizer, learningRate, batchSize, maxEpochs, patience, weightDecay,
                layerLearningRateMultipliers, schedule, monitor, c);
    }

    /** The minibatch size for a training set of {@code n} samples. */
    public int effectiveBatchSize(int n) {
        return Math.max(1, Math.min(batchSize == 0 ? DEFAULT_BATCH_CAP : batchSize, n));
    }

    /** The learning-rate multiplier of {@code layer} (1 when not configured). */
    public double multiplier(int layer) {
        return layerLearningRateMultipliers.getOrDefault(layer, 1.0);
    }

    /** Every setting as JSON-ready values, for provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("optimizer", optimizer.toMap());
        m.put("learningRate", learningRate);
        m.put("batchSize", batchSize == 0 ? "min(128, n)" : batchSize);
        m.put("maxEpochs", maxEpochs);
        m.put("patience", patience);
        m.put("weightDecay", weightDecay);
        Map<String, Object> multipliers = new LinkedHashMap<>();
        new TreeMap<>(layerLearningRateMultipliers).forEach((k, v) -> multipliers.put(String.valueOf(k), v));
        m.put("layerLearningRateMultipliers", multipliers);
        m.put("schedule", schedule.toMap());
        m.put("monitor", monitor.name().toLowerCase(Locale.ROOT));
        m.put("cacheFrozenPrefix", cacheFrozenPrefix);
        return m;
    }
}
