package org.defrost.nn.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Optimiser updates large enough to be spread over threads give the same bits as on one thread. */
class ParallelUpdateTest {
    private static final int SIZE = 400;

    private static FMatrixRMaj floats(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrixRMaj m = new FMatrixRMaj(SIZE, SIZE);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) r.nextDouble(-1, 1);
        }
        return m;
    }

    private static DMatrixRMaj doubles(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(SIZE, SIZE);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = r.nextDouble(-1, 1);
        }
        return m;
    }

    /** Three Adam steps and three SGD steps on the parameters; returns parameters and state, concatenated. */
    private static float[] floatSteps(KernelThreads threads) {
        FloatBackend b = new FloatBackend(threads);
        FMatrixRMaj p = floats(1);
        FMatrixRMaj m = floats(2);
        FMatrixRMaj v = floats(3);
        for (int i = 0; i < v.data.length; i++) {
            v.data[i] = Math.abs(v.data[i]);
        }
        FMatrixRMaj velocity = floats(4);
        for (int t = 1; t <= 3; t++) {
            FMatrixRMaj g = floats(10 + t);
            b.adamStep(p, g, m, v, 1e-3, 0.9, 0.999, 1e-8, 1 - Math.pow(0.9, t), 1 - Math.pow(0.999, t), 1e-4, 1e-2);
            b.sgdStep(p, g, velocity, 1e-2, 0.9, t == 2, 1e-4);
        }
        float[] out = new float[4 * SIZE * SIZE];
        System.arraycopy(p.data, 0, out, 0, SIZE * SIZE);
        System.arraycopy(m.data, 0, out, SIZE * SIZE, SIZE * SIZE);
        System.arraycopy(v.data, 0, out, 2 * SIZE * SIZE, SIZE * SIZE);
        System.arraycopy(velocity.data, 0, out, 3 * SIZE * SIZE, SIZE * SIZE);
        return out;
    }

    private static double[] doubleSteps(KernelThreads threads) {
        DoubleBackend b = new DoubleBackend(threads);
        DMatrixRMaj p = doubles(1);
        DMatrixRMaj m = doubles(2);
        DMatrixRMaj v = doubles(3);
        Arrays.setAll(v.data, i -> Math.abs(v.data[i]));
        DMatrixRMaj velocity = doubles(4);
        for (int t = 1; t <= 3; t++) {
            DMatrixRMaj g = doubles(10 + t);
            b.adamStep(p, g, m, v, 1e-3, 0.9, 0.999, 1e-8, 1 - Math.pow(0.9, t), 1 - Math.pow(0.999, t), 1e-4, 1e-2);
            b.sgdStep(p, g, velocity, 1e-2, 0.9, t == 2, 1e-4);
        }
        double[] out = new double[4 * SIZE * SIZE];
        System.arraycopy(p.data, 0, out, 0, SIZE * SIZE);
        System.arraycopy(m.data, 0, out, SIZE * SIZE, SIZE * SIZE);
        System.arraycopy(v.data, 0, out, 2 * SIZE * SIZE, SIZE * SIZE);
        System.arraycopy(velocity.data, 0, out, 3 * SIZE * SIZE, SIZE * SIZE);
        return out;
    }

    @Test
    void floatUpdatesAreBitIdenticalOnAnyNumberOfThreads() {
        float[] one = floatSteps(KernelThreads.single());
        assertFalse(Arrays.equals(one, new float[one.length]));
        for (int threads = 2; threads <= 3; threads++) {
            try (KernelThreads t = KernelThreads.of(threads)) {
                assertArrayEquals(one, floatSteps(t), threads + " threads");
            }
        }
    }

    @Test
    void doubleUpdatesAreBitIdenticalOnAnyNumberOfThreads() {
        double[] one = doubleSteps(KernelThreads.single());
        for (int threads = 2; threads <= 3; threads++) {
            try (KernelThreads t = KernelThreads.of(threads)) {
                assertArrayEquals(one, doubleSteps(t), threads + " threads");
            }
        }
    }
}
