package org.defrost.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.Init;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.BlockSpec;
import org.defrost.nn.conv.ImageShape;
import org.defrost.nn.conv.LayerSpec;
import org.defrost.onnx.proto.OnnxProto.ModelProto;
import org.ejml.data.FMatrixRMaj;

/**
 * Builds a {@link BlockNetwork} from mapped blocks. A conv or dense layer followed by batch normalisation has no
 * bias in defrost (β replaces it), so a bias the file gives such a layer moves into the running mean
 * ({@code BN(z + b)} with mean μ is {@code BN(z)} with mean {@code μ − b}); a layer without either gets a zero
 * bias. A dense block reading a flattened image has its weight rows reordered from ONNX's (C, H, W) to defrost's
 * (H, W, C) order.
 */
final class BlockAssembly {
    private BlockAssembly() {
    }

    static OnnxBlockNetwork build(Path file, ModelProto model, OnnxChain chain, ChainMapper mapped)
            throws OnnxImportException {
        List<ChainMapper.Layer> layers = mapped.layers();
        ImageShape input = mapped.inputImage() != null ? mapped.inputImage() : ImageShape.flat(layers.get(0).in());
        List<BlockSpec> blocks = new ArrayList<>();
        for (int k = 0; k < layers.size() - 1; k++) {
            blocks.add(spec(layers.get(k)));
        }
        int outputs = layers.get(layers.size() - 1).out();
        Activation activation = layers.size() > 1 ? layers.get(0).activation() : Activation.RELU;
        Head head = OnnxImport.head(model, outputs);
        Init init = OnnxImport.init(model);
        Architecture architecture;
        try {
            architecture = new Architecture(input, blocks, outputs, activation,
                    head != null ? head : outputs == 1 ? Head.BINARY_LOGISTIC : Head.SOFTMAX_CROSS_ENTROPY,
                    init != null ? init : Init.heNormal());
        } catch (IllegalArgumentException e) {
            throw new OnnxImportException("the blocks do not form a defrost architecture: " + e.getMessage(), e);
        }
        BlockNetwork network = BlockNetwork.zeros(architecture);
        List<MappedBlock> mapping = new ArrayList<>();
        for (int b = 1; b <= layers.size(); b++) {
            ChainMapper.Layer l = layers.get(b - 1);
            fill(network, b, l);
            BlockSpec spec = architecture.block(b);
            List<String> text = new ArrayList<>();
            for (LayerSpec s : spec.layers()) {
                text.add(s.text());
            }
            if (b < layers.size()) {
                text.add(spec.normalised() ? 2 : 1, activation.id());
            }
            mapping.add(new MappedBlock(b, architecture.blockName(b), architecture.inputOf(b), architecture.outputOf(b),
                    String.join(", ", text), l.nodes()));
        }
        for (int b : OnnxImport.frozen(model, layers.size())) {
            network.setFrozen(b, true);
        }
        return new OnnxBlockNetwork(file, network, chain.input().getName(), mapped.inputShape(),
                chain.output().getName(), OnnxImport.opset(model), mapping);
    }

    private static BlockSpec spec(ChainMapper.Layer l) {
        boolean bias = l.norm() == null;
        List<LayerSpec> layers = new ArrayList<>();
        if (l.conv() != null) {
            LayerSpec.Conv c = l.conv();
            layers.add(new LayerSpec.Conv(c.filters(), c.kernel(), c.stride(), c.padding(), bias));
        } else {
            layers.add(new LayerSpec.Dense(l.out(), bias));
        }
        if (l.norm() != null) {
            layers.add(new LayerSpec.BatchNorm());
        }
        if (l.pool() != null) {
            layers.add(l.pool());
        }
        return new BlockSpec(l.conv() != null ? BlockSpec.Kind.CONV : BlockSpec.Kind.DENSE, layers);
    }

    /** Copies block {@code b}'s tensors from {@code l} into {@code network}. */
    private static void fill(BlockNetwork network, int b, ChainMapper.Layer l) {
        List<FMatrixRMaj> main = network.parameters().tensors(b, 0);
        float[] w = l.flattened() == null ? l.weight() : reorderRows(l.weight(), l.flattened(), l.out(), true);
        System.arraycopy(w, 0, main.get(0).data, 0, w.length);
        if (l.norm() == null) {
            if (l.bias() != null) {
                System.arraycopy(l.bias(), 0, main.get(1).data, 0, l.bias().length);
            }
            return;
        }
        ConvNodes.Norm n = l.norm();
        List<FMatrixRMaj> norm = network.parameters().tensors(b, 1);
        float[][] values = {n.gamma(), n.beta(), n.mean(), n.variance()};
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(values[i], 0, norm.get(i).data, 0, values[i].length);
        }
        if (l.bias() != null) {
            float[] mean = norm.get(2).data;
            for (int c = 0; c < mean.length; c++) {
                mean[c] -= l.bias()[c];
            }
        }
    }

    /**
     * Reorders the rows of a {@code (C·H·W) × cols} weight between ONNX's (c, y, x) order and defrost's (y, x, c)
     * order.
     *
     * @param w     not modified
     * @param toHwc true to go from (c, y, x) to (y, x, c), false for the reverse
     * @return a new array
     */
    static float[] reorderRows(float[] w, ImageShape image, int cols, boolean toHwc) {
        float[] out = new float[w.length];
        int channels = image.channels();
        int pixels = image.pixels();
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < pixels; p++) {
                int chw = (c * pixels + p) * cols;
                int hwc = (p * channels + c) * cols;
                System.arraycopy(w, toHwc ? chw : hwc, out, toHwc ? hwc : chw, cols);
            }
        }
        return out;
    }
}
