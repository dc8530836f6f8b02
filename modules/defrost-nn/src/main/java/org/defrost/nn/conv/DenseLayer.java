package org.defrost.nn.conv;

import java.util.List;
import org.defrost.nn.Activation;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/** {@code Z = X·W + b} on the flattened input, then the activation (none for the readout). */
final class DenseLayer<M extends ReshapeMatrix> extends Layer<M> {
    private final M weight;
    private final M bias;
    private final M weightGrad;
    private final M biasGrad;
    private final M inputGrad;
    private M input;

    DenseLayer(Backend<M> backend, LayerSpec.Dense spec, ImageShape in, List<M> tensors, Activation activation,
               int capacity, boolean learns, boolean passes) {
        super(backend, in, spec.output(in), activation, capacity);
        this.weight = tensors.get(0);
        this.bias = spec.bias() ? tensors.get(1) : null;
        this.inputGrad = passes ? backend.zeros(capacity, in.size()) : null;
        this.weightGrad = learns ? backend.zeros(weight.getNumRows(), weight.getNumCols()) : null;
        this.biasGrad = learns && bias != null ? backend.zeros(1, spec.width()) : null;
    }

    @Override
    M forward(M x, int rows, boolean training) {
        input = x;
        if (activation == null) {
            backend.multAddBiasAndActivate(x, weight, bias, Activation.LINEAR, pre, pre);
            return pre;
        }
        backend.multAddBiasAndActivate(x, weight, bias, activation, pre, post);
        return post;
    }

    @Override
    M backward(M g, int rows, boolean training, boolean learn, boolean inputGradient) {
        activationDerivative(g);
        if (learn) {
            backend.multTransA(input, g, weightGrad, false);
            if (biasGrad != null) {
                backend.sumRows(g, biasGrad);
            }
        }
        if (!inputGradient) {
            return null;
        }
        backend.multTransB(g, weight, inputGrad, false);
        return inputGrad;
    }

    @Override
    List<M> gradients() {
        return biasGrad == null ? List.of(weightGrad) : List.of(weightGrad, biasGrad);
    }
}
