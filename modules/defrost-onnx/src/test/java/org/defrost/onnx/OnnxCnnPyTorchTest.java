package org.defrost.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.ImageShape;
import org.defrost.nn.io.BlockNetworkIo;
import org.defrost.npy.Npy;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Imports CNNs that PyTorch exported ({@code export_cnns.py}, run once for the class), compares the forward pass
 * with PyTorch's, exports them again, and checks the refused files' messages.
 */
class OnnxCnnPyTorchTest {
    private static final String[] MODELS = {"conv_bn_relu_maxpool", "conv_relu_avgpool_conv_relu_gap_linear",
            "tanh_conv_dense_bn", "sigmoid_valid_conv_two_dense", "dense_bn_fresh_statistics"};

    @TempDir
    static Path dir;

    @BeforeAll
    static void exportFromPyTorch() throws Exception {
        SystemPython.run("export_cnns.py", List.of(dir.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv_bn_relu_maxpool", "conv_relu_avgpool_conv_relu_gap_linear", "tanh_conv_dense_bn",
            "sigmoid_valid_conv_two_dense", "dense_bn_fresh_statistics"})
    void forwardPassOnNhwcImagesMatchesPyTorchWithin1e4(String name) throws Exception {
        OnnxBlockNetwork imported = OnnxImport.readBlocks(dir.resolve(name + ".onnx"));
        FMatrixRMaj nchw = Npy.readFMatrix(dir.resolve(name + ".inputs.npy"));
        FMatrixRMaj expected = Npy.readFMatrix(dir.resolve(name + ".outputs.npy"));
        FMatrixRMaj actual = imported.network().outputs(imported.toNhwc(nchw), KernelThreads.single());
        assertEquals(expected.numRows, actual.numRows);
        assertEquals(expected.numCols, actual.numCols);
        double max = 0;
        double scale = 0;
        for (int i = 0; i < expected.data.length; i++) {
            max = Math.max(max, Math.abs(expected.data[i] - actual.data[i]));
            scale = Math.max(scale, Math.abs(expected.data[i]));
        }
        assertTrue(max <= 1e-4, name + ": max |defrost - PyTorch| = " + max);
        assertTrue(scale > 1e-2, "outputs too small to tell networks apart");
        ImageShape input = imported.network().architecture().input();
        if (input.channels() > 1 && input.pixels() > 1) {
            // the NCHW rows as they are (without toNhwc) give other outputs: the layout conversion matters
            assertFalse(java.util.Arrays.equals(actual.data,
                    imported.network().outputs(nchw, KernelThreads.single()).data), name);
        }
    }

    @Test
    void convBatchNormReluMaxPoolIsOneConvBlockWithTheConvBiasMovedIntoTheMean() throws Exception {
        OnnxBlockNetwork imported = OnnxImport.readBlocks(dir.resolve("conv_bn_relu_maxpool.onnx"));
        Architecture a = imported.network().architecture();
        assertEquals(new ImageShape(3, 7, 7), a.input());
        assertEquals("[conv 4 3x3, bn, pool 2]", a.text());
        assertEquals(Activation.RELU, a.activation());
        assertEquals(Head.SOFTMAX_CROSS_ENTROPY, a.head());
        assertEquals(List.of("node '/0/Conv' (Conv)", "node '/1/BatchNormalization' (BatchNormalization)",
                "node '/2/Relu' (Relu)", "node '/3/MaxPool' (MaxPool)"), imported.blocks().get(0).nodes());
        assertEquals(List.of("node '/4/Flatten' (Flatten)", "node '/5/Gemm' (Gemm)"),
                imported.blocks().get(1).nodes());
        String text = imported.describe();
        assertTrue(text.contains("input: 'input' [?, 3, 7, 7] -> image 3×7×7"), text);
        assertTrue(text.contains("conv block 1 (3×7×7 -> 4×3×3: conv 4 3x3, bn, relu, pool 2): node '/0/Conv' (Conv),"),
                text);
        assertTrue(text.contains("readout (4×3×3 -> 3×1×1: dense 3): node '/4/Flatten' (Flatten)"), text);
        assertEquals(1, imported.network().parameters().tensors(1, 0).size(), "the conv has no bias of its own");
    }

    @Test
    void averagePoolingWithItsZeroPadAndGlobalAveragePoolingEndTheirBlocks() throws Exception {
        OnnxBlockNetwork imported = OnnxImport.readBlocks(dir.resolve("conv_relu_avgpool_conv_relu_gap_linear.onnx"));
        assertEquals("[conv 5 3x3 stride 2, avgpool 2, conv 6 3x3, gap]", imported.network().architecture().text());
        List<String> first = imported.blocks().get(0).nodes();
        assertTrue(first.get(first.size() - 2).endsWith("(Pad)") && first.get(first.size() - 1).endsWith(
                "(AveragePool)"), first.toString());
        assertEquals(new ImageShape(6, 1, 1), imported.network().architecture().outputOf(2));
    }

    @Test
    void aDenseBlockWithBatchNormAfterAFlattenedImageIsADenseBlock() throws Exception {
        OnnxBlockNetwork imported = OnnxImport.readBlocks(dir.resolve("tanh_conv_dense_bn.onnx"));
        Architecture a = imported.network().architecture();
        assertEquals("[conv 4 5x5, pool 3 stride 2, dense 8, bn]", a.text());
        assertEquals(Activation.TANH, a.activation());
        assertEquals(Head.BINARY_LOGISTIC, a.head());
        assertEquals("dense block 2", imported.blocks().get(1).name());
    }

    @Test
    void identityNodesOfConstantsAreConstantsAndADenseChainWithBatchNormIsABlockNetwork() throws Exception {
        OnnxModel imported = OnnxImport.readAny(dir.resolve("dense_bn_fresh_statistics.onnx"));
        Architecture a = assertInstanceOf(OnnxBlockNetwork.class, imported).network().architecture();
        assertEquals(ImageShape.flat(6), a.input());
        assertEquals("[dense 5, bn]", a.text());
    }

    @Test
    void readAnyGivesABlockNetworkAndReadRefusesTheCnnNamingReadBlocks() throws Exception {
        Path file = dir.resolve("sigmoid_valid_conv_two_dense.onnx");
        assertInstanceOf(OnnxBlockNetwork.class, OnnxImport.readAny(file));
        String m = assertThrows(OnnxImportException.class, () -> OnnxImport.read(file)).getMessage();
        assertTrue(m.contains("convolutional or batch-normalised blocks") && m.contains("defrost onnx import writes one"), m);
    }

    @Test
    void reexportingAnImportGivesBitIdenticalOutputsAndTheCheckerAcceptsIt() throws Exception {
        List<String> files = new ArrayList<>();
        for (String name : MODELS) {
            OnnxBlockNetwork imported = OnnxImport.readBlocks(dir.resolve(name + ".onnx"));
            imported.network().setFrozen(1, true);
            Path file = dir.resolve(name + ".defrost.onnx");
            OnnxExport.write(imported.network(), file);
            files.add(file.toString());
            BlockNetwork back = OnnxImport.readBlocks(file).network();
            assertEquals(imported.network().architecture(), back.architecture(), name);
            assertTrue(back.isFrozen(1) && !back.isFrozen(2), name);
            FMatrixRMaj x = imported.toNhwc(Npy.readFMatrix(dir.resolve(name + ".inputs.npy")));
            assertArrayEquals(imported.network().outputs(x, KernelThreads.single()).data,
                    back.outputs(x, KernelThreads.single()).data, name);
        }
        SystemPython.assertCheckerAccepts(files);
    }

    @Test
    void anImportSavedWithBlockNetworkIoLoadsAsTheSameSourceNetwork() throws Exception {
        OnnxBlockNetwork imported = OnnxImport.readBlocks(dir.resolve("conv_bn_relu_maxpool.onnx"));
        Path saved = dir.resolve("saved");
        BlockNetworkIo.save(imported.network(), saved, Map.of("blocks", imported.nodeGroups()));
        BlockNetwork loaded = BlockNetworkIo.load(saved);
        FMatrixRMaj x = imported.toNhwc(Npy.readFMatrix(dir.resolve("conv_bn_relu_maxpool.inputs.npy")));
        assertArrayEquals(imported.network().outputs(x, KernelThreads.single()).data,
                loaded.outputs(x, KernelThreads.single()).data);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bad_group|node '/0/Conv' (Conv) has group=2; defrost's convolutions have group 1",
        "bad_dilation|node '/0/Conv' (Conv) has dilations [2, 2]; defrost's convolutions have group 1",
        "bad_ceil_mode|node '/2/MaxPool' (MaxPool) has ceil_mode=1, which on a 2×7×7 image adds a partial window",
        "bad_residual_cnn|branching graph: value 'input' (the graph input) is read by 2 nodes: node '/conv/Conv'"
            + " (Conv), node '/Add' (Add)",
        "bad_dynamic_image|input 'input' has a dynamic dimension at axis 2 ('height') and rank 4, so the image"
            + " shape cannot be fixed"})
    void refusedFilesNameTheNodeAndWhatIsSupported(String nameAndMessage) {
        String[] parts = nameAndMessage.split("\\|");
        Path file = dir.resolve(parts[0] + ".onnx");
        String m = assertThrows(OnnxImportException.class, () -> OnnxImport.readBlocks(file)).getMessage();
        assertTrue(m.startsWith(file + ": " + parts[1]), m);
    }
}
