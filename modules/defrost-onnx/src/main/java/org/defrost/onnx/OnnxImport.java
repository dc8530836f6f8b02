package org.defrost.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
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
import org.defrost.onnx.proto.OnnxProto.ModelProto;
import org.defrost.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.defrost.onnx.proto.OnnxProto.StringStringEntryProto;

/**
 * Reads an ONNX model (opset 13 or later) whose graph is a chain of supported operators into a defrost network;
 * see {@link ChainMapper#SUPPORTED} and {@code docs/onnx.md}. A chain of dense layers reads as a {@link Network}
 * ({@link #read}); any chain, convolutional blocks included, reads as a {@link BlockNetwork}
 * ({@link #readBlocks}); {@link #readAny} picks the first when it can hold the chain.
 *
 * <p>ONNX does not say which loss a network was trained with, so the head is the method's default for the
 * readout width (binary logistic for one output, softmax cross-entropy for several) and the initialisation
 * (used only when layers are re-drawn) is He-normal, unless the file was written by {@link OnnxExport}, whose
 * metadata records head, initialisation and frozen layers or blocks. Layers without a bias in a network whose
 * other layers have one get a zero bias; a dense network without any bias is imported bias-free.
 */
public final class OnnxImport {
    /** The oldest default-domain opset accepted. */
    public static final long MIN_OPSET = 13;

    private OnnxImport() {
    }

    /**
     * Reads {@code file} as a fully connected network. Nothing is built when it fails; a chain with convolutions
     * or batch normalisation is refused with a pointer to {@link #readBlocks}.
     */
    public static OnnxNetwork read(Path file) throws IOException {
        return inFile(file, () -> {
            ModelProto model = parse(Files.readAllBytes(file));
            OnnxChain chain = OnnxChain.of(model.getGraph());
            ChainMapper mapped = ChainMapper.map(chain);
            if (mapped.blocks()) {
                throw new OnnxImportException("the graph has convolutional or batch-normalised blocks, which a fully"
                        + " connected network cannot hold; it imports as a block network (defrost onnx import writes"
                        + " one; recommend and the source-network stage take such files directly)");
            }
            return dense(file, model, chain, mapped);
        });
    }

    /**
     * Reads {@code file} as a block network: conv blocks, dense blocks and the readout, the input image
     * {@code C × H × W} taken from the graph input {@code [batch, C, H, W]} (a 2-D input {@code [batch, N]} gives
     * {@code N × 1 × 1}). Defrost's rows are NHWC images ({@link OnnxBlockNetwork#toNhwc}). Nothing is built when
     * it fails.
     */
    public static OnnxBlockNetwork readBlocks(Path file) throws IOException {
        return inFile(file, () -> {
            ModelProto model = parse(Files.readAllBytes(file));
            OnnxChain chain = OnnxChain.of(model.getGraph());
            return BlockAssembly.build(file, model, chain, ChainMapper.map(chain));
        });
    }

    /** Reads {@code file} as a fully connected network when its chain has only dense layers, else as blocks. */
    public static OnnxModel readAny(Path file) throws IOException {
        return inFile(file, () -> {
            ModelProto model = parse(Files.readAllBytes(file));
            OnnxChain chain = OnnxChain.of(model.getGraph());
            ChainMapper mapped = ChainMapper.map(chain);
            return mapped.blocks() ? BlockAssembly.build(file, model, chain, mapped)
                    : dense(file, model, chain, mapped);
        });
    }

    /** An import step whose failures are reported against the file. */
    private interface Step<T> {
        T run() throws IOException;
    }

    private static <T> T inFile(Path file, Step<T> step) throws IOException {
        try {
            return step.run();
        } catch (OnnxImportException e) {
            throw new OnnxImportException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the protobuf and checks it is an ONNX model of a supported opset. */
    static ModelProto parse(byte[] bytes) throws OnnxImportException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            boolean truncated = String.valueOf(e.getMessage()).contains("ended unexpectedly");
            throw new OnnxImportException(truncated
                    ? "the file ends in the middle of the model: it is truncated (" + bytes.length + " bytes)"
                    : "not an ONNX model: the bytes are not an ONNX ModelProto (" + e.getMessage() + ")", e);
        }
        if (model.getIrVersion() <= 0 || !model.hasGraph() || model.getOpsetImportCount() == 0) {
            throw new OnnxImportException("not an ONNX model: no " + (model.getIrVersion() <= 0 ? "ir_version"
                    : !model.hasGraph() ? "graph" : "opset_import") + " (an empty, truncated or foreign file?)");
        }
        long opset = opset(model);
        if (opset < MIN_OPSET) {
            throw new OnnxImportException("the model uses opset " + opset + "; defrost imports opset " + MIN_OPSET
                    + " or later (torch.onnx.export(..., opset_version=13) or onnx.version_converter)");
        }
        return model;
    }

