package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DoubleGemmTest {
    @ParameterizedTest(name = "{0}x{1} inner {2}")
    @CsvSource({"0,4,3", "4,0,3", "3,4,0", "1,1,1", "1,17,7", "17,1,7", "33,129,17", "129,33,255"})
    void matchesNaiveLoopsForAllFormsOnOneAndTwoThreads(int m, int n, int k) {
        SplittableRandom random = new SplittableRandom(m * 1000L + n * 10L + k);
        DMatrixRMaj x = random(m, k, random);
        DMatrixRMaj xt = transpose(x);
        DMatrixRMaj y = random(k, n, random);
        DMatrixRMaj yt = transpose(y);
        DMatrixRMaj start = random(m, n, random);
        try (KernelThreads two = KernelThreads.of(2)) {
            for (boolean accumulate : new boolean[] {false, true}) {
                double[] expected = naive(x, y, start, accumulate);
                for (KernelThreads t : new KernelThreads[] {KernelThreads.single(), two}) {
                    DMatrixRMaj c = start.copy();
                    DoubleGemm.mult(x, y, c, accumulate, t);
                    assertClose(expected, c);
                    c = start.copy();
                    DoubleGemm.multTransA(xt, y, c, accumulate, t);
                    assertClose(expected, c);
                    c = start.copy();
                    DoubleGemm.multTransB(x, yt, c, accumulate, t);
                    assertClose(expected, c);
                }
            }
        }
    }

    private static double[] naive(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj start, boolean accumulate) {
        int m = x.numRows;
        int n = y.numCols;
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? start.get(i, j) : 0;
                for (int p = 0; p < x.numCols; p++) {
                    s += x.get(i, p) * y.get(p, j);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static void assertClose(double[] expected, DMatrixRMaj c) {
        assertEquals(expected.length, c.numRows * c.numCols);
        double[] got = new double[expected.length];
        System.arraycopy(c.data, 0, got, 0, got.length);
        assertArrayEquals(expected, got, 1e-12);
    }

    private static DMatrixRMaj random(int rows, int cols, SplittableRandom random) {
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            x.data[i] = 2 * random.nextDouble() - 1;
        }
        return x;
    }

    private static DMatrixRMaj transpose(DMatrixRMaj x) {
        DMatrixRMaj t = new DMatrixRMaj(x.numCols, x.numRows);
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                t.set(j, i, x.get(i, j));
            }
        }
        return t;
    }
}
