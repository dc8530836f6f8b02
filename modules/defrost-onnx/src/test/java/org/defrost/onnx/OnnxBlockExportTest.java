package org.defrost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.ImageShape;
import org.defrost.npy.Npy;
import org.defrost.onnx.proto.OnnxProto.AttributeProto;
import org.defrost.onnx.proto.OnnxProto.GraphProto;
import org.defrost.onnx.proto.OnnxProto.ModelProto;
import org.defrost.onnx.proto.OnnxProto.NodeProto;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of block networks: accepted by onnx's checker, computing defrost's outputs on NCHW images when PyTorch
 * runs them ({@code run_exports.py}), and re-imported to the same network; and edited exports that show which
 * block forms defrost accepts or refuses.
 */
class OnnxBlockExportTest {
    @TempDir
    Path dir;

    /** Conv, dense, batch-norm, every pooling, dense blocks on an image, a linear network, readout only. */
    static List<BlockNetwork> networks() {
        List<BlockNetwork> out = new ArrayList<>();
        out.add(network("[conv 4 3x3, bn, pool 2, conv 5 3x3 stride 2 pad 0, avgpool 2 stride 1, dense 6, bn]",
                new ImageShape(3, 12, 10), 3, Activation.RELU));
        out.add(network("[conv 3 5x5, gap, dense 4]", new ImageShape(2, 6, 7), 1, Activation.ERF));
        out.add(network("[dense 5, bn, dense 4]", new ImageShape(2, 3, 3), 2, Activation.TANH));
        out.add(network("[conv 2 3x3, pool 2]", new ImageShape(1, 5, 5), 2, Activation.LINEAR));
        out.add(network("[conv 2 1x1, bn, dense 3]", ImageShape.flat(4), 2, Activation.SIGMOID));
        out.add(network("[]", new ImageShape(3, 4, 4), 3, Activation.RELU));
        return out;
    }

    /** A network with random weights, biases and batch-norm tensors, block 1 frozen. */
    static BlockNetwork network(String blocks, ImageShape input, int outputs, Activation a) {
        BlockNetwork n = BlockNetwork.build(Architecture.parse(blocks, input, outputs).withActivation(a),
                Seed.of(blocks.length()));
        SplittableRandom g = Seed.of(7).generator();
        for (int b = 1; b <= n.blockCount(); b++) {
            for (FMatrixRMaj t : n.parameters().all(b)) {
                for (int i = 0; i < t.data.length; i++) {
                    t.data[i] = (float) g.nextDouble(0.2, 1.0) * (t.data[i] == 0 || t.data[i] == 1 ? 1 : t.data[i]);
                }
            }
        }
        n.setFrozen(1, true);
        return n;
    }

    @Test
    void reimportingAnExportGivesTheSameNetworkAndBitIdenticalOutputs() throws Exception {
        int i = 0;
        for (BlockNetwork n : networks()) {
            Path file = dir.resolve("b" + i++ + ".onnx");
            OnnxExport.write(n, file);
            BlockNetwork back = OnnxImport.readBlocks(file).network();
            assertEquals(n.architecture(), back.architecture(), file.toString());
            for (int b = 1; b <= n.blockCount(); b++) {
                List<FMatrixRMaj> expected = n.parameters().all(b);
                List<FMatrixRMaj> actual = back.parameters().all(b);
                for (int t = 0; t < expected.size(); t++) {
                    assertArrayEquals(expected.get(t).data, actual.get(t).data, file + " block " + b + " tensor " + t);
                }
                assertEquals(n.isFrozen(b), back.isFrozen(b));
            }
            FMatrixRMaj x = OnnxExportTest.inputs(5, n.architecture().input().size());
            assertArrayEquals(n.outputs(x, KernelThreads.single()).data, back.outputs(x, KernelThreads.single()).data,
                    n.architecture().text());
        }
    }

    @Test
    void onnxCheckerAcceptsEveryExport() throws Exception {
        List<String> files = new ArrayList<>();
        int i = 0;
        for (BlockNetwork n : networks()) {
            Path file = dir.resolve("b" + i++ + ".onnx");
            OnnxExport.write(n, file);
            files.add(file.toString());
        }
        SystemPython.assertCheckerAccepts(files);
    }

