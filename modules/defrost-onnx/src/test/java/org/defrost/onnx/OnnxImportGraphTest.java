package org.defrost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.npy.Npy;
import org.defrost.onnx.proto.OnnxProto.AttributeProto;
import org.defrost.onnx.proto.OnnxProto.GraphProto;
import org.defrost.onnx.proto.OnnxProto.ModelProto;
import org.defrost.onnx.proto.OnnxProto.NodeProto;
import org.defrost.onnx.proto.OnnxProto.StringStringEntryProto;
import org.defrost.onnx.proto.OnnxProto.TensorProto;
import org.defrost.onnx.proto.OnnxProto.TensorShapeProto;
import org.defrost.onnx.proto.OnnxProto.ValueInfoProto;
import org.defrost.spi.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files defrost refuses, each with a message naming what is wrong; and graph forms it accepts (built in Java). */
class OnnxImportGraphTest {
    @TempDir
    Path dir;

    private final Network network = Network.build(NetworkSpec.of(4, List.of(6, 5), 3), Seed.of(3));

    @Test
    void aTruncatedFileIsSaidToBeTruncated() throws Exception {
        byte[] full = OnnxExport.toModel(network).toByteArray();
        Path file = dir.resolve("cut.onnx");
        Files.write(file, Arrays.copyOf(full, full.length / 2));
        String m = assertThrows(OnnxImportException.class, () -> OnnxImport.read(file)).getMessage();
        assertTrue(m.startsWith(file + ": the file ends in the middle of the model: it is truncated"), m);
    }

