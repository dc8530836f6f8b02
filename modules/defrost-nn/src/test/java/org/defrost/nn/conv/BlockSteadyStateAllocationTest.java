package org.defrost.nn.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.backend.FloatBackend;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/** A training step of a block network reuses its buffers: forward, loss, backward and update allocate nothing. */
class BlockSteadyStateAllocationTest {
    private static final int STEPS = 100;

    @Test
    void trainingStepsAllocateNothingOnceBuffersHaveGrown() {
        Architecture a = Architecture.parse("[conv 4 3x3, bn, pool 2, conv 6 3x3 stride 2, avgpool 2, dense 8, bn]",
                new ImageShape(2, 10, 10), 3);
        KernelThreads t = KernelThreads.single();
        FloatBackend backend = new FloatBackend(t);
        ImageOps<FMatrixRMaj, float[]> ops = ImageOps.floats(t);
        BlockNetwork n = BlockNetwork.build(a, Seed.of(1));
        boolean[] trainable = n.trainableFlags();
        BlockPropagator<FMatrixRMaj> p = new BlockPropagator<>(backend, ops, n.parameters(), 1, n.blockCount(),
                trainable, 16);
        BlockUpdater<FMatrixRMaj> updater = new BlockUpdater<>(backend, n.parameters(), p, trainable,
                TrainingConfig.defaults());
        SplittableRandom r = new SplittableRandom(2);
        FMatrixRMaj full = new FMatrixRMaj(16, a.input().size());
        FMatrixRMaj partial = new FMatrixRMaj(11, a.input().size());
        for (int i = 0; i < full.data.length; i++) {
            full.data[i] = (float) r.nextGaussian();
        }
        System.arraycopy(full.data, 0, partial.data, 0, partial.data.length);
        int[] labels = new int[16];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextInt(3);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 30; round++) { // the first rounds run before the JIT has compiled the step
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < STEPS; i++) {
                p.forward(i % 2 == 0 ? full : partial); // a last, smaller minibatch reuses the same buffers
                p.lossAndGradient(labels);
                p.backward();
                updater.step(1e-3);
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            if (round >= 5) {
                fewest = Math.min(fewest, allocated);
            }
        }
        assertTrue(fewest < 10L * STEPS, fewest + " bytes allocated by " + STEPS + " training steps");
    }
}
