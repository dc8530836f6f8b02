package org.defrost.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.npy.Npy;
import org.defrost.nn.Activation;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.ImageShape;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockNetworkIoTest {
    @TempDir
    Path dir;

    @Test
    void roundTripIsExactWithFrozenFlagsAndStatistics() throws IOException {
        Architecture a = Architecture.parse("[conv 4 3x3 stride 2, bn, avgpool 2, dense 6, bn]",
                new ImageShape(3, 9, 9), 5).withActivation(Activation.TANH);
        BlockNetwork n = BlockNetwork.build(a, Seed.of(3));
        n.parameters().tensors(1, 1).get(3).data[2] = 0.25f; // a running variance away from its initial value
        n.freezeThrough(1);
        BlockNetworkIo.save(n, dir, Map.of("seed", 3));
        BlockNetwork back = BlockNetworkIo.load(dir);
        assertEquals(a, back.architecture());
        assertTrue(back.isFrozen(1));
        for (int b = 1; b <= n.blockCount(); b++) {
            List<FMatrixRMaj> expected = n.parameters().all(b);
            List<FMatrixRMaj> actual = back.parameters().all(b);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i).data, actual.get(i).data, "block " + b + " tensor " + i);
            }
            assertEquals(n.isFrozen(b), back.isFrozen(b));
        }
        assertArrayEquals(new int[] {3 * 3 * 3, 4}, Npy.read(dir.resolve("block-1.layer-0.weight.npy")).shape());
    }

    @Test
    void aTensorOfTheWrongShapeIsNamed() throws IOException {
        BlockNetwork n = BlockNetwork.build(Architecture.parse("[conv 2 3x3]", new ImageShape(1, 4, 4), 3), Seed.of(1));
        BlockNetworkIo.save(n, dir, Map.of());
        Npy.write(dir.resolve("block-1.layer-0.weight.npy"), new FMatrixRMaj(3, 3));
        IOException e = assertThrows(IOException.class, () -> BlockNetworkIo.load(dir));
        assertTrue(e.getMessage().contains("block-1.layer-0.weight.npy has shape [3, 3], expected (9, 2)"),
                e.getMessage());
    }
}
