package org.defrost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.Init;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.onnx.proto.OnnxProto.ModelProto;
import org.defrost.onnx.proto.OnnxProto.NodeProto;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports of defrost networks: accepted by onnx's checker, and re-imported to the same network. */
class OnnxExportTest {
    @TempDir
    Path dir;

    /** Every activation, with and without biases, binary and multi-class readouts, one layer frozen. */
    static List<Network> networks() {
        List<Network> out = new ArrayList<>();
        int i = 0;
        for (Activation a : Activation.values()) {
            for (boolean bias : new boolean[] {true, false}) {
                int k = i % 2 == 0 ? 3 : 1;
                NetworkSpec spec = NetworkSpec.of(5, List.of(7, 4), k).withActivation(a).withBias(bias)
                        .withInit(Init.xavierNormal());
                Network n = Network.build(spec, Seed.of(11 + i));
                if (bias) {
                    SplittableRandom g = Seed.of(90 + i).generator();
                    for (int layer = 1; layer <= n.layerCount(); layer++) {
                        for (int j = 0; j < n.bias(layer).data.length; j++) {
                            n.bias(layer).data[j] = (float) g.nextDouble(-0.5, 0.5);
                        }
                    }
                }
                n.setFrozen(1, true);
                out.add(n);
                i++;
            }
        }
        return out;
    }

    @Test
    void reimportingAnExportGivesTheSameNetworkAndBitIdenticalOutputs() throws Exception {
        FMatrixRMaj x = inputs(9, 5);
        int i = 0;
        for (Network n : networks()) {
            Path file = dir.resolve("n" + i++ + ".onnx");
            OnnxExport.write(n, file);
            OnnxNetwork back = OnnxImport.read(file);
            assertEquals(n.spec(), back.network().spec(), file.toString());
            for (int k = 1; k <= n.layerCount(); k++) {
                assertArrayEquals(n.weight(k).data, back.network().weight(k).data);
                assertEquals(n.isFrozen(k), back.network().isFrozen(k));
            }
            assertArrayEquals(n.outputs(x, KernelThreads.single()).data,
                    back.network().outputs(x, KernelThreads.single()).data, n.spec().activation() + " " + file);
        }
    }

    @Test
    void onnxCheckerAcceptsEveryExport() throws Exception {
        List<String> files = new ArrayList<>();
        int i = 0;
        for (Network n : networks()) {
            Path file = dir.resolve("n" + i++ + ".onnx");
            OnnxExport.write(n, file);
            files.add(file.toString());
        }
        SystemPython.assertCheckerAccepts(files);
    }

    @Test
    void exportWritesOneGemmPerLayerAndTheActivationNodes() {
        Network erf = Network.build(NetworkSpec.of(3, List.of(4), 2).withActivation(Activation.ERF), Seed.of(1));
        ModelProto m = OnnxExport.toModel(erf);
        List<String> ops = new ArrayList<>();
        for (NodeProto node : m.getGraph().getNodeList()) {
            ops.add(node.getName() + ":" + node.getOpType());
        }
        assertEquals(List.of("layer1.gemm:Gemm", "layer1.div:Div", "layer1.erf:Erf", "layer2.gemm:Gemm"), ops);
        assertEquals(OnnxExport.OPSET, m.getOpsetImport(0).getVersion());
        assertEquals("logits", m.getGraph().getOutput(0).getName());
        Network linear = Network.build(NetworkSpec.of(3, List.of(4), 1).withActivation(Activation.LINEAR)
                .withHead(Head.MEAN_SQUARED_ERROR).withBias(false), Seed.of(1));
        ModelProto l = OnnxExport.toModel(linear);
        assertEquals(2, l.getGraph().getNodeCount());
        assertEquals(2, l.getGraph().getNode(0).getInputCount());
        assertFalse(l.getGraph().getInitializerList().stream().anyMatch(t -> t.getName().endsWith(".bias")));
    }

    static FMatrixRMaj inputs(int rows, int cols) {
        FMatrixRMaj x = new FMatrixRMaj(rows, cols);
        SplittableRandom g = Seed.of(5).generator();
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) g.nextDouble(-3, 3);
        }
        return x;
    }
}
