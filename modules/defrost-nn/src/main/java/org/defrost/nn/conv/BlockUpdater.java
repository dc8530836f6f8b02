package org.defrost.nn.conv;

import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.backend.Backend;
import org.defrost.nn.train.Optimizer;
import org.defrost.nn.train.TrainingConfig;
import org.ejml.data.ReshapeMatrix;

/**
 * Applies the optimiser ({@link Backend#adamStep}, {@link Backend#sgdStep}) to the trainable tensors of a block
 * network after each backward pass. State is allocated once, for trainable blocks only. Weight decay applies to
 * conv and dense weights only; the learning rate of block b is multiplied by {@link TrainingConfig#multiplier}(b).
 */
final class BlockUpdater<M extends ReshapeMatrix> {
    private final Backend<M> backend;
    private final Optimizer optimizer;
    private final double weightDecay;
    private final List<M> params = new ArrayList<>();
    private final List<M> grads = new ArrayList<>();
    private final List<M> first = new ArrayList<>();
    private final List<M> second = new ArrayList<>();
    private final List<Boolean> decayFlags = new ArrayList<>();
    private final List<Double> multiplierList = new ArrayList<>();
    /** Per tensor, in {@link #params} order: weight decay applies; learning-rate multiplier (unboxed once). */
    private final boolean[] decays;
    private final double[] multipliers;
    private final Optimizer.Kind kind;
    private final List<Integer> blocks = new ArrayList<>();
    /** β1^t and β2^t after t steps, kept as running products: {@code StrictMath.pow} allocates on every call. */
    private double beta1Power = 1;
    private double beta2Power = 1;

    BlockUpdater(Backend<M> backend, BlockParameters<M> parameters, BlockPropagator<M> propagator,
                 boolean[] trainable, TrainingConfig config) {
        this.backend = backend;
        this.optimizer = config.optimizer();
        this.weightDecay = config.weightDecay();
        boolean sgd = optimizer.kind() == Optimizer.Kind.SGD;
        for (int b = 1; b < trainable.length; b++) {
            if (!trainable[b]) {
                continue;
            }
            blocks.add(b);
            List<M> p = parameters.trainable(b);
            List<M> g = propagator.gradients(b);
            boolean[] w = parameters.weightFlags(b);
            for (int i = 0; i < p.size(); i++) {
                M t = p.get(i);
                params.add(t);
                grads.add(g.get(i));
                decayFlags.add(w[i]);
                multiplierList.add(config.multiplier(b));
                boolean momentum = !sgd || optimizer.momentum() > 0;
                first.add(momentum ? backend.zeros(t.getNumRows(), t.getNumCols()) : null);
                second.add(sgd ? null : backend.zeros(t.getNumRows(), t.getNumCols()));
            }
        }
        decays = new boolean[params.size()];
        multipliers = new double[params.size()];
        for (int i = 0; i < decays.length; i++) {
            decays[i] = decayFlags.get(i);
            multipliers[i] = multiplierList.get(i);
        }
        kind = optimizer.kind();
    }

    /** The trainable blocks, ascending. */
    List<Integer> blocks() {
        return blocks;
    }

    /** One update of every trainable tensor from the gradients of the last backward pass. */
    void step(double learningRate) {
        beta1Power *= optimizer.beta1();
        beta2Power *= optimizer.beta2();
        double bc1 = 1 - beta1Power;
        double bc2 = 1 - beta2Power;
        for (int i = 0; i < params.size(); i++) {
            double lr = learningRate * multipliers[i];
            double decay = decays[i] ? weightDecay : 0;
            if (kind == Optimizer.Kind.SGD) {
                backend.sgdStep(params.get(i), grads.get(i), first.get(i), lr, optimizer.momentum(),
                        optimizer.nesterov(), decay);
            } else {
                boolean decoupled = kind == Optimizer.Kind.ADAMW;
                backend.adamStep(params.get(i), grads.get(i), first.get(i), second.get(i), lr, optimizer.beta1(),
                        optimizer.beta2(), optimizer.epsilon(), bc1, bc2, decoupled ? 0 : decay, decoupled ? decay : 0);
            }
        }
    }
}
