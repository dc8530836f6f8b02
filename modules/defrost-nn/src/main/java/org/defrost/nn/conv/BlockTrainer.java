package org.defrost.nn.conv;

import java.util.function.Supplier;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Evaluation;
import org.defrost.nn.MinibatchPropagation;
import org.defrost.nn.backend.FloatBackend;
import org.defrost.nn.train.EpochListener;
import org.defrost.nn.train.EpochLoop;
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
        validation = Dataset.checkTraining(train, validation, arch.input().size(),
                arch.input() + " = " + arch.input().size(), arch.head().classCount(arch.outputs()));
        int prefix = config.cacheFrozenPrefix() ? network.frozenPrefixDepth() : 0;
        if (network.frozenPrefixDepth() == network.blockCount()) {
            throw new IllegalArgumentException("every block is frozen: nothing to train");
        }
        FloatBackend backend = new FloatBackend(threads);
        ImageOps<FMatrixRMaj, float[]> ops = ImageOps.floats(threads);
        BlockParameters<FMatrixRMaj> params = network.parameters();
        FMatrixRMaj inputs = prefix > 0 ? BlockNetwork.prefixFeatures(backend, ops, params, prefix, train.inputs())
                : train.inputs();
        Supplier<Evaluation> validate = null;
        if (validation != null) {
            FMatrixRMaj validationInputs = validation.inputs();
            FMatrixRMaj checked = prefix > 0 ? BlockNetwork.prefixFeatures(backend, ops, params, prefix, validationInputs)
                    : validationInputs;
            int[] labels = validation.labels();
            validate = () -> BlockNetwork.evaluate(backend, ops, params, prefix + 1, checked, labels);
        }
        Epochs epochs = new Epochs(backend, ops, params, network.trainableFlags(), prefix + 1, inputs, train.labels(),
                validate);
        return epochs.run(seed.derive("minibatch-order"), listener, () -> false, prefix);
    }

    /** The epochs of one training: blocks {@code first..L+1} on inputs that enter at block {@code first}. */
    private final class Epochs extends EpochLoop<FMatrixRMaj> {
        private final BlockParameters<FMatrixRMaj> params;
        private final BlockPropagator<FMatrixRMaj> propagator;
        private final BlockUpdater<FMatrixRMaj> updater;
        private final BlockParameters<FMatrixRMaj> best;

        Epochs(FloatBackend backend, ImageOps<FMatrixRMaj, float[]> ops, BlockParameters<FMatrixRMaj> params,
               boolean[] trainable, int first, FMatrixRMaj inputs, int[] labels, Supplier<Evaluation> validation) {
            super(config, backend, inputs, labels, validation);
            this.params = params;
            this.propagator = new BlockPropagator<>(backend, ops, params, first, params.blockCount(), trainable,
                    batchSize());
            this.updater = new BlockUpdater<>(backend, params, propagator, trainable, config);
            this.best = validation == null ? null : new BlockParameters<>(params.architecture(), backend);
        }

        @Override
        protected MinibatchPropagation<FMatrixRMaj> propagation() {
            return propagator;
        }

        @Override
        protected void update(double lr) {
            updater.step(lr);
        }

        @Override
        protected void keepBest() {
            for (int b : updater.blocks()) {
                best.copyBlock(params, b, backend());
            }
        }

        @Override
        protected void restoreBest() {
            for (int b : updater.blocks()) {
                params.copyBlock(best, b, backend());
            }
        }
    }
}
