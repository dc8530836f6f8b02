package org.defrost.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.cli.CommandLineTest.Result;
import org.defrost.nn.Activation;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.ImageShape;
import org.defrost.nn.io.BlockNetworkIo;
import org.defrost.nn.io.NetworkIo;
import org.defrost.spi.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code defrost onnx export/inspect/import}: a network directory survives the trip through ONNX. */
class OnnxCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportThenImportRestoresTheNetworkDirectoryAndInspectPrintsTheMapping() throws Exception {
        Network n = Network.build(NetworkSpec.of(4, List.of(5, 3), 2).withActivation(Activation.TANH), Seed.of(7));
        Path source = dir.resolve("source");
        NetworkIo.save(n, source, Map.of());
        Path onnx = dir.resolve("model.onnx");

        Result export = CommandLineTest.run("onnx", "export", source.toString(), onnx.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().startsWith("onnx: " + onnx + " (4 -> [5, 3] -> 2, tanh)"), export.out());

        Result inspect = CommandLineTest.run("onnx", "inspect", onnx.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("layer 2 (hidden, 5 -> 3, tanh, bias): node 'layer2.gemm' (Gemm),"
                + " node 'layer2.tanh' (Tanh)"), inspect.out());

        Path back = dir.resolve("back");
        Result imported = CommandLineTest.run("onnx", "import", onnx.toString(), back.toString());
        assertEquals(0, imported.code(), imported.err());
        Network m = NetworkIo.load(back);
        assertEquals(n.spec(), m.spec());
        for (int k = 1; k <= n.layerCount(); k++) {
            assertArrayEquals(n.weight(k).data, m.weight(k).data);
            assertArrayEquals(n.bias(k).data, m.bias(k).data);
        }
        assertEquals(onnx.toAbsolutePath().toString(), NetworkIo.readProvenance(back).path("importedFrom").asText());
    }

    @Test
    void aBlockNetworkDirectoryExportsAndImportsBackAsABlockNetwork() throws Exception {
        BlockNetwork n = BlockNetwork.build(Architecture.parse("[conv 3 3x3, bn, pool 2, dense 4]",
                new ImageShape(2, 6, 6), 3), Seed.of(5));
        n.setFrozen(1, true);
        Path source = dir.resolve("blocks");
        BlockNetworkIo.save(n, source, Map.of());
        Path onnx = dir.resolve("cnn.onnx");

        Result export = CommandLineTest.run("onnx", "export", source.toString(), onnx.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().startsWith("onnx: " + onnx + " (2×6×6 -> [conv 3 3x3, bn, pool 2, dense 4] -> 3,"
                + " relu)"), export.out());

        Result inspect = CommandLineTest.run("onnx", "inspect", onnx.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("conv block 1 (2×6×6 -> 3×3×3: conv 3 3x3, bn, relu, pool 2): node"
                + " 'block1.conv' (Conv), node 'block1.bn' (BatchNormalization), node 'block1.relu' (Relu),"
                + " node 'block1.maxpool' (MaxPool)"), inspect.out());

        Path back = dir.resolve("blocks-back");
        Result imported = CommandLineTest.run("onnx", "import", onnx.toString(), back.toString());
        assertEquals(0, imported.code(), imported.err());
        BlockNetwork m = BlockNetworkIo.load(back);
        assertEquals(n.architecture(), m.architecture());
        assertTrue(m.isFrozen(1));
        for (int b = 1; b <= n.blockCount(); b++) {
            for (int t = 0; t < n.parameters().all(b).size(); t++) {
                assertArrayEquals(n.parameters().all(b).get(t).data, m.parameters().all(b).get(t).data);
            }
        }
    }

    @Test
    void aFileThatIsNotOnnxExitsTwoWithTheReason() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "not a model\n");
        Result r = CommandLineTest.run("onnx", "inspect", text.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("defrost: " + text + ": not an ONNX model"), r.err());
        Result missing = CommandLineTest.run("onnx", "inspect", dir.resolve("absent.onnx").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("defrost: no such file: "), missing.err());
    }
}