    @Test
    void textAndNpyFilesAreNotOnnxModels() throws Exception {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "hello, this is not a model\n", StandardCharsets.UTF_8);
        Path npy = dir.resolve("array.onnx");
        Npy.write(npy, new float[] {1, 2, 3}, 3);
        for (Path file : List.of(text, npy)) {
            String m = assertThrows(OnnxImportException.class, () -> OnnxImport.read(file)).getMessage();
            assertTrue(m.startsWith(file + ": not an ONNX model"), m);
        }
    }

    @Test
    void anOpsetOlderThan13IsRefused() throws Exception {
        ModelProto m = OnnxExport.toModel(network).toBuilder()
                .setOpsetImport(0, OnnxExport.toModel(network).getOpsetImport(0).toBuilder().setVersion(11)).build();
        assertEquals("the model uses opset 11; defrost imports opset 13 or later", message(m).split(" \\(")[0]);
    }

    @Test
    void anUnsupportedOperatorIsNamedWithItsNodeAndTheSupportedList() throws Exception {
        ModelProto m = editNode(OnnxExport.toModel(network), "layer1.relu", n -> n.setOpType("LeakyRelu"));
        String msg = message(m);
        assertTrue(msg.startsWith("node 'layer1.relu' (LeakyRelu): operator LeakyRelu is not supported. Supported: "
                + ChainMapper.SUPPORTED), msg);
    }

    @Test
    void externalDataIsRefusedNamingTheTensorAndItsNode() throws Exception {
        ModelProto m = OnnxExport.toModel(network);
        GraphProto.Builder g = m.getGraph().toBuilder();
        TensorProto w = g.getInitializer(0);
        g.setInitializer(0, w.toBuilder().clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin")));
        String msg = message(m.toBuilder().setGraph(g).build());
        assertTrue(msg.startsWith("tensor 'layer1.weight' (used by node 'layer1.gemm' (Gemm)) is stored as external"
                + " data"), msg);
    }

    @Test
    void aFinalActivationIsRefusedBecauseTheReadoutIsAffine() throws Exception {
        ModelProto m = OnnxExport.toModel(network);
        GraphProto.Builder g = m.getGraph().toBuilder();
        int last = g.getNodeCount() - 1;
        g.setNode(last, g.getNode(last).toBuilder().setOutput(0, "z"));
        g.addNode(NodeProto.newBuilder().setName("final").setOpType("Sigmoid").addInput("z").addOutput("logits"));
        String msg = message(m.toBuilder().setGraph(g).build());
        assertTrue(msg.startsWith("the graph ends with the activation node 'final' (Sigmoid) after its last layer"),
                msg);
    }

    @Test
    void hiddenLayersWithDifferentActivationsAreRefused() throws Exception {
        ModelProto m = editNode(OnnxExport.toModel(network), "layer2.relu", n -> n.setOpType("Tanh"));
        String msg = message(m);
        assertTrue(msg.startsWith("layer 2 ([node 'layer2.gemm' (Gemm), node 'layer2.relu' (Tanh)]) has activation"
                + " tanh but layer 1 has relu"), msg);
    }

    @Test
    void anErfWithoutTheSqrt2ScaleIsRefused() throws Exception {
        Network erf = Network.build(NetworkSpec.of(2, List.of(3), 2).withActivation(Activation.ERF), Seed.of(2));
        ModelProto m = OnnxExport.toModel(erf);
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals("layer1.sqrt2")) {
                g.setInitializer(i, g.getInitializer(i).toBuilder().setRawData(com.google.protobuf.ByteString
                        .copyFrom(new byte[] {0, 0, (byte) 0x80, 0x3f}))); // 1.0f
            }
        }
        String msg = message(m.toBuilder().setGraph(g).build());
        assertTrue(msg.startsWith("node 'layer1.div' (Div) is supported only as the z/sqrt(2) of erf(z/sqrt(2))"),
                msg);
    }

    @Test
    void dropoutAndIdentityPassValuesThroughAndJoinTheNextLayer() throws Exception {
        ModelProto m = OnnxExport.toModel(network);
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getName().equals("layer2.gemm")) {
                g.setNode(i, g.getNode(i).toBuilder().setInput(0, "kept"));
            }
        }
        g.addNode(NodeProto.newBuilder().setName("drop").setOpType("Dropout").addInput("layer1.a")
                .addOutput("dropped").addOutput("mask"));
        g.addNode(NodeProto.newBuilder().setName("same").setOpType("Identity").addInput("dropped").addOutput("kept"));
        Path file = dir.resolve("dropout.onnx");
        Files.write(file, m.toBuilder().setGraph(g).build().toByteArray());
        OnnxNetwork back = OnnxImport.read(file);
        assertEquals(List.of("node 'drop' (Dropout)", "node 'same' (Identity)", "node 'layer2.gemm' (Gemm)",
                "node 'layer2.relu' (Relu)"), back.layers().get(1).nodes());
        var x = OnnxExportTest.inputs(4, 4);
        assertArrayEquals(network.outputs(x, KernelThreads.single()).data,
                back.network().outputs(x, KernelThreads.single()).data);
    }

    @Test
    void aValueReadTwiceByOneNodeIsABranch() throws Exception {
        ModelProto m = editNode(OnnxExport.toModel(network), "layer1.relu",
                n -> n.setOpType("Mul").addInput("layer1.z"));
        String msg = message(m);
        assertTrue(msg.startsWith("branching graph: node 'layer1.relu' (Mul) reads 'layer1.z' 2 times"), msg);
    }

    @Test
    void gemmAlphaAndBetaScaleTheWeightAndBias() throws Exception {
        ModelProto m = editNode(OnnxExport.toModel(network), "layer1.gemm", n -> n
                .addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT)
                        .setF(2f))
                .addAttribute(AttributeProto.newBuilder().setName("beta").setType(AttributeProto.AttributeType.FLOAT)
                        .setF(0.5f)));
        Network back = importModel(m).network();
        for (int i = 0; i < network.weight(1).data.length; i++) {
            assertEquals(2f * network.weight(1).data[i], back.weight(1).data[i]);
        }
        for (int i = 0; i < network.bias(1).data.length; i++) {
            assertEquals(0.5f * network.bias(1).data[i], back.bias(1).data[i]);
        }
    }

    @Test
    void aReshapeToBatchByFeaturesIsAcceptedAndOneFixingTheBatchIsNot() throws Exception {
        assertEquals(List.of("node 'flat' (Reshape)", "node 'layer1.gemm' (Gemm)", "node 'layer1.relu' (Relu)"),
                importModel(withReshape(-1, 4)).layers().get(0).nodes());
        assertEquals(4, importModel(withReshape(0, -1)).inputWidth());
        String msg = message(withReshape(2, -1));
        assertTrue(msg.startsWith("node 'flat' (Reshape) reshapes to [2, -1]; defrost supports Reshape to 2-D keeping"
                + " the batch axis"), msg);
    }

    @Test
    void aDynamicFeatureAxisOfATwoDimensionalInputIsFixedByTheFirstWeight() throws Exception {
        ModelProto m = OnnxExport.toModel(network);
        GraphProto.Builder g = m.getGraph().toBuilder();
        ValueInfoProto.Builder in = g.getInput(0).toBuilder();
        in.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().setDim(1,
                TensorShapeProto.Dimension.newBuilder().setDimParam("features"));
        g.setInput(0, in);
        OnnxNetwork back = importModel(m.toBuilder().setGraph(g).build());
        assertEquals(4, back.inputWidth());
        assertEquals(List.of(-1L, -1L), back.inputShape());
    }

    /** The exported network with a Reshape to {@code [rows, cols]} in front of its first layer. */
    private ModelProto withReshape(long rows, long cols) {
        ModelProto m = editNode(OnnxExport.toModel(network), "layer1.gemm", n -> n.setInput(0, "flat"));
        GraphProto.Builder g = m.getGraph().toBuilder();
        g.addInitializer(TensorProto.newBuilder().setName("shape").setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(2).addInt64Data(rows).addInt64Data(cols));
        g.addNode(NodeProto.newBuilder().setName("flat").setOpType("Reshape").addInput("input").addInput("shape")
                .addOutput("flat"));
        return m.toBuilder().setGraph(g).build();
    }

    private OnnxNetwork importModel(ModelProto m) throws IOException {
        Path file = dir.resolve("accepted.onnx");
        Files.write(file, m.toByteArray());
        return OnnxImport.read(file);
    }

    private String message(ModelProto m) throws IOException {
        Path file = dir.resolve("model.onnx");
        Files.write(file, m.toByteArray());
        String msg = assertThrows(OnnxImportException.class, () -> OnnxImport.read(file)).getMessage();
        assertTrue(msg.startsWith(file + ": "), msg);
        return msg.substring(file.toString().length() + 2);
    }

    static ModelProto editNode(ModelProto m, String name, java.util.function.Consumer<NodeProto.Builder> edit) {
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getName().equals(name)) {
                NodeProto.Builder b = g.getNode(i).toBuilder();
                edit.accept(b);
                g.setNode(i, b);
            }
        }
        return m.toBuilder().setGraph(g).build();
    }
}
