package org.defrost.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.ImageShape;
import org.ejml.data.FMatrixRMaj;

/**
 * A block network imported from an ONNX file, with the mapping from ONNX nodes to its blocks.
 *
 * <p>ONNX (and PyTorch) hold images NCHW, defrost NHWC: the import converts the weights, so the network computes
 * what the ONNX model computes on the same images, given to defrost as NHWC rows ({@link #toNhwc}).
 *
 * @param source     the file read
 * @param network    the network; every block trainable unless the file was written by {@link OnnxExport},
 *                   which records frozen blocks
 * @param inputName  the graph's data input
 * @param inputShape the input's declared shape ({@code [batch, C, H, W]} or {@code [batch, N]}), -1 for a dynamic
 *                   dimension
 * @param outputName the graph's output, the readout's logits
 * @param opset      the model's default-domain opset version
 * @param blocks     one entry per block, 1..L+1 in order
 */
public record OnnxBlockNetwork(Path source, BlockNetwork network, String inputName, List<Long> inputShape,
                               String outputName, long opset, List<MappedBlock> blocks) implements OnnxModel {

    public OnnxBlockNetwork {
        inputShape = List.copyOf(inputShape);
        blocks = List.copyOf(blocks);
    }

    /** C·H·W, the number of values an input row must have. */
    @Override
    public int inputWidth() {
        return network.architecture().input().size();
    }

    @Override
    public List<List<String>> nodeGroups() {
        return blocks.stream().map(MappedBlock::nodes).toList();
    }

    /**
     * The same images in defrost's row layout: row {@code i} of {@code nchw} holds one image in ONNX's order
     * (channel, row, column), as PyTorch's {@code x.reshape(n, -1)} gives it; row {@code i} of the result holds it
     * in (row, column, channel) order. For a flat input ({@code n × 1 × 1}) the orders coincide.
     *
     * @param nchw {@code n × (C·H·W)}. Not modified.
     * @return a new {@code n × (C·H·W)} matrix
     */
    public FMatrixRMaj toNhwc(FMatrixRMaj nchw) {
        requireInputWidth(nchw.numCols, "the image matrix");
        ImageShape s = network.architecture().input();
        FMatrixRMaj out = new FMatrixRMaj(nchw.numRows, nchw.numCols);
        int pixels = s.pixels();
        for (int r = 0; r < nchw.numRows; r++) {
            int base = r * nchw.numCols;
            for (int c = 0; c < s.channels(); c++) {
                for (int p = 0; p < pixels; p++) {
                    out.data[base + p * s.channels() + c] = nchw.data[base + c * pixels + p];
                }
            }
        }
        return out;
    }

    /** The human-readable mapping: the input, then one line per block, then the output. */
    @Override
    public String describe() {
        ImageShape in = network.architecture().input();
        List<String> lines = new ArrayList<>();
        lines.add("source: " + source);
        lines.add("opset: " + opset);
        lines.add("input: '" + inputName + "' " + OnnxModel.shapeText(inputShape) + " -> "
                + (in.pixels() == 1 ? in.channels() + " features" : "image " + in + " (channels×height×width;"
                + " defrost reads each image as an NHWC row)"));
        for (MappedBlock b : blocks) {
            lines.add(b.describe());
        }
        lines.add("output: '" + outputName + "' = the readout's logits, head "
                + network.architecture().head().id());
        return String.join(System.lineSeparator(), lines);
    }
}
