package org.defrost.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A network imported from an ONNX file: a fully connected {@link OnnxNetwork} or a block network
 * {@link OnnxBlockNetwork}, with the ONNX nodes each of its layers or blocks came from.
 */
public sealed interface OnnxModel permits OnnxNetwork, OnnxBlockNetwork {

    /** The file read. */
    Path source();

    /** The graph's data input. */
    String inputName();

    /** The input's declared shape, -1 for a dynamic dimension (the batch axis, typically). */
    List<Long> inputShape();

    /** The graph's output, the readout's logits. */
    String outputName();

    /** The model's default-domain opset version. */
    long opset();

    /** The number of values an input row must have. */
    int inputWidth();

    /** The ONNX nodes of each layer (or block) in order, as {@code node 'name' (OpType)}. */
    List<List<String>> nodeGroups();

    /** The human-readable mapping: the input, one line per layer or block, the output. */
    String describe();

    /**
     * Checks that data with {@code columns} values per row fits this network.
     *
     * @param data names the data in the error message, e.g. a file name
     * @throws IllegalArgumentException naming the data, its width, the ONNX input and the width it takes
     */
    default void requireInputWidth(int columns, String data) {
        if (columns != inputWidth()) {
            throw new IllegalArgumentException(data + " has " + columns + " features per row, but the ONNX model "
                    + source() + " takes " + inputWidth() + " (input '" + inputName() + "' of shape "
                    + shapeText(inputShape()) + ", first layer " + nodeGroups().get(0) + ")");
        }
    }

    /** A shape as messages print it, {@code [?, 3, 32, 32]} with {@code ?} for a dynamic dimension. */
    static String shapeText(List<Long> shape) {
        List<String> dims = new ArrayList<>();
        for (long d : shape) {
            dims.add(d < 0 ? "?" : Long.toString(d));
        }
        return "[" + String.join(", ", dims) + "]";
    }
}