    private static OnnxNetwork dense(Path file, ModelProto model, OnnxChain chain, ChainMapper mapped)
            throws OnnxImportException {
        List<ChainMapper.Layer> layers = mapped.layers();
        boolean anyBias = layers.stream().anyMatch(l -> l.bias() != null);
        List<Integer> hidden = new ArrayList<>();
        for (int k = 0; k < layers.size() - 1; k++) {
            hidden.add(layers.get(k).out());
        }
        int outputDim = layers.get(layers.size() - 1).out();
        Activation activation = layers.size() > 1 ? layers.get(0).activation() : Activation.RELU;
        NetworkSpec spec = NetworkSpec.of(layers.get(0).in(), hidden, outputDim).withActivation(activation)
                .withBias(anyBias);
        Head head = head(model, outputDim);
        Init init = init(model);
        if (head != null) {
            spec = spec.withHead(head);
        }
        if (init != null) {
            spec = spec.withInit(init);
        }
        Network network = Network.zeros(spec);
        List<MappedLayer> mapping = new ArrayList<>();
        for (int k = 1; k <= layers.size(); k++) {
            ChainMapper.Layer l = layers.get(k - 1);
            System.arraycopy(l.weight(), 0, network.weight(k).data, 0, l.weight().length);
            if (l.bias() != null) {
                System.arraycopy(l.bias(), 0, network.bias(k).data, 0, l.bias().length);
            }
            mapping.add(new MappedLayer(k, l.in(), l.out(), l.activation(), l.bias() != null, l.nodes()));
        }
        for (int k : frozen(model, layers.size())) {
            network.setFrozen(k, true);
        }
        return new OnnxNetwork(file, network, chain.input().getName(), mapped.inputShape(), chain.output().getName(),
                opset(model), mapping);
    }

    /** The head recorded by {@link OnnxExport}, or null; checked against the readout width. */
    static Head head(ModelProto model, int outputs) throws OnnxImportException {
        String head = metadata(model, OnnxExport.META_HEAD);
        try {
            Head h = head == null ? null : Head.fromId(head);
            if (h != null) {
                h.checkOutputDim(outputs);
            }
            return h;
        } catch (RuntimeException e) {
            throw new OnnxImportException("metadata " + OnnxExport.META_HEAD + " '" + head + "' is invalid: "
                    + e.getMessage(), e);
        }
    }

    /** The initialisation recorded by {@link OnnxExport}, or null. */
    static Init init(ModelProto model) throws OnnxImportException {
        String init = metadata(model, OnnxExport.META_INIT);
        try {
            if (init == null) {
                return null;
            }
            String[] kindScale = init.split(":", 2);
            return Init.fromId(kindScale[0], Double.parseDouble(kindScale[1]));
        } catch (RuntimeException e) {
            throw new OnnxImportException("metadata " + OnnxExport.META_INIT + " '" + init + "' is invalid: "
                    + e.getMessage(), e);
        }
    }

    /** The frozen layers or blocks recorded by {@link OnnxExport}, each in 1..{@code count}. */
    static List<Integer> frozen(ModelProto model, int count) throws OnnxImportException {
        String frozen = metadata(model, OnnxExport.META_FROZEN);
        List<Integer> out = new ArrayList<>();
        if (frozen == null || frozen.isBlank()) {
            return out;
        }
        try {
            for (String k : frozen.split(",")) {
                int v = Integer.parseInt(k.trim());
                if (v < 1 || v > count) {
                    throw new IllegalArgumentException(v + " is outside 1.." + count);
                }
                out.add(v);
            }
        } catch (RuntimeException e) {
            throw new OnnxImportException("metadata " + OnnxExport.META_FROZEN + " '" + frozen + "' is invalid: "
                    + e.getMessage(), e);
        }
        return out;
    }

    /** The model's default-domain opset version (0 when it has none). */
    static long opset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return o.getVersion();
            }
        }
        return 0;
    }

    private static String metadata(ModelProto model, String key) {
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            if (e.getKey().equals(key)) {
                return e.getValue();
            }
        }
        return null;
    }
}
