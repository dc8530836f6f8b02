package org.defrost.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.defrost.nn.Evaluation;
import org.defrost.spi.Seed;

/**
 * The epochs of minibatch training that every kind of network shares: the minibatch order of epoch e from
 * {@code orderSeed.derive(e)}, the learning rate of the schedule, a divergence check on every minibatch loss and
 * validation loss, the epoch records, and early stopping on the monitored validation quantity with best-weights
 * restore. A subclass supplies the network's part: one minibatch step, the validation pass and keeping the best
 * weights. The loop itself allocates nothing per minibatch.
 */
public abstract class EpochLoop {
    private final TrainingConfig config;
    private final Seed orderSeed;
    private final EpochListener listener;
    private final BooleanSupplier cancelled;
    private final int batchSize;
    private final int[] order;

    /**
     * @param samples   training samples, at least 1
     * @param orderSeed stream of the minibatch order
     * @param cancelled polled before every minibatch; true stops training with a {@link CancellationException}
     */
    protected EpochLoop(TrainingConfig config, int samples, Seed orderSeed, EpochListener listener,
                        BooleanSupplier cancelled) {
        this.config = config;
        this.orderSeed = orderSeed;
        this.listener = listener;
        this.cancelled = cancelled;
        this.batchSize = config.effectiveBatchSize(samples);
        this.order = new int[samples];
    }

    /** The minibatch size: the largest batch a step receives. */
    protected final int batchSize() {
        return batchSize;
    }

    /**
     * One minibatch: trains on samples {@code order[from..to)} with learning rate {@code lr}.
     *
     * @param order the epoch's sample order. Not modified.
     * @return the mean loss of the minibatch before the update
     */
    protected abstract double step(int[] order, int from, int to, double lr);

    /** Whether a validation set is given; without one, training runs for {@code maxEpochs}. */
    protected abstract boolean validates();

    /** Loss and error on the validation set with the current weights. */
    protected abstract Evaluation validate();

    /** Keeps a copy of the trainable weights as the best so far. */
    protected abstract void keepBest();

    /** Puts the kept best weights back. */
    protected abstract void restoreBest();

    /**
     * Runs the epochs.
     *
     * @param cachedPrefixDepth reported in the result: the frozen layers or blocks whose output was cached
     * @throws TrainingDivergedException on a NaN or infinite loss
     */
    public final TrainingResult run(int cachedPrefixDepth) {
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
                double loss = step(order, from, to, lr);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, b + 1, batches, loss, lr);
                }
                lossSum += loss * (to - from);
            }
            loopNanos += System.nanoTime() - epochStart;
            samples += n;
            double validationLoss = Double.NaN;
            double validationError = Double.NaN;
            if (validates()) {
                Evaluation e = validate();
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
            if (!validates()) {
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
        if (validates() && bestEpoch != epochsRun) {
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
