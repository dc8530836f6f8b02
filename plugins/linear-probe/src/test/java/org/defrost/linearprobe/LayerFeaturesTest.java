package org.defrost.linearprobe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class LayerFeaturesTest {
    @Test
    void blockwiseFeaturesEqualTheWholeBatchActivationsOfEveryLayer() {
        Network network = Network.build(NetworkSpec.of(7, List.of(5, 3), 1), Seed.of(11));
        int rows = LayerFeatures.BLOCK_ROWS * 2 + 37;
        FMatrixRMaj inputs = new FMatrixRMaj(rows, 7);
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < inputs.data.length; i++) {
            inputs.data[i] = (float) rng.nextGaussian();
        }
        FMatrixRMaj before = inputs.copy();
        List<FMatrixRMaj> whole = network.activations(inputs, KernelThreads.single());
        for (int layer = 0; layer <= 2; layer++) {
            FMatrixRMaj f = LayerFeatures.of(network, layer, inputs, KernelThreads.single(), () -> false);
            assertEquals(rows, f.numRows);
            assertEquals(network.spec().width(layer), f.numCols);
            assertArrayEquals(whole.get(layer).data, f.data, "layer " + layer);
        }
        assertArrayEquals(before.data, inputs.data, "inputs are not modified");
    }
}
