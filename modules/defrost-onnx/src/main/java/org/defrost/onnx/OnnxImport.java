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
import org.defrost.onnx.proto.OnnxProto.ModelProto;
import org.defrost.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.defrost.onnx.proto.OnnxProto.StringStringEntryProto;

/**
 * Reads an ONNX model (opset 13 or later) whose graph is a chain of supported operators into a defrost
 * {@link Network}; see {@link DenseChainMapper#SUPPORTED} and {@code docs/onnx.md}.
 *
 * <p>ONNX does not say which loss a network was trained with, so the head is the method's default for the
 * readout width (binary logistic for one output, softmax cross-entropy for several) and the initialisation
 * (used only when layers are re-drawn) is He-normal, unless the file was written by {@link OnnxExport}, whose
 * metadata records head, initialisation and frozen layers. Hidden layers without a bias in a network whose
 * other layers have one get a zero bias; a network without any bias is imported bias-free.
 */
public final class OnnxImport {
    /** The oldest default-domain opset accepted. */
    public static final long MIN_OPSET = 13;

    private OnnxImport() {
    }

    /** Reads {@code file}. Nothing is built when it fails. */
    public static OnnxNetwork read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return fromModel(file, parse(bytes));
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

    private static OnnxNetwork fromModel(Path file, ModelProto model) throws OnnxImportException {
        OnnxChain chain = OnnxChain.of(model.getGraph());
        DenseChainMapper mapped = DenseChainMapper.map(chain);
        List<DenseChainMapper.Layer> layers = mapped.layers();
        boolean anyBias = layers.stream().anyMatch(l -> l.bias() != null);
        List<Integer> hidden = new ArrayList<>();
        for (int k = 0; k < layers.size() - 1; k++) {
            hidden.add(layers.get(k).out());
        }
        int outputDim = layers.get(layers.size() - 1).out();
        Activation activation = layers.size() > 1 ? layers.get(0).activation() : Activation.RELU;
        NetworkSpec spec = NetworkSpec.of(layers.get(0).in(), hidden, outputDim).withActivation(activation)
                .withBias(anyBias);
        String head = metadata(model, OnnxExport.META_HEAD);
        String init = metadata(model, OnnxExport.META_INIT);
        try {
            if (head != null) {
                spec = spec.withHead(Head.fromId(head));
            }
            if (init != null) {
                String[] kindScale = init.split(":", 2);
                spec = spec.withInit(Init.fromId(kindScale[0], Double.parseDouble(kindScale[1])));
            }
        } catch (RuntimeException e) {
            throw new OnnxImportException("metadata " + OnnxExport.META_HEAD + "/" + OnnxExport.META_INIT
                    + " ('" + head + "', '" + init + "') is invalid: " + e.getMessage(), e);
        }
        Network network = Network.zeros(spec);
        List<MappedLayer> mapping = new ArrayList<>();
        for (int k = 1; k <= layers.size(); k++) {
            DenseChainMapper.Layer l = layers.get(k - 1);
            System.arraycopy(l.weight(), 0, network.weight(k).data, 0, l.weight().length);
            if (l.bias() != null) {
                System.arraycopy(l.bias(), 0, network.bias(k).data, 0, l.bias().length);
            }
            mapping.add(new MappedLayer(k, l.in(), l.out(), l.activation(), l.bias() != null, l.nodes()));
        }
        String frozen = metadata(model, OnnxExport.META_FROZEN);
        try {
            if (frozen != null && !frozen.isBlank()) {
                for (String k : frozen.split(",")) {
                    network.setFrozen(Integer.parseInt(k.trim()), true);
                }
            }
        } catch (RuntimeException e) {
            throw new OnnxImportException("metadata " + OnnxExport.META_FROZEN + " '" + frozen + "' is invalid: "
                    + e.getMessage(), e);
        }
        return new OnnxNetwork(file, network, chain.input().getName(), mapped.inputShape(), chain.output().getName(),
                opset(model), mapping);
    }

    private static long opset(ModelProto model) {
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
