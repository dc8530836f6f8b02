package org.defrost.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.npy.Npy;
import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.defrost.nn.Init;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.spi.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkIoTest {
    @TempDir
    Path dir;

    @Test
    void roundTripIsExactIncludingFrozenFlagsAndProvenance() throws IOException {
        NetworkSpec spec = new NetworkSpec(5, List.of(4, 3), 3, Activation.ERF, Head.MEAN_SQUARED_ERROR,
                Init.normal(0.3), true);
        Network n = Network.build(spec, Seed.of(3));
        n.bias(2).fill(-0.125f);
        n.bias(1).data[0] = Float.MIN_VALUE;
        n.setFrozen(1, true);
        NetworkIo.save(n, dir, Map.of("seed", 3, "note", "test", "history", List.of(1.5, 2.5)));
        Network back = NetworkIo.load(dir);
        assertEquals(spec, back.spec());
        for (int k = 1; k <= n.layerCount(); k++) {
            assertArrayEquals(n.weight(k).data, back.weight(k).data);
            assertArrayEquals(n.bias(k).data, back.bias(k).data);
            assertEquals(n.isFrozen(k), back.isFrozen(k));
        }
        JsonNode provenance = NetworkIo.readProvenance(dir);
        assertEquals(3, provenance.get("seed").asInt());
        assertEquals(2.5, provenance.get("history").get(1).asDouble());
    }

    @Test
    void tensorsAreFloat32NpyFilesWithWeightsInByOut() throws IOException {
        Network n = Network.build(NetworkSpec.of(5, List.of(4), 1), Seed.of(4));
        NetworkIo.save(n, dir, Map.of());
        assertArrayEquals(new int[] {5, 4}, Npy.read(dir.resolve("layer-1.weight.npy")).shape());
        assertArrayEquals(new int[] {4}, Npy.read(dir.resolve("layer-1.bias.npy")).shape());
        assertArrayEquals(new int[] {4, 1}, Npy.read(dir.resolve("layer-2.weight.npy")).shape());
        assertEquals("<f4", Npy.read(dir.resolve("layer-2.weight.npy")).dtype());
        String json = Files.readString(dir.resolve(NetworkIo.JSON));
        assertTrue(json.contains("\"weightLayout\" : \"in_by_out\""), json);
    }

    @Test
    void biasFreeNetworksWriteNoBiasFiles() throws IOException {
        Network n = Network.build(NetworkSpec.of(5, List.of(4), 2).withBias(false), Seed.of(5));
        NetworkIo.save(n, dir, null);
        assertFalse(Files.exists(dir.resolve("layer-1.bias.npy")));
        assertArrayEquals(n.weight(2).data, NetworkIo.load(dir).weight(2).data);
    }

    @Test
    void mismatchedTensorShapesAreReportedWithTheFileName() throws IOException {
        Network n = Network.build(NetworkSpec.of(5, List.of(4), 2), Seed.of(6));
        NetworkIo.save(n, dir, Map.of());
        Npy.write(dir.resolve("layer-1.weight.npy"), new float[20], 4, 5);
        IOException e = assertThrows(IOException.class, () -> NetworkIo.load(dir));
        assertTrue(e.getMessage().contains("layer-1.weight.npy") && e.getMessage().contains("(5, 4)"), e.getMessage());
    }
}
