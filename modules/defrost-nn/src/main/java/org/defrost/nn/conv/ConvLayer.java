package org.defrost.nn.conv;

import java.util.List;
import org.defrost.kernels.ImageLowering;
import org.defrost.nn.Activation;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/**
 * Convolution as a matrix product: the batch is lowered to {@code (rows·Ho·Wo) × (k·k·Cin)}
 * ({@link ImageLowering}) and multiplied by the weight {@code (k·k·Cin) × Cout}, which gives the NHWC output
 * directly. Backward: {@code dW = (dZᵀ·lowered)ᵀ}, {@code db = column sums of dZ}, and the input gradient is the
 * scatter of {@code dZ·Wᵀ}.
 */
final class ConvLayer<M extends ReshapeMatrix> extends Layer<M> {
    private final ImageOps<M, ?> ops;
    private final ImageLowering.Geometry geometry;
    private final M weight;
    private final M bias;
    private final M lowered;
    private final M loweredGrad;
    private final M weightGrad;
    private final M weightGradT;
    private final M biasGrad;
    private final M inputGrad;
    private final int pixelsOut;

    ConvLayer(Backend<M> backend, ImageOps<M, ?> ops, LayerSpec.Conv spec, ImageShape in, List<M> tensors,
              Activation activation, int capacity, boolean learns, boolean passes) {
        super(backend, in, spec.output(in), activation, capacity);
        this.ops = ops;
        this.geometry = spec.geometry(in);
        this.weight = tensors.get(0);
        this.bias = spec.bias() ? tensors.get(1) : null;
        this.pixelsOut = out.pixels();
        this.lowered = backend.zeros(capacity * pixelsOut, geometry.patchSize());
        this.loweredGrad = passes ? backend.zeros(capacity * pixelsOut, geometry.patchSize()) : null;
        this.inputGrad = passes ? backend.zeros(capacity, in.size()) : null;
        this.weightGrad = learns ? backend.zeros(weight.getNumRows(), weight.getNumCols()) : null;
        this.weightGradT = learns ? backend.zeros(weight.getNumCols(), weight.getNumRows()) : null;
        this.biasGrad = learns && bias != null ? backend.zeros(1, spec.filters()) : null;
    }

    @Override
    M forward(M x, int rows, boolean training) {
        lowered.reshape(rows * pixelsOut, geometry.patchSize());
        ops.lower(x, rows, geometry, lowered);
        backend.mult(lowered, weight, pre, false);
        if (activation == null) {
            if (bias != null) {
                backend.addBiasAndActivate(pre, bias, Activation.LINEAR, pre);
            }
            pre.reshape(rows, out.size());
            return pre;
        }
        // bias and activation in one pass over the (rows·Ho·Wo) × Cout product
        backend.addBiasAndActivate(pre, bias, activation, post);
        pre.reshape(rows, out.size());
        post.reshape(rows, out.size());
        return post;
    }

    @Override
    M backward(M g, int rows, boolean training, boolean learn, boolean inputGradient) {
        activationDerivative(g);
        g.reshape(rows * pixelsOut, out.channels());
        if (learn) {
            // dWᵀ = dZᵀ·lowered packs the narrow dZ as the left operand and copies lowered's rows whole, much
            // cheaper than packing the wide lowered matrix; the sums are the same, in the same order
            backend.multTransA(g, lowered, weightGradT, false);
            ops.transpose(weightGradT, weightGrad);
            if (biasGrad != null) {
                backend.sumRows(g, biasGrad);
            }
        }
        M result = null;
        if (inputGradient) {
            backend.multTransB(g, weight, loweredGrad, false);
            inputGrad.reshape(rows, in.size());
            ops.scatter(loweredGrad, rows, geometry, inputGrad);
            result = inputGrad;
        }
        g.reshape(rows, out.size());
        return result;
    }

    @Override
    List<M> gradients() {
        return biasGrad == null ? List.of(weightGrad) : List.of(weightGrad, biasGrad);
    }
}
