package org.defrost.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.Network;

/**
 * A network imported from an ONNX file, with the mapping from ONNX nodes to its layers.
 *
 * @param source     the file read
 * @param network    the network; every layer trainable unless the file was written by {@link OnnxExport},
 *                   which records frozen layers
 * @param inputName  the graph's data input
 * @param inputShape the input's declared shape, -1 for a dynamic dimension (the batch axis, typically)
 * @param outputName the graph's output, the readout's logits
 * @param opset      the model's default-domain opset version
 * @param layers     one entry per layer, 1..L+1 in order
 */
public record OnnxNetwork(Path source, Network network, String inputName, List<Long> inputShape, String outputName,
                          long opset, List<MappedLayer> layers) implements OnnxModel {

    public OnnxNetwork {
        inputShape = List.copyOf(inputShape);
        layers = List.copyOf(layers);
    }

    /** N, the number of features an input row must have (the first layer's input width). */
    @Override
    public int inputWidth() {
        return network.spec().inputDim();
    }

    @Override
    public List<List<String>> nodeGroups() {
        return layers.stream().map(MappedLayer::nodes).toList();
    }

    /** The human-readable mapping: the input, then one line per layer. */
    @Override
    public String describe() {
        List<String> lines = new ArrayList<>();
        lines.add("source: " + source);
        lines.add("opset: " + opset);
        lines.add("input: '" + inputName + "' " + OnnxModel.shapeText(inputShape) + " -> " + inputWidth() + " features");
        for (MappedLayer l : layers) {
            lines.add(l.describe(l.layer() == layers.size()));
        }
        lines.add("output: '" + outputName + "' = the readout's logits, head " + network.spec().head().id());
        return String.join(System.lineSeparator(), lines);
    }
}
