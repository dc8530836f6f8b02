package org.defrost.nn;

import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/**
 * Forward and backward propagation of batches through layers {@code first..L+1} of a network, with every
 * buffer allocated once for up to {@code capacity} rows.
 *
 * <p>Forward: {@code Z_k = A_{k-1}·W_k}, then bias and activation fused in one pass; where the activation's
 * derivative needs only its output, the output overwrites {@code Z_k} in place. Backward, from the readout
 * down to the lowest trainable layer {@code low} and no further: {@code dW_k = A_{k-1}ᵀ·dZ_k} and
 * {@code db_k = sum over rows of dZ_k} for trainable k only; {@code dZ_{k-1} = (dZ_k·W_kᵀ) ⊙ act'} for
 * {@code k > low}. A frozen layer between trainable ones passes the gradient on but computes no weight
 * gradient. This is the code that both trains (float) and is checked against finite differences (double).
 *
 * @param <M> matrix type of the precision
 */
public final class Propagator<M extends ReshapeMatrix> implements MinibatchPropagation<M> {
    private final Backend<M> backend;
    private final LayerParameters<M> params;
    private final int first;
    private final int last;
    private final int lowestTrainable;
    private final boolean[] trainable;
    private final List<M> pre = new ArrayList<>();
    private final List<M> post = new ArrayList<>();
    private final List<M> grad = new ArrayList<>();
    private final List<M> weightGrad = new ArrayList<>();
    private final List<M> biasGrad = new ArrayList<>();
    private M input;
    private boolean outputGradientReady;

    /**
     * @param backend   arithmetic of the precision
     * @param params    parameters read (never modified) by propagation; the optimiser may update them between
     *                  batches
     * @param first     the first layer to compute (1..L+1); its input has width {@code width(first - 1)}
     * @param trainable {@code trainable[k]} for layers {@code k = 1..L+1} (index 0 unused), or null for a
     *                  forward-only propagator. Not modified; copied.
     * @param capacity  the largest batch, in rows
     */
    public Propagator(Backend<M> backend, LayerParameters<M> params, int first, boolean[] trainable, int capacity) {
        this(backend, params, first, params.layerCount(), trainable, capacity);
    }

    /**
     * A propagator through layers {@code first..last} only; below the readout it is forward-only (for
     * computing the features of a frozen prefix), so {@code trainable} must then be null.
     */
    public Propagator(Backend<M> backend, LayerParameters<M> params, int first, int last, boolean[] trainable,
                      int capacity) {
        NetworkSpec spec = params.spec();
        this.backend = backend;
        this.params = params;
        this.first = first;
        this.last = last;
        if (first < 1 || first > last || last > spec.layerCount()) {
            throw new IllegalArgumentException("layers " + first + ".." + last + " outside 1.." + spec.layerCount());
        }
        if (trainable != null && last != spec.layerCount()) {
            throw new IllegalArgumentException("a propagator that stops below the readout cannot train");
        }
        this.trainable = trainable == null ? null : trainable.clone();
        this.lowestTrainable = lowestTrainable(this.trainable, first, last);
        int rows = Math.max(capacity, 1);
        for (int k = 0; k <= last; k++) {
            boolean computed = k >= first;
            M z = computed ? backend.zeros(rows, spec.width(k)) : null;
            pre.add(z);
            boolean inPlace = spec.activationOf(k).derivativeFromOutput();
            post.add(!computed || inPlace ? z : backend.zeros(rows, spec.width(k)));
            boolean needsGrad = this.trainable != null && computed && k >= lowestTrainable;
            grad.add(needsGrad ? backend.zeros(rows, spec.width(k)) : null);
            boolean learns = needsGrad && this.trainable[k];
            weightGrad.add(learns ? backend.zeros(spec.width(k - 1), spec.width(k)) : null);
            biasGrad.add(learns && spec.bias() ? backend.zeros(1, spec.width(k)) : null);
        }
    }

    private static int lowestTrainable(boolean[] trainable, int first, int last) {
        if (trainable == null) {
            return last + 1;
        }
        if (trainable.length != last + 1) {
            throw new IllegalArgumentException("trainable flags need length " + (last + 1) + ", got "
                    + trainable.length);
        }
        for (int k = 1; k < first; k++) {
            if (trainable[k]) {
                throw new IllegalArgumentException("layer " + k + " is trainable but below the first computed layer "
                        + first);
            }
        }
        for (int k = first; k <= last; k++) {
            if (trainable[k]) {
                return k;
            }
        }
        throw new IllegalArgumentException("no trainable layer among " + first + ".." + last);
    }

