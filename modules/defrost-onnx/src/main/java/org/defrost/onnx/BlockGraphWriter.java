package org.defrost.onnx;

import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.BlockSpec;
import org.defrost.nn.conv.ImageShape;
import org.defrost.nn.conv.LayerSpec;
import org.defrost.onnx.proto.OnnxProto.AttributeProto;
import org.defrost.onnx.proto.OnnxProto.GraphProto;
import org.defrost.onnx.proto.OnnxProto.ModelProto;
import org.defrost.onnx.proto.OnnxProto.NodeProto;
import org.ejml.data.FMatrixRMaj;

/**
 * Writes a block network as an NCHW ONNX graph ({@link OnnxExport#toModel(BlockNetwork)}): conv weights go from
 * defrost's {@code (k·k·Cin) × Cout} with rows in (ky, kx, c) order to ONNX's {@code [Cout, Cin, k, k]}, and a
 * dense block reading an image gets a {@code Flatten} and its weight rows reordered from (H, W, C) to (C, H, W),
 * the order in which ONNX flattens. Every value is copied, never rounded, so importing the file gives back the
 * same tensors.
 */
final class BlockGraphWriter {
    private final GraphProto.Builder g = GraphProto.newBuilder().setName("defrost");
    private final BlockNetwork network;
    private String current = "input";
    /** Whether the current value is an image {@code [batch, C, H, W]} rather than {@code [batch, features]}. */
    private boolean image;

    private BlockGraphWriter(BlockNetwork network) {
        this.network = network;
    }

    static ModelProto toModel(BlockNetwork network) {
        Architecture a = network.architecture();
        BlockGraphWriter w = new BlockGraphWriter(network);
        ImageShape in = a.input();
        w.image = in.pixels() > 1 || a.block(1).kind() == BlockSpec.Kind.CONV;
        w.g.addInput(w.image ? OnnxExport.value("input", in.channels(), in.height(), in.width())
                : OnnxExport.value("input", in.channels()));
        List<String> frozen = new ArrayList<>();
        for (int b = 1; b <= network.blockCount(); b++) {
            w.block(b);
            if (network.isFrozen(b)) {
                frozen.add(Integer.toString(b));
            }
        }
        w.g.addOutput(OnnxExport.value("logits", a.outputs()));
        return OnnxExport.model(w.g, "defrost block network " + in + " -> " + a.text() + " -> " + a.outputs()
                + ", " + a.activation().id(), a.head(), a.init(), frozen);
    }

    private void block(int b) {
        Architecture a = network.architecture();
        BlockSpec spec = a.block(b);
        String prefix = "block" + b;
        boolean readout = b == network.blockCount();
        ImageShape s = a.inputOf(b);
        List<LayerSpec> layers = spec.layers();
        for (int j = 0; j < layers.size(); j++) {
            LayerSpec l = layers.get(j);
            List<FMatrixRMaj> t = network.parameters().tensors(b, j);
            String out = readout && j == layers.size() - 1 ? "logits" : prefix + "." + j;
            if (l instanceof LayerSpec.Conv c) {
                if (!image) {
                    throw new IllegalArgumentException(a.blockName(b) + " follows a dense block; ONNX's Conv needs an"
                            + " image [batch, C, H, W], which defrost's exports and imports have only before the"
                            + " first dense block");
                }
                conv(prefix, c, s, t, out);
            } else if (l instanceof LayerSpec.Dense d) {
                dense(prefix, d, s, t, out);
            } else if (l instanceof LayerSpec.BatchNorm) {
                batchNorm(prefix, t, out);
            } else {
                pool(prefix, l, out);
            }
            current = out;
            if (!readout && j == (spec.normalised() ? 1 : 0)) {
                current = OnnxExport.activation(g, a.activation(), prefix, current);
            }
            s = l.output(s);
        }
    }

    private void conv(String prefix, LayerSpec.Conv c, ImageShape in, List<FMatrixRMaj> t, String out) {
        int k = c.kernel();
        int channels = in.channels();
        int filters = c.filters();
        float[] onnx = ConvNodes.reorderKernel(t.get(0).data, filters, channels, k, false);
        g.addInitializer(OnnxExport.tensor(prefix + ".weight", onnx, filters, channels, k, k));
        NodeProto.Builder node = NodeProto.newBuilder().setName(prefix + ".conv").setOpType("Conv")
                .addInput(current).addInput(prefix + ".weight")
                .addAttribute(ints("kernel_shape", k, k))
                .addAttribute(ints("strides", c.stride(), c.stride()))
                .addAttribute(ints("pads", c.padding(), c.padding(), c.padding(), c.padding()));
        if (c.bias()) {
            g.addInitializer(OnnxExport.tensor(prefix + ".bias", t.get(1).data, filters));
            node.addInput(prefix + ".bias");
        }
        g.addNode(node.addOutput(out));
    }

    private void dense(String prefix, LayerSpec.Dense d, ImageShape in, List<FMatrixRMaj> t, String out) {
        float[] w = t.get(0).data;
        if (image) {
            g.addNode(NodeProto.newBuilder().setName(prefix + ".flatten").setOpType("Flatten").addInput(current)
                    .addOutput(prefix + ".flat").addAttribute(AttributeProto.newBuilder().setName("axis")
                            .setType(AttributeProto.AttributeType.INT).setI(1)));
            current = prefix + ".flat";
            image = false;
            w = BlockAssembly.reorderRows(w, in, d.width(), false);
        }
        g.addInitializer(OnnxExport.tensor(prefix + ".weight", w, in.size(), d.width()));
        NodeProto.Builder node = NodeProto.newBuilder().setName(prefix + ".gemm").setOpType("Gemm").addInput(current)
                .addInput(prefix + ".weight");
        if (d.bias()) {
            g.addInitializer(OnnxExport.tensor(prefix + ".bias", t.get(1).data, d.width()));
            node.addInput(prefix + ".bias");
        }
        g.addNode(node.addOutput(out));
    }

    private void batchNorm(String prefix, List<FMatrixRMaj> t, String out) {
        String[] names = {".gamma", ".beta", ".mean", ".var"};
        NodeProto.Builder node = NodeProto.newBuilder().setName(prefix + ".bn").setOpType("BatchNormalization")
                .addInput(current).addAttribute(AttributeProto.newBuilder().setName("epsilon")
                        .setType(AttributeProto.AttributeType.FLOAT).setF((float) LayerSpec.BatchNorm.EPSILON));
        for (int i = 0; i < names.length; i++) {
            g.addInitializer(OnnxExport.tensor(prefix + names[i], t.get(i).data, t.get(i).getNumElements()));
            node.addInput(prefix + names[i]);
        }
        g.addNode(node.addOutput(out));
    }

    private void pool(String prefix, LayerSpec l, String out) {
        if (l instanceof LayerSpec.Pool p) {
            g.addNode(NodeProto.newBuilder().setName(prefix + (p.max() ? ".maxpool" : ".avgpool"))
                    .setOpType(p.max() ? "MaxPool" : "AveragePool").addInput(current).addOutput(out)
                    .addAttribute(ints("kernel_shape", p.size(), p.size()))
                    .addAttribute(ints("strides", p.stride(), p.stride())));
        } else {
            g.addNode(OnnxExport.unary(prefix + ".gap", "GlobalAveragePool", current, out));
        }
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }
}
