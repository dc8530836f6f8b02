package org.defrost.nn.conv;

import java.util.List;
import org.defrost.kernels.ImageLowering;
import org.defrost.nn.Activation;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/**
 * Convolution as matrix products over the whole batch ({@link Convolution}): with L the
 * {@code (rows·Ho·Wo) × (k·k·Cin)} lowered matrix of the batch ({@link ImageLowering}) and the weight
 * {@code (k·k·Cin) × Cout}, the NHWC output is {@code L·W}. Backward: {@code dW = (dZᵀ·L)ᵀ},
 * {@code db = column sums of dZ}, and the input gradient is, for stride 1, the convolution of dZ with the turned
 * kernel ({@link ImageLowering.Geometry#inputGradient}), otherwise the scatter of {@code dZ·Wᵀ}. In float the
 * products read the images in place, so no lowered matrix is ever written.
 */
final class ConvLayer<M extends ReshapeMatrix> extends Layer<M> {
    private final ImageOps<M, ?> ops;
    private final Convolution<M> convolution;
    private final M weight;
    private final M bias;
    private final int pixelsOut;
    private final M weightGrad;
    private final M weightGradT;
    private final M biasGrad;
    private final M inputGrad;
    private M input;

    ConvLayer(Backend<M> backend, ImageOps<M, ?> ops, LayerSpec.Conv spec, ImageShape in, List<M> tensors,
              Activation activation, int capacity, boolean learns, boolean passes) {
        super(backend, in, spec.output(in), activation, capacity);
        this.ops = ops;
        this.convolution = ops.convolution(spec.geometry(in), spec.filters(), capacity, passes);
        this.weight = tensors.get(0);
        this.bias = spec.bias() ? tensors.get(1) : null;
        this.pixelsOut = out.pixels();
        this.inputGrad = passes ? backend.zeros(capacity, in.size()) : null;
        this.weightGrad = learns ? backend.zeros(weight.getNumRows(), weight.getNumCols()) : null;
        this.weightGradT = learns ? backend.zeros(weight.getNumCols(), weight.getNumRows()) : null;
        this.biasGrad = learns && bias != null ? backend.zeros(1, spec.filters()) : null;
    }

    @Override
    M forward(M x, int rows, boolean training) {
        input = x;
        if (activation == null || activation == Activation.RELU) {
            // the product adds the bias and rectifies each tile as it finishes: one pass over the output
            convolution.forward(x, rows, weight, bias, activation != null, pre);
            pre.reshape(rows, out.size());
            return pre;
        }
        convolution.forward(x, rows, weight, null, false, pre);
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
        if (learn && biasGrad != null) {
            backend.sumRows(g, biasGrad);
        }
        if (learn) {
            // dWᵀ = dZᵀ·L packs the narrow dZ as the left operand and the lowered matrix as panels of the right
            convolution.weightGradient(g, input, rows, weightGradT);
            ops.transpose(weightGradT, weightGrad);
        }
        if (inputGradient) {
            convolution.inputGradient(g, rows, weight, inputGrad);
            inputGrad.reshape(rows, in.size());
        }
        g.reshape(rows, out.size());
        return inputGradient ? inputGrad : null;
    }

    @Override
    List<M> gradients() {
        return biasGrad == null ? List.of(weightGrad) : List.of(weightGrad, biasGrad);
    }
}