    /** The lowest layer that receives weight updates ({@code L + 2} for a forward-only propagator). */
    public int lowestTrainableLayer() {
        return lowestTrainable;
    }

    /**
     * Propagates a batch forward.
     *
     * @param batch {@code B × width(first-1)}, {@code B <= capacity}. Not modified; kept by reference for
     *              {@link #backward()}.
     * @return the readout output, {@code B × K}; a buffer reused by the next call
     */
    @Override
    public M forward(M batch) {
        NetworkSpec spec = params.spec();
        if (batch.getNumCols() != spec.width(first - 1)) {
            throw new IllegalArgumentException("batch has " + batch.getNumCols() + " columns, layer " + first
                    + " expects " + spec.width(first - 1));
        }
        input = batch;
        outputGradientReady = false;
        M a = batch;
        for (int k = first; k <= last; k++) {
            M out = post.get(k);
            backend.multAddBiasAndActivate(a, params.weight(k), params.bias(k), spec.activationOf(k), pre.get(k), out);
            a = out;
        }
        return a;
    }

    /** The post-activation output of layer {@code k >= first} from the last forward pass (a reused buffer). */
    public M activation(int k) {
        if (k < first || k > last) {
            throw new IllegalArgumentException("layer " + k + " is not computed here (" + first + ".." + last + ")");
        }
        return post.get(k);
    }

    /** The mean loss of the last forward batch. {@code labels} holds the batch's labels first; not modified. */
    @Override
    public double loss(int[] labels) {
        requireReadout();
        return backend.loss(params.spec().head(), post.get(last), labels, null);
    }

    /** The number of misclassified rows of the last forward batch. */
    @Override
    public int errors(int[] labels) {
        requireReadout();
        return backend.errors(params.spec().head(), post.get(last), labels);
    }

    /** The mean loss of the last forward batch, also storing its gradient for {@link #backward()}. */
    @Override
    public double lossAndGradient(int[] labels) {
        if (trainable == null) {
            throw new IllegalStateException("forward-only propagator");
        }
        double loss = backend.loss(params.spec().head(), post.get(last), labels, grad.get(last));
        outputGradientReady = true;
        return loss;
    }

    private void requireReadout() {
        if (last != params.layerCount()) {
            throw new IllegalStateException("this propagator stops at layer " + last + ", below the readout");
        }
    }

    /** Back-propagates the gradient stored by {@link #lossAndGradient}, filling the trainable layers' gradients. */
    @Override
    public void backward() {
        if (!outputGradientReady) {
            throw new IllegalStateException("backward needs lossAndGradient after forward");
        }
        NetworkSpec spec = params.spec();
        for (int k = last; k >= lowestTrainable; k--) {
            M g = grad.get(k);
            M below = k == first ? input : post.get(k - 1);
            if (trainable[k]) {
                backend.multTransA(below, g, weightGrad.get(k), false);
                if (biasGrad.get(k) != null) {
                    backend.sumRows(g, biasGrad.get(k));
                }
            }
            if (k > lowestTrainable) {
                M gBelow = grad.get(k - 1);
                backend.multTransB(g, params.weight(k), gBelow, false);
                backend.multiplyByActivationDerivative(spec.activationOf(k - 1), pre.get(k - 1), post.get(k - 1),
                        gBelow);
            }
        }
        outputGradientReady = false;
    }

    /** {@code dL/dW_k} from the last backward pass, for a trainable layer k; a reused buffer. */
    public M weightGradient(int k) {
        return requireTrainable(weightGrad, k);
    }

    /** {@code dL/db_k} from the last backward pass, for a trainable layer k with a bias; a reused buffer. */
    public M biasGradient(int k) {
        return requireTrainable(biasGrad, k);
    }

    private M requireTrainable(List<M> grads, int k) {
        M g = k >= 0 && k < grads.size() ? grads.get(k) : null;
        if (g == null) {
            throw new IllegalArgumentException("layer " + k + " has no gradient here (frozen, bias-free or not computed)");
        }
        return g;
    }
}
