package org.defrost.similarity.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every kernel and blocking against plain triple loops, on shapes that leave partial tiles and blocks. */
class BlockedProductTest {
    private static final int[][] SHAPES = {
        // rows n, columns p, columns q
        {0, 3, 4}, {3, 0, 4}, {5, 3, 0}, {1, 1, 1}, {7, 5, 9}, {13, 25, 24}, {40, 17, 49}, {130, 31, 50},
    };

    private static List<BlockedProduct> engines() {
        List<BlockedProduct> engines = new ArrayList<>();
        for (MicroKernel k : Kernels.available()) {
            engines.add(new BlockedProduct(k, 1, 192, 512, BlockedProduct.PARALLEL_THRESHOLD));
            // Tiny blocks and two threads even for tiny products: many depth blocks and a-blocks, so every
            // loop boundary is crossed, and both ways of splitting work (by columns where C is wider than
            // the sum is long, by the summed index otherwise) run on the shapes below.
            engines.add(new BlockedProduct(k, 2, 5, 2 * k.rows(), 0));
            engines.add(new BlockedProduct(k, 3, 64, 512, 0));
        }
        return engines;
    }

    /** A result buffer full of NaN: the product must overwrite every element, not add to it. */
    private static double[] dirty(int size) {
        double[] c = new double[size];
        java.util.Arrays.fill(c, Double.NaN);
        return c;
    }

    private static double[] random(long seed, int size) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void crossProductMatchesTripleLoop() {
        for (BlockedProduct engine : engines()) {
            for (int[] s : SHAPES) {
                int n = s[0];
                int p = s[1];
                int q = s[2];
                double[] x = random(1, n * p);
                double[] y = random(2, n * q);
                double[] c = dirty(p * q);
                engine.multiply(new ColumnsSource(x, n, p, p), new ColumnsSource(y, n, q, q), false, c);
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < q; b++) {
                        double expected = 0;
                        for (int r = 0; r < n; r++) {
                            expected += x[r * p + a] * y[r * q + b];
                        }
                        assertEquals(expected, c[a * q + b], 1e-12, () -> describe(engine, s));
                    }
                }
            }
        }
    }

    @Test
    void symmetricColumnGramMatchesTripleLoopAndIsExactlySymmetric() {
        for (BlockedProduct engine : engines()) {
            for (int[] s : SHAPES) {
                int n = s[0];
                int p = s[2];
                double[] x = random(3, n * p);
                ColumnsSource source = new ColumnsSource(x, n, p, p);
                double[] c = dirty(p * p);
                engine.multiply(source, source, true, c);
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        double expected = 0;
                        for (int r = 0; r < n; r++) {
                            expected += x[r * p + a] * x[r * p + b];
                        }
                        assertEquals(expected, c[a * p + b], 1e-12, () -> describe(engine, s));
                        assertEquals(c[b * p + a], c[a * p + b], 0.0);
                    }
                }
            }
        }
    }

    @Test
    void pointGramOfSelectedRowsMatchesDotProducts() {
        int[] rows = {9, 0, 4, 4, 17, 3, 11, 2, 8, 1, 19};
        for (BlockedProduct engine : engines()) {
            for (int p : new int[] {1, 6, 33}) {
                double[] x = random(4, 20 * p);
                RowsSource source = new RowsSource(x, p, rows, rows.length);
                double[] g = dirty(rows.length * rows.length);
                engine.multiply(source, source, true, g);
                for (int i = 0; i < rows.length; i++) {
                    for (int j = 0; j < rows.length; j++) {
                        double expected = 0;
                        for (int c = 0; c < p; c++) {
                            expected += x[rows[i] * p + c] * x[rows[j] * p + c];
                        }
                        assertEquals(expected, g[i * rows.length + j], 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void rowsTimesColumnsIsTheOrdinaryMatrixProduct() {
        for (BlockedProduct engine : engines()) {
            for (int[] s : SHAPES) {
                int n = s[0];
                int p = s[1];
                int r = s[2];
                double[] x = random(5, n * p);
                double[] v = random(6, p * r);
                double[] c = dirty(n * r);
                engine.multiply(new RowsSource(x, p, null, n), new ColumnsSource(v, p, r, r), false, c);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < r; j++) {
                        double expected = 0;
                        for (int k = 0; k < p; k++) {
                            expected += x[i * p + k] * v[k * r + j];
                        }
                        assertEquals(expected, c[i * r + j], 1e-12, () -> describe(engine, s));
                    }
                }
            }
        }
    }

    @Test
    void leadingColumnsOfWiderRowsAreUsedAlone() {
        int n = 11;
        double[] x = random(7, n * 9);
        double[] y = random(8, n * 30);
        double[] c = Products.crossProduct(x, n, 4, 9, y, 25, 30);
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 25; b++) {
                double expected = 0;
                for (int r = 0; r < n; r++) {
                    expected += x[r * 9 + a] * y[r * 30 + b];
                }
                assertEquals(expected, c[a * 25 + b], 1e-12);
            }
        }
    }

    @Test
    void theChosenKernelIsAmongTheAvailableOnes() {
        MicroKernel best = Kernels.best();
        assertTrue(Kernels.available().stream().anyMatch(k -> k.getClass() == best.getClass()));
    }

    private static String describe(BlockedProduct engine, int[] shape) {
        return engine.kernel().getClass().getSimpleName() + " on n=" + shape[0] + " p=" + shape[1] + " q=" + shape[2];
    }
}