    @Test
    void pyTorchRunningTheExportOnNchwImagesGivesDefrostsOutputsWithin1e4() throws Exception {
        List<BlockNetwork> networks = networks();
        List<String> args = new ArrayList<>();
        List<FMatrixRMaj> expected = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            BlockNetwork n = networks.get(i);
            Path file = dir.resolve("b" + i + ".onnx");
            OnnxExport.write(n, file);
            FMatrixRMaj nchw = OnnxExportTest.inputs(6, n.architecture().input().size());
            Npy.write(dir.resolve("x" + i + ".npy"), nchw);
            expected.add(n.outputs(OnnxImport.readBlocks(file).toNhwc(nchw), KernelThreads.single()));
            args.addAll(List.of(file.toString(), dir.resolve("x" + i + ".npy").toString(),
                    dir.resolve("y" + i + ".npy").toString()));
        }
        SystemPython.run("run_exports.py", args);
        for (int i = 0; i < networks.size(); i++) {
            FMatrixRMaj actual = Npy.readFMatrix(dir.resolve("y" + i + ".npy"));
            assertEquals(expected.get(i).numRows, actual.numRows);
            assertEquals(expected.get(i).numCols, actual.numCols);
            double max = 0;
            for (int j = 0; j < actual.data.length; j++) {
                max = Math.max(max, Math.abs(expected.get(i).data[j] - actual.data[j]));
            }
            assertTrue(max <= 1e-4, networks.get(i).architecture().text() + ": max |PyTorch - defrost| = " + max);
        }
    }

    @Test
    void theExportTakesNchwImagesAndFlattensBeforeTheFirstDenseBlock() {
        ModelProto m = OnnxExport.toModel(networks().get(0));
        List<String> ops = new ArrayList<>();
        for (NodeProto node : m.getGraph().getNodeList()) {
            ops.add(node.getName() + ":" + node.getOpType());
        }
        assertEquals(List.of("block1.conv:Conv", "block1.bn:BatchNormalization", "block1.relu:Relu",
                "block1.maxpool:MaxPool", "block2.conv:Conv", "block2.relu:Relu", "block2.avgpool:AveragePool",
                "block3.flatten:Flatten", "block3.gemm:Gemm", "block3.bn:BatchNormalization", "block3.relu:Relu",
                "block4.gemm:Gemm"), ops);
        assertEquals("[dim_param: \"batch\"\n, dim_value: 3\n, dim_value: 12\n, dim_value: 10\n]",
                m.getGraph().getInput(0).getType().getTensorType().getShape().getDimList().toString());
        assertEquals(List.of(4L, 3L, 3L, 3L), m.getGraph().getInitializer(0).getDimsList());
    }

    @Test
    void aConvBlockAfterADenseBlockCannotBeExported() {
        BlockNetwork n = network("[dense 4, conv 2 1x1]", ImageShape.flat(3), 2, Activation.RELU);
        String m = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toModel(n)).getMessage();
        assertTrue(m.startsWith("conv block 2 follows a dense block"), m);
    }

    @Test
    void reluAfterMaxPoolingCommutesAndIsAccepted() throws Exception {
        BlockNetwork n = network("[conv 2 3x3, pool 2]", new ImageShape(1, 5, 5), 2, Activation.RELU);
        BlockNetwork back = OnnxImport.readBlocks(write(poolBeforeActivation(OnnxExport.toModel(n)))).network();
        assertEquals(n.architecture(), back.architecture());
        FMatrixRMaj x = OnnxExportTest.inputs(4, 25);
        assertArrayEquals(n.outputs(x, KernelThreads.single()).data, back.outputs(x, KernelThreads.single()).data);
    }

    @Test
    void reluAfterAveragePoolingIsRefused() throws Exception {
        BlockNetwork n = network("[conv 2 3x3, avgpool 2]", new ImageShape(1, 5, 5), 2, Activation.RELU);
        String m = message(poolBeforeActivation(OnnxExport.toModel(n)));
        assertTrue(m.startsWith("node 'block1.relu' (Relu) follows the average pooling of its block"), m);
    }

    @Test
    void asymmetricPadsAndSamePaddingAreRefusedNamingTheAttribute() throws Exception {
        ModelProto m = OnnxExport.toModel(networks().get(0));
        String pads = message(OnnxImportGraphTest.editNode(m, "block1.conv", c -> c.setAttribute(2,
                AttributeProto.newBuilder().setName("pads").setType(AttributeProto.AttributeType.INTS)
                        .addInts(1).addInts(1).addInts(0).addInts(0))));
        assertTrue(pads.startsWith("node 'block1.conv' (Conv) has pads [1, 1, 0, 0] (begin and end per axis);"
                + " defrost's convolutions have group 1"), pads);
        String same = message(OnnxImportGraphTest.editNode(m, "block2.conv", c -> c.addAttribute(
                AttributeProto.newBuilder().setName("auto_pad").setType(AttributeProto.AttributeType.STRING)
                        .setS(com.google.protobuf.ByteString.copyFromUtf8("SAME_UPPER")))));
        assertTrue(same.startsWith("node 'block2.conv' (Conv) has auto_pad=SAME_UPPER"), same);
    }

    @Test
    void anotherBatchNormEpsilonIsMovedIntoTheRunningVariance() throws Exception {
        BlockNetwork n = networks().get(0);
        ModelProto m = OnnxImportGraphTest.editNode(OnnxExport.toModel(n), "block1.bn", c -> c.setAttribute(0,
                AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT).setF(1e-3f)));
        BlockNetwork back = OnnxImport.readBlocks(write(m)).network();
        float[] variance = n.parameters().tensors(1, 1).get(3).data;
        float[] shifted = back.parameters().tensors(1, 1).get(3).data;
        for (int c = 0; c < variance.length; c++) {
            assertEquals((float) (variance[c] + (double) 1e-3f - 1e-5), shifted[c]);
        }
    }

    @Test
    void batchNormAfterTheActivationAndAGraphEndingInAConvBlockAreRefused() throws Exception {
        ModelProto m = OnnxExport.toModel(networks().get(0));
        GraphProto.Builder g = m.getGraph().toBuilder();
        // conv -> relu -> bn: swap the bn and relu nodes' places in the chain
        rewire(g, "block1.bn", "block1.a", "block1.1");
        rewire(g, "block1.relu", "block1.0", "block1.a");
        rewire(g, "block1.maxpool", "block1.1", "block1.2");
        String bn = message(m.toBuilder().setGraph(g).build());
        assertTrue(bn.startsWith("node 'block1.bn' (BatchNormalization) is not right after a Conv, Gemm or MatMul"),
                bn);
        BlockNetwork convOnly = network("[conv 2 3x3]", new ImageShape(1, 4, 4), 2, Activation.RELU);
        GraphProto.Builder cut = OnnxExport.toModel(convOnly).getGraph().toBuilder();
        cut.removeNode(cut.getNodeCount() - 1).removeNode(cut.getNodeCount() - 1);
        cut.setNode(cut.getNodeCount() - 1, cut.getNode(cut.getNodeCount() - 1).toBuilder().setOutput(0, "logits"));
        String end = message(OnnxExport.toModel(convOnly).toBuilder().setGraph(cut).build());
        assertTrue(end.startsWith("the graph ends with the conv block of node 'block1.conv' (Conv); defrost's readout"
                + " is a dense layer"), end);
    }

    /** Moves the pooling node of block 1 before its activation: conv -> pool -> activation -> next. */
    private static ModelProto poolBeforeActivation(ModelProto m) {
        GraphProto.Builder g = m.getGraph().toBuilder();
        String pool = g.getNodeList().stream().filter(n -> n.getOpType().endsWith("Pool")).findFirst().orElseThrow()
                .getName();
        rewire(g, pool, "block1.0", "block1.p");
        rewire(g, "block1.relu", "block1.p", "block1.1");
        return m.toBuilder().setGraph(g).build();
    }

    /** Sets node {@code name}'s data input and output. */
    private static void rewire(GraphProto.Builder g, String name, String in, String out) {
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getName().equals(name)) {
                g.setNode(i, g.getNode(i).toBuilder().setInput(0, in).setOutput(0, out));
            }
        }
    }

    private Path write(ModelProto m) throws IOException {
        Path file = dir.resolve("edited.onnx");
        Files.write(file, m.toByteArray());
        return file;
    }

    private String message(ModelProto m) throws IOException {
        Path file = write(m);
        String msg = assertThrows(OnnxImportException.class, () -> OnnxImport.readBlocks(file)).getMessage();
        assertTrue(msg.startsWith(file + ": "), msg);
        return msg.substring(file.toString().length() + 2);
    }
}
