package org.defrost.onnx;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.Init;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.onnx.proto.OnnxProto.GraphProto;
import org.defrost.onnx.proto.OnnxProto.ModelProto;
import org.defrost.onnx.proto.OnnxProto.NodeProto;
import org.defrost.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.defrost.onnx.proto.OnnxProto.StringStringEntryProto;
import org.defrost.onnx.proto.OnnxProto.TensorProto;
import org.defrost.onnx.proto.OnnxProto.TensorShapeProto;
import org.defrost.onnx.proto.OnnxProto.TypeProto;
import org.defrost.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Writes a defrost network as a self-contained ONNX model (IR version 7, opset 13) that ONNX runtimes and
 * {@code onnx.checker} accept.
 *
 * <p>The graph maps input {@code "input"} ({@code [batch, N]} float32, batch dynamic) to {@code "logits"}
 * ({@code [batch, K]}, the readout before the head). Layer {@code k} is a {@code Gemm} node {@code layerK.gemm}
 * with weight {@code layerK.weight} ({@code [in, out]}, defrost's layout, {@code transB = 0}) and bias
 * {@code layerK.bias} ({@code [out]}, absent for bias-free networks), then the hidden activation: {@code Relu},
 * {@code Tanh}, {@code Sigmoid}, {@code Div} by sqrt(2) then {@code Erf} for erf, nothing for linear. The
 * metadata keys {@link #META_HEAD}, {@link #META_INIT} and {@link #META_FROZEN} record what ONNX cannot
 * express, so {@link OnnxImport} restores the same network.
 */
public final class OnnxExport {
    /** Metadata key of the head id, e.g. {@code softmax_cross_entropy}. */
    public static final String META_HEAD = "defrost.head";
    /** Metadata key of the initialisation, {@code kind:scale}, e.g. {@code he_normal:1.0}. */
    public static final String META_INIT = "defrost.init";
    /** Metadata key of the frozen layers (blocks), comma-separated layer (block) numbers (empty when none). */
    public static final String META_FROZEN = "defrost.frozen";
    /** The opset written. */
    public static final long OPSET = 13;
    /** The IR version written. */
    static final long IR_VERSION = 7;

    private OnnxExport() {
    }

    /** Writes {@code network} (not modified) to {@code file}, replacing it. */
    public static void write(Network network, Path file) throws IOException {
        write(toModel(network), file);
    }

    /**
     * Writes block network {@code network} (not modified) to {@code file}, replacing it; see
     * {@link #toModel(BlockNetwork)}.
     */
    public static void write(BlockNetwork network, Path file) throws IOException {
        write(toModel(network), file);
    }

    /**
     * The ONNX model of block network {@code network} (not modified): input {@code "input"}
     * {@code [batch, C, H, W]} (NCHW, as PyTorch takes images; {@code [batch, N]} when the input is a flat vector
     * read by a dense block), output {@code "logits"} {@code [batch, K]}. Block b's nodes are named
     * {@code blockB.conv}, {@code blockB.gemm}, {@code blockB.bn}, the activation's, {@code blockB.maxpool},
     * {@code blockB.avgpool} or {@code blockB.gap}, and {@code blockB.flatten} where a dense block reads an image;
     * weights are converted to ONNX's NCHW layouts.
     *
     * @throws IllegalArgumentException for a conv block after a dense block, which ONNX's Conv cannot read
     *                                  without a reshape defrost does not import
     */
    public static ModelProto toModel(BlockNetwork network) {
        return BlockGraphWriter.toModel(network);
    }

    private static void write(ModelProto model, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        }
    }

    /** The ONNX model of {@code network} (not modified). */
    public static ModelProto toModel(Network network) {
        NetworkSpec spec = network.spec();
        GraphProto.Builder g = GraphProto.newBuilder().setName("defrost");
        g.addInput(value("input", spec.inputDim()));
        String current = "input";
        List<String> frozen = new ArrayList<>();
        for (int k = 1; k <= network.layerCount(); k++) {
            String prefix = "layer" + k;
            boolean last = k == network.layerCount();
            g.addInitializer(tensor(prefix + ".weight", network.weight(k).data, spec.width(k - 1), spec.width(k)));
            NodeProto.Builder gemm = NodeProto.newBuilder().setName(prefix + ".gemm").setOpType("Gemm")
                    .addInput(current).addInput(prefix + ".weight");
            if (spec.bias()) {
                g.addInitializer(tensor(prefix + ".bias", network.bias(k).data, spec.width(k)));
                gemm.addInput(prefix + ".bias");
            }
            current = last ? "logits" : prefix + ".z";
            g.addNode(gemm.addOutput(current));
            if (!last) {
                current = activation(g, spec.activation(), prefix, current);
            }
            if (network.isFrozen(k)) {
                frozen.add(Integer.toString(k));
            }
        }
        g.addOutput(value("logits", spec.outputDim()));
        return model(g, "defrost network " + spec.inputDim() + " -> " + spec.hiddenWidths() + " -> "
                + spec.outputDim() + ", " + spec.activation().id(), spec.head(), spec.init(), frozen);
    }

    /** The model around graph {@code g}, with the metadata {@link OnnxImport} restores. */
    static ModelProto model(GraphProto.Builder g, String description, Head head, Init init, List<String> frozen) {
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("defrost")
                .setDocString(description + "; output = logits before the head")
                .addMetadataProps(meta(META_HEAD, head.id()))
                .addMetadataProps(meta(META_INIT, init.id() + ":" + init.scale()))
                .addMetadataProps(meta(META_FROZEN, String.join(",", frozen)))
                .setGraph(g)
                .build();
    }

    /** Appends the activation nodes after value {@code z}; returns the activated value's name. */
    static String activation(GraphProto.Builder g, Activation a, String prefix, String z) {
        String out = prefix + ".a";
        switch (a) {
            case LINEAR -> {
                return z;
            }
            case RELU -> g.addNode(unary(prefix + ".relu", "Relu", z, out));
            case TANH -> g.addNode(unary(prefix + ".tanh", "Tanh", z, out));
            case SIGMOID -> g.addNode(unary(prefix + ".sigmoid", "Sigmoid", z, out));
            case ERF -> {
                String sqrt2 = prefix + ".sqrt2";
                g.addInitializer(tensor(sqrt2, new float[] {(float) Math.sqrt(2.0)}));
                g.addNode(NodeProto.newBuilder().setName(prefix + ".div").setOpType("Div").addInput(z)
                        .addInput(sqrt2).addOutput(prefix + ".zs"));
                g.addNode(unary(prefix + ".erf", "Erf", prefix + ".zs", out));
            }
            default -> throw new IllegalStateException("no ONNX form for activation " + a);
        }
        return out;
    }

    static NodeProto unary(String name, String op, String in, String out) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addInput(in).addOutput(out).build();
    }

    /** A float32 tensor of the given dims (none: a scalar) holding {@code values} row-major as raw bytes. */
    static TensorProto tensor(String name, float[] values, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        ByteBuffer b = ByteBuffer.allocate((int) n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values, 0, (int) n);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A float32 {@code [batch, dims...]} value with a dynamic batch axis. */
    static ValueInfoProto value(String name, int... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (int d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    private static StringStringEntryProto meta(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
