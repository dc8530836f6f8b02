package org.defrost.nn.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Activation;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.ReshapeMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The element-wise kernels of propagation (activation with bias, its derivative, bias gradient), large enough to be
 * spread over threads, give the same bits as on one thread, and the bias gradient adds each column in row order.
 */
class ParallelElementWiseTest {
    /** Rows and columns: more elements than one thread handles alone, rows not a multiple of four. */
    private static final int ROWS = 1023;
    private static final int COLS = 300;

    private static <M extends ReshapeMatrix> M random(Backend<M> b, int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        M m = b.zeros(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            b.set(m, i, r.nextGaussian());
        }
        return m;
    }

    /** Activation in place and into another buffer, derivative and bias gradient; all results as doubles. */
    private static <M extends ReshapeMatrix> double[] pass(Backend<M> b, Activation act) {
        M bias = random(b, 1, COLS, 2);
        M inPlace = random(b, ROWS, COLS, 1);
        M z = random(b, ROWS, COLS, 1);
        M out = b.zeros(ROWS, COLS);
        M grad = random(b, ROWS, COLS, 3);
        M sums = b.zeros(1, 1);
        b.addBiasAndActivate(inPlace, bias, act, inPlace);
        b.addBiasAndActivate(z, bias, act, out);
        b.multiplyByActivationDerivative(act, z, out, grad);
        b.sumRows(grad, sums);
        double[] all = new double[4 * ROWS * COLS + COLS];
        int at = 0;
        for (M m : java.util.List.of(inPlace, z, out, grad, sums)) {
            for (int i = 0; i < m.getNumRows() * m.getNumCols(); i++) {
                all[at++] = b.get(m, i);
            }
        }
        return all;
    }

    private static void check(Function<KernelThreads, Backend<?>> backend, Activation act) {
        double[] one = pass(backend.apply(KernelThreads.single()), act);
        for (int threads = 2; threads <= 3; threads++) {
            try (KernelThreads t = KernelThreads.of(threads)) {
                assertArrayEquals(one, pass(backend.apply(t), act), 0.0, act + " on " + threads + " threads");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void floatKernelsAreBitIdenticalOnAnyNumberOfThreads(Activation act) {
        check(FloatBackend::new, act);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void doubleKernelsAreBitIdenticalOnAnyNumberOfThreads(Activation act) {
        check(DoubleBackend::new, act);
    }

    @Test
    void biasGradientAddsEachColumnRowAfterRow() {
        try (KernelThreads t = KernelThreads.of(2)) {
            FloatBackend b = new FloatBackend(t);
            FMatrixRMaj g = random(b, ROWS, COLS, 4);
            FMatrixRMaj sums = new FMatrixRMaj(1, 1);
            b.sumRows(g, sums);
            for (int c = 0; c < COLS; c++) {
                float s = 0;
                for (int r = 0; r < ROWS; r++) {
                    s += g.data[r * COLS + c];
                }
                assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(sums.data[c]), "column " + c);
            }
        }
    }
}
