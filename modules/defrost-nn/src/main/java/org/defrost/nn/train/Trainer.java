package org.defrost.nn.train;

import java.util.function.BooleanSupplier;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.LayerParameters;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.PrefixFeatures;
import org.defrost.nn.backend.FloatBackend;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;

/**
 * Trains float32 networks. Immutable: the {@code with...} methods return modified copies, so one trainer can
 * serve many runs, also concurrently on different networks.
 *
 * <p>Determinism: the minibatch order of epoch e comes from {@code seed.derive("minibatch-order").derive(e)},
 * products are bit-identical for any number of kernel threads, and everything else is sequential, so one seed
 * gives bit-identical weights and metrics however many threads or concurrent trainings there are.
 *
 * <p>Frozen prefix: when layers {@code 1..d} are frozen ({@code d >= 1}) and
 * {@link TrainingConfig#cacheFrozenPrefix()} holds, their outputs on the training and validation sets are
 * computed once and layers {@code d+1..L+1} train on them; the result is bit-identical to propagating through
 * the prefix every minibatch.
 */
public final class Trainer {
    /** Kernel threads of a single run (sweeps training several networks at once use 1 each). */
    public static final int DEFAULT_THREADS = 2;
    private static final int PREFIX_CHUNK = 1024;

    private final TrainingConfig config;
    private final int threads;
    private final EpochListener listener;
    private final BooleanSupplier cancelled;

    /** A trainer with {@link #DEFAULT_THREADS} kernel threads, no listener and no cancellation. */
    public Trainer(TrainingConfig config) {
        this(config, DEFAULT_THREADS, record -> { }, () -> false);
    }

    private Trainer(TrainingConfig config, int threads, EpochListener listener, BooleanSupplier cancelled) {
        if (config == null || listener == null || cancelled == null) {
            throw new IllegalArgumentException("config, listener and cancellation check are required");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("kernel threads must be at least 1, got " + threads);
        }
        this.config = config;
        this.threads = threads;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    /** The configuration. */
    public TrainingConfig config() {
        return config;
    }

    /** This trainer with {@code threads} kernel threads per run. */
    public Trainer withThreads(int threads) {
        return new Trainer(config, threads, listener, cancelled);
    }

    /** This trainer telling {@code listener} about every epoch. */
    public Trainer withListener(EpochListener listener) {
        return new Trainer(config, threads, listener, cancelled);
    }

    /**
     * This trainer polling {@code cancelled} before every minibatch; when it returns true, training throws
     * {@link java.util.concurrent.CancellationException} and the network keeps its partly trained weights.
     */
    public Trainer withCancellation(BooleanSupplier cancelled) {
        return new Trainer(config, threads, listener, cancelled);
    }

    /** This trainer with another configuration. */
    public Trainer withConfig(TrainingConfig config) {
        return new Trainer(config, threads, listener, cancelled);
    }

    /**
     * Trains the unfrozen layers of {@code network} in place, with its own kernel threads.
     *
     * @param network    modified: trained weights (those of the best validation epoch when a validation set is
     *                   given); frozen layers are never written
     * @param train      training set, at least one sample. Not modified.
     * @param validation validation set for early stopping and best-weights restore, or null to train for
     *                   {@code maxEpochs}. Not modified.
     * @param seed       the run's seed; the minibatch order uses {@code seed.derive("minibatch-order")}
     * @throws TrainingDivergedException                 on a NaN or infinite loss
     * @throws java.util.concurrent.CancellationException when the cancellation check fires
     */
    public TrainingResult train(Network network, Dataset train, Dataset validation, Seed seed) {
        try (KernelThreads t = KernelThreads.of(threads)) {
            return train(network, train, validation, seed, t);
        }
    }

    /** As {@link #train(Network, Dataset, Dataset, Seed)} on caller-owned kernel threads (not closed here). */
    public TrainingResult train(Network network, Dataset train, Dataset validation, Seed seed, KernelThreads t) {
        NetworkSpec spec = network.spec();
        validation = Dataset.checkTraining(train, validation, spec.inputDim(), String.valueOf(spec.inputDim()),
                spec.head().classCount(spec.outputDim()));
        boolean[] trainable = network.trainableFlags();
        int prefix = config.cacheFrozenPrefix() ? network.frozenPrefixDepth() : 0;
        if (prefix == network.layerCount()) {
            throw new IllegalArgumentException("every layer is frozen: nothing to train");
        }
        FloatBackend backend = new FloatBackend(t);
        LayerParameters<FMatrixRMaj> params = network.parameters();
        FMatrixRMaj trainInputs = train.inputs();
        FMatrixRMaj validationInputs = validation == null ? null : validation.inputs();
        if (prefix > 0) {
            trainInputs = PrefixFeatures.compute(backend, params, prefix, trainInputs, PREFIX_CHUNK);
            if (validation != null) {
                validationInputs = PrefixFeatures.compute(backend, params, prefix, validationInputs, PREFIX_CHUNK);
            }
        }
        TrainingLoop<FMatrixRMaj> loop = TrainingLoop.of(backend, params, prefix + 1, trainable, config, trainInputs,
                train.labels(), validationInputs, validation == null ? null : validation.labels());
        return loop.run(seed.derive("minibatch-order"), listener, cancelled, prefix);
    }
}
