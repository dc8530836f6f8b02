package org.defrost.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.defrost.nn.Evaluation;
import org.defrost.nn.Evaluator;
import org.defrost.nn.LayerParameters;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.Propagator;
import org.defrost.nn.backend.Backend;
import org.defrost.spi.Seed;
import org.ejml.data.ReshapeMatrix;

/**
 * Epochs of minibatch training with validation, early stopping and best-weights restore, in one precision.
 * Every buffer is allocated in the constructor; the minibatch loop allocates nothing.
 *
 * <p>Inputs enter at layer {@code first}: the raw inputs when {@code first = 1}, or the cached outputs of a
 * frozen prefix {@code 1..first-1}.
 */
final class TrainingLoop<M extends ReshapeMatrix> {
    private static final int VALIDATION_BATCH = 1024;

    private final Backend<M> backend;
    private final LayerParameters<M> params;
    private final TrainingConfig config;
    private final M trainInputs;
    private final int[] trainLabels;
    private final M validationInputs;
    private final int[] validationLabels;
    private final Seed orderSeed;
    private final EpochListener listener;
    private final BooleanSupplier cancelled;
    private final int batchSize;
    private final Propagator<M> propagator;
    private final ParameterUpdater<M> updater;
    private final Evaluator<M> validator;
    private final LayerParameters<M> best;
    private final M batch;
    private final int[] batchLabels;
    private final int[] order;

    /**
     * @param first            the first computed layer; inputs have width {@code width(first - 1)}
     * @param trainable        flags for layers 1..L+1 (index 0 unused); layers below {@code first} must be frozen
     * @param trainInputs      {@code n × width(first-1)}, n >= 1. Not modified.
     * @param validationInputs null for no validation, else {@code m × width(first-1)}, m >= 1. Not modified.
     * @param orderSeed        stream of the minibatch order; epoch e shuffles with {@code orderSeed.derive(e)}
     */
    TrainingLoop(Backend<M> backend, LayerParameters<M> params, int first, boolean[] trainable, TrainingConfig config,
                 M trainInputs, int[] trainLabels, M validationInputs, int[] validationLabels, Seed orderSeed,
                 EpochListener listener, BooleanSupplier cancelled) {
        this.backend = backend;
        this.params = params;
        this.config = config;
        this.trainInputs = trainInputs;
        this.trainLabels = trainLabels;
        this.validationInputs = validationInputs;
        this.validationLabels = validationLabels;
        this.orderSeed = orderSeed;
        this.listener = listener;
        this.cancelled = cancelled;
        int n = trainLabels.length;
        this.batchSize = config.effectiveBatchSize(n);
        this.propagator = new Propagator<>(backend, params, first, trainable, batchSize);
        this.updater = new ParameterUpdater<>(backend, params, trainable, config);
        NetworkSpec spec = params.spec();
        this.batch = backend.zeros(batchSize, spec.width(first - 1));
        this.batchLabels = new int[batchSize];
        this.order = new int[n];
        if (validationInputs != null) {
            int capacity = Math.min(VALIDATION_BATCH, validationLabels.length);
            this.validator = new Evaluator<>(backend, params, first, capacity);
            this.best = new LayerParameters<>(spec, backend);
        } else {
            this.validator = null;
            this.best = null;
        }
    }

    TrainingResult run(int cachedPrefixDepth) {
        int n = trainLabels.length;
        int batches = (n + batchSize - 1) / batchSize;
        List<EpochRecord> history = new ArrayList<>();
        long samples = 0;
        long loopNanos = 0;
        int bestEpoch = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        StopReason reason = StopReason.MAX_EPOCHS;
        for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            long epochStart = System.nanoTime();
            double lr = config.learningRate() * config.schedule().factor(epoch, config.maxEpochs());
            shuffle(orderSeed.derive(epoch).generator());
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("training cancelled at epoch " + epoch + ", minibatch "
                            + (b + 1) + " of " + batches);
                }
                int from = b * batchSize;
                int to = Math.min(n, from + batchSize);
                backend.gatherRows(trainInputs, order, from, to, batch);
                for (int i = from; i < to; i++) {
                    batchLabels[i - from] = trainLabels[order[i]];
                }
                propagator.forward(batch);
                double loss = propagator.lossAndGradient(batchLabels);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, b + 1, batches, loss, lr);
                }
                propagator.backward();
                updater.step(propagator, lr);
                lossSum += loss * (to - from);
            }
            long loopEnd = System.nanoTime();
            loopNanos += loopEnd - epochStart;
            samples += n;
            double validationLoss = Double.NaN;
            double validationError = Double.NaN;
            if (validator != null) {
                Evaluation e = validator.run(validationInputs, validationLabels);
                validationLoss = e.loss();
                validationError = e.error();
                if (!Double.isFinite(validationLoss)) {
                    throw new TrainingDivergedException(epoch, 0, batches, validationLoss, lr);
                }
            }
            EpochRecord record = new EpochRecord(epoch, lossSum / n, validationLoss, validationError, lr,
                    (System.nanoTime() - epochStart) / 1e9);
            history.add(record);
            listener.onEpoch(record);
            if (validator == null) {
                bestEpoch = epoch;
                continue;
            }
            double value = config.monitor() == Monitor.VALIDATION_LOSS ? validationLoss : validationError;
            if (value < bestValue) {
                bestValue = value;
                bestEpoch = epoch;
                saveTrainable(params, best);
            } else if (epoch - bestEpoch >= config.patience()) {
                reason = StopReason.EARLY_STOPPING;
                break;
            }
        }
        int epochsRun = history.size();
        if (validator != null && bestEpoch != epochsRun) {
            saveTrainable(best, params);
        }
        return new TrainingResult(epochsRun, bestEpoch, reason, history, samples, loopNanos / 1e9, cachedPrefixDepth);
    }

    private void saveTrainable(LayerParameters<M> from, LayerParameters<M> to) {
        for (int k : updater.layers()) {
            to.copyLayer(from, k, backend);
        }
    }

    /** Fisher–Yates over the identity, so each epoch's order depends only on its own stream. */
    private void shuffle(SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
