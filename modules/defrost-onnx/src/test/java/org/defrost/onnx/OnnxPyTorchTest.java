package org.defrost.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.Network;
import org.defrost.npy.Npy;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imports MLPs that PyTorch exported ({@code export_mlps.py}) and compares the forward pass with PyTorch's. */
class OnnxPyTorchTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void exportFromPyTorch() throws Exception {
        SystemPython.run("export_mlps.py", List.of(dir.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu_gemm", "tanh_flatten_no_bias", "sigmoid_matmul_add", "erf_mixed",
            "relu_some_bias"})
    void forwardPassMatchesPyTorchWithin1e4(String name) throws Exception {
        OnnxNetwork imported = OnnxImport.read(dir.resolve(name + ".onnx"));
        FMatrixRMaj x = Npy.readFMatrix(dir.resolve(name + ".inputs.npy"));
        FMatrixRMaj expected = Npy.readFMatrix(dir.resolve(name + ".outputs.npy"));
        imported.requireInputWidth(x.numCols, name + ".inputs.npy");
        FMatrixRMaj actual = imported.network().outputs(x, KernelThreads.single());
        assertEquals(expected.numRows, actual.numRows);
        assertEquals(expected.numCols, actual.numCols);
        double max = 0;
        for (int i = 0; i < expected.data.length; i++) {
            max = Math.max(max, Math.abs(expected.data[i] - actual.data[i]));
        }
        assertTrue(max <= 1e-4, name + ": max |defrost - PyTorch| = " + max);
        assertTrue(maxAbs(expected) > 1e-2, "outputs too small to tell networks apart");
    }

    @Test
    void gemmChainMapsEachLinearAndReluOntoOneLayer() throws Exception {
        OnnxNetwork imported = OnnxImport.read(dir.resolve("relu_gemm.onnx"));
        Network n = imported.network();
        assertEquals(List.of(8, 8), n.spec().hiddenWidths());
        assertEquals(6, n.spec().inputDim());
        assertEquals(Activation.RELU, n.spec().activation());
        assertEquals(Head.SOFTMAX_CROSS_ENTROPY, n.spec().head());
        assertEquals(List.of("node '/0/Gemm' (Gemm)", "node '/1/Relu' (Relu)"), imported.layers().get(0).nodes());
        assertEquals(List.of("node '/5/Gemm' (Gemm)"), imported.layers().get(2).nodes());
        assertEquals(List.of(-1L, 6L), imported.inputShape());
        assertTrue(imported.describe().contains("layer 3 (readout, 8 -> 3, bias): node '/5/Gemm' (Gemm)"),
                imported.describe());
        assertFalse(n.isFrozen(1));
    }

    @Test
    void flattenAndBiasFreeMatMulsGiveABiasFreeNetwork() throws Exception {
        OnnxNetwork imported = OnnxImport.read(dir.resolve("tanh_flatten_no_bias.onnx"));
        assertFalse(imported.network().spec().bias());
        assertEquals(Activation.TANH, imported.network().spec().activation());
        assertEquals(Head.BINARY_LOGISTIC, imported.network().spec().head());
        assertEquals(6, imported.inputWidth());
        assertEquals("node '/0/Flatten' (Flatten)", imported.layers().get(0).nodes().get(0));
    }

    @Test
    void aBiasFreeLayerAmongBiasedOnesGetsAZeroBias() throws Exception {
        OnnxNetwork imported = OnnxImport.read(dir.resolve("relu_some_bias.onnx"));
        assertTrue(imported.network().spec().bias());
        assertFalse(imported.layers().get(1).bias());
        for (float b : imported.network().bias(2).data) {
            assertEquals(0f, b);
        }
    }

    @Test
    void divBySqrt2ThenErfIsTheErfActivation() throws Exception {
        OnnxNetwork imported = OnnxImport.read(dir.resolve("erf_mixed.onnx"));
        assertEquals(Activation.ERF, imported.network().spec().activation());
        List<String> first = imported.layers().get(0).nodes();
        assertEquals(4, first.size(), first.toString());
        assertTrue(first.get(0).endsWith("(MatMul)") && first.get(1).endsWith("(Add)")
                && first.get(2).endsWith("(Div)") && first.get(3).endsWith("(Erf)"), first.toString());
    }

    @Test
    void aResidualConnectionIsABranchingGraph() {
        OnnxImportException e = assertThrows(OnnxImportException.class,
                () -> OnnxImport.read(dir.resolve("bad_residual.onnx")));
        assertTrue(e.getMessage().contains("branching graph: value 'input' (the graph input) is read by 2 nodes:"
                + " node '/a/Gemm' (Gemm), node '/Add' (Add)"), e.getMessage());
    }

    @Test
    void aSoftmaxIsNamedAsUnsupported() {
        OnnxImportException e = assertThrows(OnnxImportException.class,
                () -> OnnxImport.read(dir.resolve("bad_softmax.onnx")));
        assertTrue(e.getMessage().contains("node '/1/Softmax' (Softmax): operator Softmax is not supported."
                + " Supported: Gemm, MatMul"), e.getMessage());
    }

    @Test
    void aDynamicFeatureAxisBeforeFlattenCannotBeFixed() {
        OnnxImportException e = assertThrows(OnnxImportException.class,
                () -> OnnxImport.read(dir.resolve("bad_dynamic_width.onnx")));
        assertTrue(e.getMessage().contains("input 'input' has a dynamic dimension at axis 2 ('width')"),
                e.getMessage());
    }

    @Test
    void dataOfTheWrongWidthIsRefusedNamingBothWidths() throws Exception {
        OnnxNetwork imported = OnnxImport.read(dir.resolve("relu_gemm.onnx"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> imported.requireInputWidth(7, "X.npy"));
        assertTrue(e.getMessage().startsWith("X.npy has 7 features per row, but the ONNX model "), e.getMessage());
        assertTrue(e.getMessage().contains("takes 6 (input 'input' of shape [?, 6]"), e.getMessage());
    }

    private static double maxAbs(FMatrixRMaj m) {
        double max = 0;
        for (float v : m.data) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
