package org.defrost.nn.conv;

import java.util.List;
import org.defrost.kernels.ImagePooling;
import org.defrost.nn.Activation;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/**
 * Max, average or global average pooling; no tensors. Max pooling that passes a gradient records where each
 * window's maximum is ({@link ImagePooling.Maxima}) and routes the gradients there.
 *
 * <p>Max pooling with windows that do not overlap takes over the activation derivative of the layer below it when
 * that derivative needs only the activation's output ({@link #takeActivationDerivative}): the output gradient is
 * multiplied by {@code act'} of the pooled values before it is routed, a quarter of the work for 2×2 windows,
 * since only the routed inputs get a nonzero gradient and each pooled value is the output at its routed input.
 */
final class PoolLayer<M extends ReshapeMatrix> extends Layer<M> {
    private final ImageOps<M, ?> ops;
    private final ImagePooling.Window geometry;
    private final ImagePooling.Maxima maxima;
    private final boolean max;
    private final M inputGrad;
    private Activation below;

    PoolLayer(Backend<M> backend, ImageOps<M, ?> ops, LayerSpec spec, ImageShape in, int capacity, boolean passes) {
        super(backend, in, spec.output(in), null, capacity);
        this.ops = ops;
        if (spec instanceof LayerSpec.Pool p) {
            this.geometry = p.geometry(in);
            this.max = p.max();
        } else {
            this.geometry = ((LayerSpec.GlobalAveragePool) spec).geometry(in);
            this.max = false;
        }
        this.maxima = max && passes ? new ImagePooling.Maxima(geometry, capacity) : null;
        this.inputGrad = passes ? backend.zeros(capacity, in.size()) : null;
    }

    /**
     * Makes this layer apply {@code lower}'s activation derivative to the gradient it returns, when it can: max
     * pooling that passes a gradient, windows that do not overlap, and an activation whose derivative needs only
     * its output (the input of this layer). {@code lower} is the layer whose output this layer pools.
     */
    void takeActivationDerivative(Layer<M> lower) {
        boolean disjoint = geometry.stride() >= geometry.windowHeight() && geometry.stride() >= geometry.windowWidth();
        if (maxima != null && disjoint && lower.activation != null && lower.activation.derivativeFromOutput()) {
            below = lower.activation;
            lower.derivativeAppliedAbove();
        }
    }

    @Override
    M forward(M x, int rows, boolean training) {
        pre.reshape(rows, out.size());
        if (maxima != null) {
            ops.maxPool(x, rows, maxima, pre);
        } else if (max) {
            ops.maxPool(x, rows, geometry, pre);
        } else {
            ops.averagePool(x, rows, geometry, pre);
        }
        return pre;
    }

    @Override
    M backward(M g, int rows, boolean training, boolean learn, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        inputGrad.reshape(rows, in.size());
        if (max) {
            if (below != null) {
                // the pooled value is the lower layer's output at the input that takes the gradient
                backend.multiplyByActivationDerivative(below, pre, pre, g);
            }
            ops.maxPoolBackward(g, rows, maxima, inputGrad);
        } else {
            ops.averagePoolBackward(g, rows, geometry, inputGrad);
        }
        return inputGrad;
    }

    @Override
    List<M> gradients() {
        return List.of();
    }
}
