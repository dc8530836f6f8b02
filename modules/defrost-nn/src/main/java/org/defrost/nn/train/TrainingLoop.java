package org.defrost.nn.train;

import java.util.function.Supplier;
import org.defrost.nn.Evaluation;
import org.defrost.nn.Evaluator;
import org.defrost.nn.LayerParameters;
import org.defrost.nn.MinibatchPropagation;
import org.defrost.nn.Propagator;
import org.defrost.nn.backend.Backend;
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

    private final LayerParameters<M> params;
    private final Propagator<M> propagator;
    private final ParameterUpdater<M> updater;
    private final LayerParameters<M> best;

    /**
     * @param first            the first computed layer; inputs have width {@code width(first - 1)}
     * @param trainable        flags for layers 1..L+1 (index 0 unused); layers below {@code first} must be frozen
     * @param trainInputs      {@code n × width(first-1)}, n >= 1. Not modified.
     * @param validator        the validation pass, or null for no validation
     */
    private TrainingLoop(Backend<M> backend, LayerParameters<M> params, int first, boolean[] trainable,
                         TrainingConfig config, M trainInputs, int[] trainLabels, Supplier<Evaluation> validator) {
        super(config, backend, trainInputs, trainLabels, validator);
        this.params = params;
        this.propagator = new Propagator<>(backend, params, first, trainable, batchSize());
        this.updater = new ParameterUpdater<>(backend, params, trainable, config);
        this.best = validator == null ? null : new LayerParameters<>(params.spec(), backend);
    }

    /**
     * A loop over inputs that enter at layer {@code first}.
     *
     * @param validationInputs null for no validation, else {@code m × width(first-1)}, m >= 1. Not modified.
     */
    static <M extends ReshapeMatrix> TrainingLoop<M> of(Backend<M> backend, LayerParameters<M> params, int first,
                                                        boolean[] trainable, TrainingConfig config, M trainInputs,
                                                        int[] trainLabels, M validationInputs,
                                                        int[] validationLabels) {
        Supplier<Evaluation> validation = null;
        if (validationInputs != null) {
            Evaluator<M> validator = new Evaluator<>(backend, params, first,
                    Math.min(VALIDATION_BATCH, validationLabels.length));
            validation = () -> validator.run(validationInputs, validationLabels);
        }
        return new TrainingLoop<>(backend, params, first, trainable, config, trainInputs, trainLabels, validation);
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
    protected void keepBest() {
        copyTrainable(params, best);
    }

    @Override
    protected void restoreBest() {
        copyTrainable(best, params);
    }

    private void copyTrainable(LayerParameters<M> from, LayerParameters<M> to) {
        for (int k : updater.layers()) {
            to.copyLayer(from, k, backend());
        }
    }
}
