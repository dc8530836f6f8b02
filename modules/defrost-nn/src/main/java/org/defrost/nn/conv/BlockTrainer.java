package org.defrost.nn.conv;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Evaluation;
import org.defrost.nn.backend.FloatBackend;
import org.defrost.nn.train.EpochListener;
import org.defrost.nn.train.EpochRecord;
import org.defrost.nn.train.Monitor;
import org.defrost.nn.train.StopReason;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.nn.train.TrainingDivergedException;
import org.defrost.nn.train.TrainingResult;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;

/**
 * Trains the unfrozen blocks of a {@link BlockNetwork} under a {@link TrainingConfig}, with the same rules as the
 * dense {@link org.defrost.nn.train.Trainer}: minibatch order of epoch e from
 * {@code seed.derive("minibatch-order").derive(e)}, the configured optimiser, schedule and weight decay, early
 * stopping on a validation set with best-weights restore (of the trainable blocks' tensors, statistics included).
 * One seed gives bit-identical results for any number of kernel threads.
 *
 * <p>When blocks {@code 1..d} are frozen and {@link TrainingConfig#cacheFrozenPrefix()} holds, their output is
 * computed once ({@link BlockNetwork#prefixFeatures}) and blocks {@code d+1..L+1} train on it; since a frozen
 * block normalises with its running statistics, this equals propagating through it every minibatch bit for bit.
 */
public final class BlockTrainer {
    private final TrainingConfig config;
    private final EpochListener listener;

    /** A trainer for {@code config}, reporting each epoch to {@code listener}. */
    public BlockTrainer(TrainingConfig config, EpochListener listener) {
        if (config == null || listener == null) {
            throw new IllegalArgumentException("config and listener are required");
        }
        this.config = config;
        this.listener = listener;
    }

    /**
     * Trains {@code network} in place on caller-owned kernel threads (not closed here).
     *
     * @param network    modified: trainable blocks' tensors; frozen blocks are never written
     * @param train      at least one sample, {@code n × input size}. Not modified.
     * @param validation null to train for {@code maxEpochs}. Not modified.
     * @throws TrainingDivergedException on a NaN or infinite loss
     */
    public TrainingResult train(BlockNetwork network, Dataset train, Dataset validation, Seed seed,
                                KernelThreads threads) {
        Architecture arch = network.architecture();
        check(arch, train, "training");
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training set is empty");
        }
        if (validation != null) {
            check(arch, validation, "validation");
            validation = validation.size() == 0 ? null : validation;
        }
        int prefix = config.cacheFrozenPrefix() ? network.frozenPrefixDepth() : 0;
        if (network.frozenPrefixDepth() == network.blockCount()) {
            throw new IllegalArgumentException("every block is frozen: nothing to train");
        }
        FloatBackend backend = new FloatBackend(threads);
        ImageOps<FMatrixRMaj, float[]> ops = ImageOps.floats(threads);
        BlockParameters<FMatrixRMaj> params = network.parameters();
        FMatrixRMaj inputs = train.inputs();
        FMatrixRMaj validationInputs = validation == null ? null : validation.inputs();
        if (prefix > 0) {
            inputs = BlockNetwork.prefixFeatures(backend, ops, params, prefix, inputs);
            if (validation != null) {
                validationInputs = BlockNetwork.prefixFeatures(backend, ops, params, prefix, validationInputs);
            }
        }
        boolean[] trainable = network.trainableFlags();
        int n = train.size();
        int batchSize = config.effectiveBatchSize(n);
        BlockPropagator<FMatrixRMaj> propagator = new BlockPropagator<>(backend, ops, params, prefix + 1,
                network.blockCount(), trainable, batchSize);
        BlockUpdater<FMatrixRMaj> updater = new BlockUpdater<>(backend, params, propagator, trainable, config);
        BlockParameters<FMatrixRMaj> best = validation == null ? null : new BlockParameters<>(arch, backend);
        FMatrixRMaj batch = new FMatrixRMaj(batchSize, inputs.numCols);
        int[] batchLabels = new int[batchSize];
        int[] order = new int[n];
        Seed orderSeed = seed.derive("minibatch-order");
        int batches = (n + batchSize - 1) / batchSize;
        List<EpochRecord> history = new ArrayList<>();
        long samples = 0;
        long loopNanos = 0;
        int bestEpoch = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        StopReason reason = StopReason.MAX_EPOCHS;
        for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            long start = System.nanoTime();
            double lr = config.learningRate() * config.schedule().factor(epoch, config.maxEpochs());
            shuffle(order, orderSeed.derive(epoch).generator());
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                int to = Math.min(n, from + batchSize);
                backend.gatherRows(inputs, order, from, to, batch);
                for (int i = from; i < to; i++) {
                    batchLabels[i - from] = train.labels()[order[i]];
                }
                propagator.forward(batch);
                double loss = propagator.lossAndGradient(batchLabels);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, b + 1, batches, loss, lr);
                }
                propagator.backward();
                updater.step(lr);
                lossSum += loss * (to - from);
            }
            loopNanos += System.nanoTime() - start;
            samples += n;
            double validationLoss = Double.NaN;
            double validationError = Double.NaN;
            if (validation != null) {
                Evaluation e = BlockNetwork.evaluate(backend, ops, params, prefix + 1, validationInputs,
                        validation.labels());
                validationLoss = e.loss();
                validationError = e.error();
                if (!Double.isFinite(validationLoss)) {
                    throw new TrainingDivergedException(epoch, 0, batches, validationLoss, lr);
                }
            }
            EpochRecord record = new EpochRecord(epoch, lossSum / n, validationLoss, validationError, lr,
                    (System.nanoTime() - start) / 1e9);
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
                for (int b : updater.blocks()) {
                    best.copyBlock(params, b, backend);
                }
            } else if (epoch - bestEpoch >= config.patience()) {
                reason = StopReason.EARLY_STOPPING;
                break;
            }
        }
        if (validation != null && bestEpoch != history.size()) {
            for (int b : updater.blocks()) {
                params.copyBlock(best, b, backend);
            }
        }
        return new TrainingResult(history.size(), bestEpoch, reason, history, samples, loopNanos / 1e9, prefix);
    }

    private static void check(Architecture arch, Dataset data, String name) {
        if (data.inputDim() != arch.input().size()) {
            throw new IllegalArgumentException("the " + name + " set has " + data.inputDim() + " input columns, the"
                    + " network expects " + arch.input() + " = " + arch.input().size());
        }
        try {
            data.checkLabels(arch.head().classCount(arch.outputs()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + name + " set: " + e.getMessage(), e);
        }
    }

    /** Fisher–Yates over the identity, so each epoch's order depends only on its own stream. */
    private static void shuffle(int[] order, SplittableRandom random) {
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
