package org.defrost.onnx;

import java.util.List;
import org.defrost.nn.Activation;

/**
 * Which ONNX nodes became one layer of an imported network.
 *
 * @param layer      the layer number, 1..L+1 (the readout is L+1)
 * @param in         input width, {@code width(layer-1)}
 * @param out        output width, {@code width(layer)}
 * @param activation the activation after the layer ({@link Activation#LINEAR} for the readout)
 * @param bias       whether the ONNX graph has a bias for this layer (a bias-free layer of a network whose
 *                   other layers have biases gets a zero bias, which leaves its outputs unchanged)
 * @param nodes      the nodes, as {@code node 'name' (OpType)}, in graph order; shape and identity nodes
 *                   before a layer are listed with it, those after the readout with the readout
 */
public record MappedLayer(int layer, int in, int out, Activation activation, boolean bias, List<String> nodes) {

    public MappedLayer {
        nodes = List.copyOf(nodes);
    }

    /** One line, e.g. {@code layer 1 (hidden, 784 -> 128, relu, bias): node '/0/Gemm' (Gemm), ...}. */
    public String describe(boolean readout) {
        return "layer " + layer + " (" + (readout ? "readout" : "hidden") + ", " + in + " -> " + out
                + (readout ? "" : ", " + activation.id()) + (bias ? ", bias" : ", no bias") + "): "
                + String.join(", ", nodes);
    }
}
