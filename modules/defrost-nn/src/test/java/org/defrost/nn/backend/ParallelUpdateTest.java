package org.defrost.nn.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.ejml.data.ReshapeMatrix;
import org.junit.jupiter.api.Test;

/** Optimiser updates large enough to be spread over threads give the same bits as on one thread. */
class ParallelUpdateTest {
    private static final int SIZE = 400;

    private static <M extends ReshapeMatrix> M random(Backend<M> b, long seed, boolean positive) {
        SplittableRandom r = new SplittableRandom(seed);
        M m = b.zeros(SIZE, SIZE);
        for (int i = 0; i < SIZE * SIZE; i++) {
            b.set(m, i, positive ? r.nextDouble(0, 1) : r.nextDouble(-1, 1));
        }
        return m;
    }

    /** Three Adam and three SGD steps; returns the parameters and every state, concatenated, as doubles. */
    private static <M extends ReshapeMatrix> double[] steps(Backend<M> b) {
        M p = random(b, 1, false);
        M m = random(b, 2, false);
        M v = random(b, 3, true);
        M velocity = random(b, 4, false);
        for (int t = 1; t <= 3; t++) {
            M g = random(b, 10 + t, false);
            b.adamStep(p, g, m, v, 1e-3, 0.9, 0.999, 1e-8, 1 - Math.pow(0.9, t), 1 - Math.pow(0.999, t), 1e-4, 1e-2);
            b.sgdStep(p, g, velocity, 1e-2, 0.9, t == 2, 1e-4);
        }
        double[] out = new double[4 * SIZE * SIZE];
        int at = 0;
        for (M x : java.util.List.of(p, m, v, velocity)) {
            for (int i = 0; i < SIZE * SIZE; i++) {
                out[at++] = b.get(x, i);
            }
        }
        return out;
    }

    private static void check(java.util.function.Function<KernelThreads, Backend<?>> backend) {
        double[] one = steps(backend.apply(KernelThreads.single()));
        assertNotEquals(0.0, one[0]);
        for (int threads = 2; threads <= 3; threads++) {
            try (KernelThreads t = KernelThreads.of(threads)) {
                assertArrayEquals(one, steps(backend.apply(t)), 0.0, threads + " threads");
            }
        }
    }

    @Test
    void floatUpdatesAreBitIdenticalOnAnyNumberOfThreads() {
        check(FloatBackend::new);
    }

    @Test
    void doubleUpdatesAreBitIdenticalOnAnyNumberOfThreads() {
        check(DoubleBackend::new);
    }
}
