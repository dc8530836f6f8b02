package org.defrost.nn.train;

import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.LayerParameters;
import org.defrost.nn.Propagator;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/**
 * Applies the optimiser to the trainable layers after each backward pass. State (Adam moments, SGD
 * velocity) is allocated once, for trainable layers only: a frozen layer carries none.
 */
final class ParameterUpdater<M extends ReshapeMatrix> {
    private final Backend<M> backend;
    private final LayerParameters<M> params;
    private final TrainingConfig config;
    private final Optimizer optimizer;
    private final List<Integer> layers = new ArrayList<>();
    /** Learning-rate multiplier per trainable layer, in {@link #layers} order (looked up once, not per step). */
    private final double[] multipliers;
    /** Per trainable layer, in {@link #layers} order: {weight state..., bias state...}. */
    private final List<List<M>> state = new ArrayList<>();
    /**
     * β1^t and β2^t after t steps, kept as running products (one multiply per step, no allocation), so that
     * the bias corrections 1 − β^t are computed once per step rather than per tensor.
     */
    private double beta1Power = 1;
    private double beta2Power = 1;

    ParameterUpdater(Backend<M> backend, LayerParameters<M> params, boolean[] trainable, TrainingConfig config) {
        this.backend = backend;
        this.params = params;
        this.config = config;
        this.optimizer = config.optimizer();
        int slots = optimizer.kind() == Optimizer.Kind.SGD ? (optimizer.momentum() > 0 ? 1 : 0) : 2;
        for (int k = 1; k < trainable.length; k++) {
            if (!trainable[k]) {
                continue;
            }
            layers.add(k);
            List<M> s = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                s.add(zerosLike(params.weight(k)));
            }
            if (params.bias(k) != null) {
                for (int i = 0; i < slots; i++) {
                    s.add(zerosLike(params.bias(k)));
                }
            }
            state.add(s);
        }
        multipliers = new double[layers.size()];
        for (int i = 0; i < multipliers.length; i++) {
            multipliers[i] = config.multiplier(layers.get(i));
        }
    }

    private M zerosLike(M m) {
        return backend.zeros(m.getNumRows(), m.getNumCols());
    }

    /** The layers that carry optimiser state, ascending. */
    List<Integer> layers() {
        return layers;
    }

    /** One update of every trainable layer from the gradients of {@code grads}'s last backward pass. */
    void step(Propagator<M> grads, double learningRate) {
        beta1Power *= optimizer.beta1();
        beta2Power *= optimizer.beta2();
        double decay = config.weightDecay();
        for (int i = 0; i < layers.size(); i++) {
            int k = layers.get(i);
            double lr = learningRate * multipliers[i];
            List<M> s = state.get(i);
            update(params.weight(k), grads.weightGradient(k), s, 0, lr, decay);
            if (params.bias(k) != null) {
                update(params.bias(k), grads.biasGradient(k), s, s.size() / 2, lr, 0);
            }
        }
    }

    private void update(M param, M grad, List<M> s, int offset, double lr, double decay) {
        switch (optimizer.kind()) {
            case SGD:
                backend.sgdStep(param, grad, s.isEmpty() ? null : s.get(offset), lr, optimizer.momentum(),
                        optimizer.nesterov(), decay);
                break;
            case ADAM:
            case ADAMW: {
                boolean decoupled = optimizer.kind() == Optimizer.Kind.ADAMW;
                double bc1 = 1 - beta1Power;
                double bc2 = 1 - beta2Power;
                backend.adamStep(param, grad, s.get(offset), s.get(offset + 1), lr, optimizer.beta1(),
                        optimizer.beta2(), optimizer.epsilon(), bc1, bc2, decoupled ? 0 : decay, decoupled ? decay : 0);
                break;
            }
            default:
                throw new IllegalStateException("unsupported optimizer " + optimizer.kind());
        }
    }
}
