package org.defrost.nn.conv;

import java.util.List;
import org.defrost.nn.Activation;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/**
 * One layer of a {@link BlockPropagator}, with its buffers allocated once for up to {@code capacity} rows. A
 * layer reads its tensors from {@link BlockParameters} (never modifying trainable ones; batch normalisation
 * updates its running statistics in training mode) and writes gradients into its own buffers.
 *
 * <p>Conv, dense and batch-norm layers may end with the block's activation, fused into their output pass:
 * {@code pre} holds the pre-activation and {@code post} the output, the same buffer when the activation's
 * derivative needs only the output.
 *
 * @param <M> matrix type of the precision
 */
abstract class Layer<M extends ReshapeMatrix> {
    final Backend<M> backend;
    final ImageShape in;
    final ImageShape out;
    final Activation activation;
    final M pre;
    final M post;
    private boolean derivativeAppliedAbove;

    Layer(Backend<M> backend, ImageShape in, ImageShape out, Activation activation, int capacity) {
        this.backend = backend;
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.pre = backend.zeros(capacity, out.size());
        this.post = activation == null || activation.derivativeFromOutput() ? pre : backend.zeros(capacity, out.size());
    }

    /**
     * Propagates {@code rows} samples.
     *
     * @param x        {@code rows × in.size()}. Not modified; kept by reference for {@link #backward}.
     * @param training batch statistics (batch normalisation in a trainable block) rather than running ones
     * @return {@code rows × out.size()}, a buffer of this layer reused by the next call
     */
    abstract M forward(M x, int rows, boolean training);

    /**
     * Back-propagates the gradient of the last forward pass.
     *
     * @param g             {@code rows × out.size()} gradient with respect to the output. Modified (used as scratch).
     * @param learn         fill this layer's tensor gradients
     * @param inputGradient compute the gradient with respect to the input
     * @return {@code rows × in.size()}, a buffer of this layer, or null when {@code inputGradient} is false
     */
    abstract M backward(M g, int rows, boolean training, boolean learn, boolean inputGradient);

    /** The gradients of this layer's trainable tensors from the last backward pass, in tensor order. */
    abstract List<M> gradients();

    /** Applies the activation to {@code pre} into {@code post}, both reshaped to {@code rows × out.size()}. */
    final M activate(int rows) {
        pre.reshape(rows, out.size());
        if (activation == null) {
            return pre;
        }
        backend.addBiasAndActivate(pre, null, activation, post);
        return post;
    }

    /**
     * Declares that the layer above multiplies the gradient it passes down by this layer's activation derivative
     * (see {@link PoolLayer#takeActivationDerivative}), so that {@link #activationDerivative} leaves it as it is.
     */
    final void derivativeAppliedAbove() {
        derivativeAppliedAbove = true;
    }

    /**
     * {@code g *= act'} for the last forward pass, unless the layer above has applied it already; g is
     * {@code rows × out.size()}.
     */
    final void activationDerivative(M g) {
        if (activation != null && !derivativeAppliedAbove) {
            backend.multiplyByActivationDerivative(activation, pre, post, g);
        }
    }
}
