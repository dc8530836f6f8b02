package org.defrost.nn.train;

import java.util.function.BooleanSupplier;
import org.defrost.nn.Evaluation;
import org.defrost.nn.Evaluator;
import org.defrost.nn.LayerParameters;
import org.defrost.nn.MinibatchPropagation;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.Propagator;
import org.defrost.nn.backend.Backend;
import org.defrost.spi.Seed;
import org.ejml.data.ReshapeMatrix;

/**
 * The {@link EpochLoop} of a fully connected network, in one precision. Every buffer is allocated in the
 * constructor; the minibatch loop allocates nothing.
 *
 * <p>Inputs enter at layer {@code first}: the raw inputs when {@code first = 1}, or the cached outputs of a
 * frozen prefix {@code 1..first-1}.
 */
final class TrainingLoop<M extends ReshapeMatrix> extends EpochLoop<M> {
    private static final int VALIDATION_BATCH = 1024;

    private final Backend<M> backend;
    private final LayerParameters<M> params;
    private final M validationInputs;
    private final int[] validationLabels;
    private final Propagator<M> propagator;
    private final ParameterUpdater<M> updater;
    private final Evaluator<M> validator;
    private final LayerParameters<M> best;

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
        super(config, backend, trainInputs, trainLabels, orderSeed, listener, cancelled);
        this.backend = backend;
        this.params = params;
        this.validationInputs = validationInputs;
        this.validationLabels = validationLabels;
        this.propagator = new Propagator<>(backend, params, first, trainable, batchSize());
        this.updater = new ParameterUpdater<>(backend, params, trainable, config);
        NetworkSpec spec = params.spec();
        if (validationInputs != null) {
            int capacity = Math.min(VALIDATION_BATCH, validationLabels.length);
            this.validator = new Evaluator<>(backend, params, first, capacity);
            this.best = new LayerParameters<>(spec, backend);
        } else {
            this.validator = null;
            this.best = null;
        }
    }

    @Override
    protected MinibatchPropagation<M> propagation() {
        return propagator;
    }

    @Override
    protected void update(double lr) {
        updater.step(propagator, lr);
    }

    @Override
    protected boolean validates() {
        return validator != null;
    }

    @Override
    protected Evaluation validate() {
        return validator.run(validationInputs, validationLabels);
    }

    @Override
    protected void keepBest() {
        copyTrainable(params, best);
    }

    @Override
    protected void restoreBest() {
        copyTrainable(best, params);
    }

    private void copyTrainable(LayerParameters<M> from, LayerParameters<M> to) {
        for (int k : updater.layers()) {
            to.copyLayer(from, k, backend);
        }
    }
}
