package org.defrost.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.defrost.nn.Evaluation;
import org.defrost.nn.MinibatchPropagation;
import org.defrost.nn.backend.Backend;
import org.defrost.spi.Seed;
import org.ejml.data.ReshapeMatrix;

/**
 * The epochs of minibatch training that every kind of network shares: the minibatch order of epoch e from
 * {@code orderSeed.derive(e)}, the learning rate of the schedule, a divergence check on every minibatch loss and
 * validation loss, the epoch records, and early stopping on the monitored validation quantity with best-weights
 * restore. A subclass supplies the network's part: its propagation and update, the validation pass and keeping
 * the best weights. The loop itself allocates nothing per minibatch.
 */
public abstract class EpochLoop<M extends ReshapeMatrix> {
    private final TrainingConfig config;
    private final Backend<M> backend;
    private final M inputs;
    private final int[] labels;
    private final Supplier<Evaluation> validation;
    private final int batchSize;
    private final int[] order;
    private final M batch;
    private final int[] batchLabels;

    /**
     * @param inputs     training inputs, {@code n × width}, n >= 1, as they enter the propagation. Not modified.
     * @param labels     their n labels. Not modified.
     * @param validation loss and error on the validation set with the current weights, or null to train for
     *                   {@code maxEpochs} without validation
     */
    protected EpochLoop(TrainingConfig config, Backend<M> backend, M inputs, int[] labels,
                        Supplier<Evaluation> validation) {
        this.config = config;
        this.backend = backend;
        this.inputs = inputs;
        this.labels = labels;
        this.validation = validation;
        this.batchSize = config.effectiveBatchSize(labels.length);
        this.order = new int[labels.length];
        this.batch = backend.zeros(batchSize, inputs.getNumCols());
        this.batchLabels = new int[batchSize];
    }

    /** The minibatch size: the largest batch a step receives. */
    protected final int batchSize() {
        return batchSize;
    }

    /** The backend the loop gathers minibatches with. */
    protected final Backend<M> backend() {
        return backend;
    }

    /** The propagation that trains, with room for {@link #batchSize()} rows. */
    protected abstract MinibatchPropagation<M> propagation();

    /** Updates the trainable tensors from the gradients of the last backward pass. */
    protected abstract void update(double lr);

    /** Keeps a copy of the trainable weights as the best so far. */
    protected abstract void keepBest();

    /** Puts the kept best weights back. */
    protected abstract void restoreBest();

    /**
     * Runs the epochs.
     *
     * @param orderSeed         stream of the minibatch order
     * @param cancelled         polled before every minibatch; true stops training with a
     *                          {@link CancellationException}
     * @param cachedPrefixDepth reported in the result: the frozen layers or blocks whose output was cached
     * @throws TrainingDivergedException on a NaN or infinite loss
     */
    public final TrainingResult run(Seed orderSeed, EpochListener listener, BooleanSupplier cancelled,
                                    int cachedPrefixDepth) {
        int n = order.length;
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
                backend.gatherRows(inputs, order, from, to, batch);
                for (int i = from; i < to; i++) {
                    batchLabels[i - from] = labels[order[i]];
                }
                MinibatchPropagation<M> propagation = propagation();
                propagation.forward(batch);
                double loss = propagation.lossAndGradient(batchLabels);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, b + 1, batches, loss, lr);
                }
                propagation.backward();
                update(lr);
                lossSum += loss * (to - from);
            }
            loopNanos += System.nanoTime() - epochStart;
            samples += n;
            double validationLoss = Double.NaN;
            double validationError = Double.NaN;
            if (validation != null) {
                Evaluation e = validation.get();
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
            if (validation == null) {
                bestEpoch = epoch;
                continue;
            }
            double value = config.monitor() == Monitor.VALIDATION_LOSS ? validationLoss : validationError;
            if (value < bestValue) {
                bestValue = value;
                bestEpoch = epoch;
                keepBest();
            } else if (epoch - bestEpoch >= config.patience()) {
                reason = StopReason.EARLY_STOPPING;
                break;
            }
        }
        int epochsRun = history.size();
        if (validation != null && bestEpoch != epochsRun) {
            restoreBest();
        }
        return new TrainingResult(epochsRun, bestEpoch, reason, history, samples, loopNanos / 1e9, cachedPrefixDepth);
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
