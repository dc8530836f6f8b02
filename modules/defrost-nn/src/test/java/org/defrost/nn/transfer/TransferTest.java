package org.defrost.nn.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.defrost.nn.Head;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class TransferTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(6, List.of(8, 7, 5), 1);
    private static final Seed TARGET_SEED = Seed.of(42);

    /** A source whose biases are non-zero, so that copying them is visible. */
    private static Network source() {
        Network s = Network.build(SPEC, Seed.of(1));
        for (int k = 1; k <= s.layerCount(); k++) {
            s.bias(k).fill(0.1f * k);
        }
        return s;
    }

    @Test
    void randomKeepsLayersUpToDepthFromTheSourceFrozenAndTheRestAsAScratchNetwork() {
        Network source = source();
        Network scratch = Network.build(SPEC, TARGET_SEED);
        for (int depth = 0; depth <= 3; depth++) {
            Network t = Transfer.build(source, depth, UnfrozenInit.RANDOM, TARGET_SEED);
            for (int k = 1; k <= 4; k++) {
                Network expected = k <= depth ? source : scratch;
                assertArrayEquals(expected.weight(k).data, t.weight(k).data, "depth " + depth + ", layer " + k);
                assertArrayEquals(expected.bias(k).data, t.bias(k).data, "depth " + depth + ", bias " + k);
                assertEquals(k <= depth, t.isFrozen(k), "depth " + depth + ", frozen flag of layer " + k);
            }
            assertEquals(depth, t.frozenPrefixDepth());
        }
    }

    @Test
    void pretrainedCopiesEveryHiddenLayerButFreezesOnlyUpToDepthAndRedrawsTheReadout() {
        Network source = source();
        for (int depth = 0; depth <= 3; depth++) {
            Network t = Transfer.build(source, depth, UnfrozenInit.PRETRAINED, TARGET_SEED);
            for (int k = 1; k <= 3; k++) {
                assertArrayEquals(source.weight(k).data, t.weight(k).data, "depth " + depth + ", layer " + k);
                assertEquals(k <= depth, t.isFrozen(k));
            }
            assertFalse(Arrays.equals(source.weight(4).data, t.weight(4).data), "readout must be fresh");
            assertArrayEquals(Network.build(SPEC, TARGET_SEED).weight(4).data, t.weight(4).data);
            assertArrayEquals(new float[1], t.bias(4).data, "fresh readout bias is zero");
            assertFalse(t.isFrozen(4));
        }
    }

    @Test
    void depthZeroWithRandomIsExactlyTheScratchBaseline() {
        Network t = Transfer.build(source(), 0, UnfrozenInit.RANDOM, TARGET_SEED);
        Network scratch = Network.build(SPEC, TARGET_SEED);
        for (int k = 1; k <= 4; k++) {
            assertArrayEquals(scratch.weight(k).data, t.weight(k).data);
            assertFalse(t.isFrozen(k));
        }
    }

    @Test
    void targetMayHaveAnotherReadoutButNotOtherHiddenLayers() {
        NetworkSpec tenClasses = SPEC.withOutput(10, Head.SOFTMAX_CROSS_ENTROPY);
        Network t = Transfer.build(source(), tenClasses, 2, UnfrozenInit.RANDOM, TARGET_SEED);
        assertEquals(10, t.weight(4).numCols);
        NetworkSpec wider = new NetworkSpec(6, List.of(9, 7, 5), 1, SPEC.activation(), SPEC.head(), SPEC.init(), true);
        assertThrows(IllegalArgumentException.class,
                () -> Transfer.build(source(), wider, 1, UnfrozenInit.RANDOM, TARGET_SEED));
        assertThrows(IllegalArgumentException.class, () -> Transfer.build(source(), 4, UnfrozenInit.RANDOM, TARGET_SEED));
    }

    @Test
    void reinitializeRedrawsALayerAsABuildWithThatSeedWould() {
        Network n = source();
        n.reinitialize(2, TARGET_SEED);
        FMatrixRMaj expected = Network.build(SPEC, TARGET_SEED).weight(2);
        assertArrayEquals(expected.data, n.weight(2).data);
        assertArrayEquals(new float[7], n.bias(2).data);
        assertArrayEquals(source().weight(1).data, n.weight(1).data, "other layers untouched");
    }
}
