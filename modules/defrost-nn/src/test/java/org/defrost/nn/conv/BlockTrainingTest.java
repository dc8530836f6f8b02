package org.defrost.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.train.Optimizer;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.nn.train.TrainingResult;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class BlockTrainingTest {
    private static final ImageShape IMAGE = new ImageShape(1, 8, 8);
    private static final String BLOCKS = "[conv 6 3x3, bn, pool 2, conv 16 3x3, pool 2, dense 12, bn]";

    /** Class 1: a bright 2×2 square in the left half; class 0: in the right half; plus noise. */
    private static Dataset squares(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrixRMaj x = new FMatrixRMaj(n, IMAGE.size());
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            for (int p = 0; p < IMAGE.size(); p++) {
                x.data[i * IMAGE.size() + p] = (float) (0.3 * r.nextGaussian());
            }
            int top = r.nextInt(7);
            int left = y[i] == 1 ? r.nextInt(3) : 4 + r.nextInt(3);
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    x.data[i * IMAGE.size() + (top + dy) * 8 + left + dx] += 2f;
                }
            }
        }
        return new Dataset(x, y);
    }

    private static Architecture architecture() {
        return Architecture.parse(BLOCKS, IMAGE, 2);
    }

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.defaults().withLearningRate(0.01).withBatchSize(16).withMaxEpochs(epochs);
    }

    @Test
    void aTinyCnnReachesZeroTrainingErrorOnSeparableImages() {
        Dataset train = squares(48, 1);
        BlockNetwork n = BlockNetwork.build(architecture(), Seed.of(3));
        new BlockTrainer(config(40), r -> { }).train(n, train, null, Seed.of(4), KernelThreads.single());
        assertEquals(0, n.evaluate(train, KernelThreads.single()).errors());
        assertTrue(n.evaluate(squares(200, 2), KernelThreads.single()).error() < 0.1, "generalises to fresh images");
    }

    @Test
    void frozenBlocksStayBitIdenticalIncludingTheirStatistics() {
        BlockNetwork n = BlockNetwork.build(architecture(), Seed.of(5));
        n.freezeThrough(2);
        BlockNetwork before = n.copy();
        new BlockTrainer(config(3).withCacheFrozenPrefix(false), r -> { })
                .train(n, squares(40, 6), squares(20, 7), Seed.of(8), KernelThreads.single());
        for (int b = 1; b <= 2; b++) {
            assertTensorsEqual(before.parameters().all(b), n.parameters().all(b), "block " + b);
        }
        assertFalse(Arrays.equals(before.parameters().all(3).get(0).data, n.parameters().all(3).get(0).data),
                "the trainable block moved");
        assertFalse(Arrays.equals(before.parameters().all(3).get(3).data, n.parameters().all(3).get(3).data),
                "the trainable block's running mean moved");
    }

    @Test
    void cachedPrefixTrainingEqualsFullPropagationBitForBit() {
        Dataset train = squares(40, 9);
        Dataset validation = squares(24, 10);
        BlockNetwork full = BlockNetwork.build(architecture(), Seed.of(11));
        full.freezeThrough(1);
        BlockNetwork cached = full.copy();
        TrainingResult a = new BlockTrainer(config(4).withCacheFrozenPrefix(false), r -> { })
                .train(full, train, validation, Seed.of(12), KernelThreads.single());
        TrainingResult b = new BlockTrainer(config(4).withCacheFrozenPrefix(true), r -> { })
                .train(cached, train, validation, Seed.of(12), KernelThreads.single());
        assertEquals(0, a.cachedPrefixDepth());
        assertEquals(1, b.cachedPrefixDepth());
        for (int blk = 1; blk <= full.blockCount(); blk++) {
            assertTensorsEqual(full.parameters().all(blk), cached.parameters().all(blk), "block " + blk);
        }
        assertEquals(a.history().get(3).validationLoss(), b.history().get(3).validationLoss());
        FMatrixRMaj features = cached.prefixFeatures(1, train.inputs(), KernelThreads.single());
        assertEquals(architecture().outputOf(1).size(), features.numCols);
    }

    @Test
    void oneSeedGivesBitIdenticalTrainingForAnyThreadCount() {
        Dataset train = squares(64, 13);
        Architecture wide = Architecture.parse("[conv 32 3x3, bn, pool 2, conv 32 3x3, dense 16]", IMAGE, 2);
        BlockNetwork one = BlockNetwork.build(wide, Seed.of(14));
        BlockNetwork three = BlockNetwork.build(wide, Seed.of(14));
        TrainingConfig c = config(2).withBatchSize(64).withOptimizer(Optimizer.sgd(0.9, true));
        new BlockTrainer(c, r -> { }).train(one, train, null, Seed.of(15), KernelThreads.single());
        try (KernelThreads t = KernelThreads.of(3)) {
            new BlockTrainer(c, r -> { }).train(three, train, null, Seed.of(15), t);
        }
        for (int b = 1; b <= one.blockCount(); b++) {
            assertTensorsEqual(one.parameters().all(b), three.parameters().all(b), "block " + b);
        }
        BlockNetwork other = BlockNetwork.build(wide, Seed.of(14));
        new BlockTrainer(c, r -> { }).train(other, train, null, Seed.of(16), KernelThreads.single());
        assertFalse(Arrays.equals(one.parameters().all(1).get(0).data, other.parameters().all(1).get(0).data),
                "another minibatch order gives other weights");
    }

    @Test
    void blockInitialisationIsIndependentOfTheOtherBlocks() {
        BlockNetwork a = BlockNetwork.build(architecture(), Seed.of(20));
        BlockNetwork b = BlockNetwork.build(Architecture.parse("[conv 6 3x3, bn, pool 2, conv 16 3x3, pool 2]", IMAGE, 2),
                Seed.of(20));
        assertTensorsEqual(a.parameters().all(2), b.parameters().all(2), "block 2");
        b.reinitialize(2, Seed.of(21));
        b.reinitialize(2, Seed.of(20));
        assertTensorsEqual(a.parameters().all(2), b.parameters().all(2), "block 2 redrawn");
    }

    @Test
    void memoryEstimateCountsTensorsAndActivationsPerRow() {
        Architecture a = Architecture.parse("[conv 2 3x3, pool 2]", new ImageShape(1, 4, 4), 3);
        BlockNetwork n = BlockNetwork.build(a, Seed.of(1));
        // tensors: conv 9×2 + 2, readout 8×3 + 3 = 47 values, four copies
        // per row: input 16; conv (stride 1, its input gradient a convolution): 2·32 out + 16 in; pool: 2·8 + 32;
        // readout: 2·3 + 8
        long perRow = 16 + (64 + 16) + (16 + 32) + (6 + 8);
        assertEquals(4L * (4 * 47 + perRow * 10), n.estimatedMemoryBytes(10));
        // stride 2: a 2×2 output whose lowered gradient (4 pixels × 9 values) is scattered back
        BlockNetwork strided = BlockNetwork.build(Architecture.parse("[conv 2 3x3 stride 2]", new ImageShape(1, 4, 4),
                3), Seed.of(1));
        long stridedPerRow = 16 + (16 + 16 + 36) + (6 + 8);
        assertEquals(4L * (4 * 47 + stridedPerRow * 10), strided.estimatedMemoryBytes(10));
    }

    @Test
    void rejectsDataOfAnotherShapeAndAFullyFrozenNetwork() {
        BlockNetwork n = BlockNetwork.build(architecture(), Seed.of(1));
        Dataset wrong = new Dataset(new FMatrixRMaj(4, 10), new int[4]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new BlockTrainer(config(1), r -> { }).train(n, wrong, null, Seed.of(1), KernelThreads.single()));
        assertTrue(e.getMessage().contains("1×8×8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> n.freezeThrough(4));
    }

    private static void assertTensorsEqual(List<FMatrixRMaj> expected, List<FMatrixRMaj> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).data, actual.get(i).data, what + " tensor " + i);
        }
    }
}
