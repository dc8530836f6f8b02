package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.defrost.kernels.BlockedDoubleProduct.Blocking;
import org.junit.jupiter.api.Test;

/** Every kernel and blocking against plain triple loops, on shapes that leave partial tiles and blocks. */
class BlockedDoubleProductTest {
    private static final int[][] SHAPES = {
        // rows n, columns p, columns q
        {0, 3, 4}, {3, 0, 4}, {5, 3, 0}, {1, 1, 1}, {7, 5, 9}, {13, 25, 24}, {40, 17, 49}, {130, 31, 50},
    };

    private static final KernelThreads SINGLE = KernelThreads.single();

    /** Both kernels; the vector one is present because the tests run with the incubator module. */
    private static List<DoubleMicroKernel> kernels() {
        return List.of(new PlainDoubleMicroKernel(), new VectorDoubleMicroKernel());
    }

    private static List<BlockedDoubleProduct> engines() {
        List<BlockedDoubleProduct> engines = new ArrayList<>();
        for (DoubleMicroKernel k : kernels()) {
            engines.add(BlockedDoubleProduct.standard(k));
            // Tiny blocks and a zero threshold even for tiny products: many depth blocks and a-blocks, so every
            // loop boundary is crossed, and both ways of splitting work (by columns where C is wider than
            // the sum is long, by parts of the summed index otherwise) run on the shapes below.
            engines.add(engine(k, 5, 2 * k.rows(), 3));
            engines.add(engine(k, 64, 512, 16));
            // Short sums in one block, longer ones in tiny blocks: both block sizes on one engine.
            engines.add(new BlockedDoubleProduct(k, new Blocking(40, 3 * k.rows()), new Blocking(7, k.rows()), 0,
                    BlockedDoubleProduct.DEPTH_PART));
        }
        return engines;
    }

    /** An engine with the same block sizes for every sum and no parallel threshold. */
    private static BlockedDoubleProduct engine(DoubleMicroKernel k, int kc, int mc, int depthPart) {
        Blocking blocking = new Blocking(kc, mc);
        return new BlockedDoubleProduct(k, blocking, blocking, 0, depthPart);
    }

    /** Computes with one thread, then checks that two and three threads give the same bits. */
    private static void multiply(BlockedDoubleProduct engine, PanelSource a, PanelSource b, boolean upper,
                                 double[] c) {
        engine.multiply(a, b, upper, c, SINGLE);
        for (int threads = 2; threads <= 3; threads++) {
            double[] again = dirty(c.length);
            try (KernelThreads t = KernelThreads.of(threads)) {
                engine.multiply(a, b, upper, again, t);
            }
            assertArrayEquals(c, again, 0.0, threads + " threads changed the result");
        }
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
    void blockSizesDoNotChangeTheBits() {
        int[][] blockings = {{1, 1}, {5, 2}, {7, 3}, {64, 20}, {4096, 100}};
        for (DoubleMicroKernel k : kernels()) {
            for (int[] s : SHAPES) {
                int n = s[0];
                int p = s[1];
                int q = s[2];
                double[] x = random(9, n * p);
                double[] y = random(10, n * q);
                double[] crossFirst = null;
                double[] gramFirst = null;
                for (int[] b : blockings) {
                    BlockedDoubleProduct engine = engine(k, b[0], b[1] * k.rows(), 16);
                    double[] cross = dirty(p * q);
                    engine.multiply(new ColumnsSource(x, n, p, p), new ColumnsSource(y, n, q, q), false, cross, SINGLE);
                    ColumnsSource source = new ColumnsSource(y, n, q, q);
                    double[] gram = dirty(q * q);
                    engine.multiply(source, source, true, gram, SINGLE);
                    if (crossFirst == null) {
                        crossFirst = cross;
                        gramFirst = gram;
                    }
                    assertArrayEquals(crossFirst, cross, 0.0, () -> describe(engine, s));
                    assertArrayEquals(gramFirst, gram, 0.0, () -> describe(engine, s));
                }
            }
        }
    }

    @Test
    void crossProductMatchesTripleLoop() {
        for (BlockedDoubleProduct engine : engines()) {
            for (int[] s : SHAPES) {
                int n = s[0];
                int p = s[1];
                int q = s[2];
                double[] x = random(1, n * p);
                double[] y = random(2, n * q);
                double[] c = dirty(p * q);
                multiply(engine, new ColumnsSource(x, n, p, p), new ColumnsSource(y, n, q, q), false, c);
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
        for (BlockedDoubleProduct engine : engines()) {
            for (int[] s : SHAPES) {
                int n = s[0];
                int p = s[2];
                double[] x = random(3, n * p);
                ColumnsSource source = new ColumnsSource(x, n, p, p);
                double[] c = dirty(p * p);
                multiply(engine, source, source, true, c);
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
        for (BlockedDoubleProduct engine : engines()) {
            for (int p : new int[] {1, 6, 33, 150}) {
                double[] x = random(4, 20 * p);
                RowsSource source = new RowsSource(x, p, rows, rows.length);
                double[] g = dirty(rows.length * rows.length);
                multiply(engine, source, source, true, g);
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
    void upperTriangleWithoutMirrorEqualsTheMirroredGramOnAndAboveTheDiagonal() {
        int[] rows = {9, 0, 4, 4, 17, 3, 11, 2, 8, 1, 19};
        int n = rows.length;
        for (BlockedDoubleProduct engine : engines()) {
            for (int p : new int[] {1, 6, 33, 150}) {
                double[] x = random(7, 20 * p);
                RowsSource source = new RowsSource(x, p, rows, n);
                double[] mirrored = dirty(n * n);
                engine.multiply(source, source, true, mirrored, SINGLE);
                double[] upper = dirty(n * n);
                engine.multiply(source, source, true, false, upper, SINGLE);
                for (int i = 0; i < n; i++) {
                    for (int j = i; j < n; j++) {
                        assertEquals(mirrored[i * n + j], upper[i * n + j], 0.0, engine.kernel().getClass().getSimpleName());
                    }
                }
            }
        }
    }

    @Test
    void rowsTimesColumnsIsTheOrdinaryMatrixProduct() {
        for (BlockedDoubleProduct engine : engines()) {
            for (int[] s : SHAPES) {
                int n = s[0];
                int p = s[1];
                int r = s[2];
                double[] x = random(5, n * p);
                double[] v = random(6, p * r);
                double[] c = dirty(n * r);
                multiply(engine, new RowsSource(x, p, null, n), new ColumnsSource(v, p, r, r), false, c);
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
    void centringWhilePackingGivesTheBitsOfAStoredCentredCopy() {
        for (int[] s : new int[][] {{7, 5, 9}, {130, 31, 50}, {3000, 13, 20}}) {
            int n = s[0];
            int p = s[1];
            int q = s[2];
            double[] x = random(11, n * p);
            double[] y = random(12, n * q);
            double[] mx = random(13, p);
            double[] my = random(14, q);
            double[] xc = new double[n * p];
            double[] yc = new double[n * q];
            for (int i = 0; i < n * p; i++) {
                xc[i] = x[i] - mx[i % p];
            }
            for (int i = 0; i < n * q; i++) {
                yc[i] = y[i] - my[i % q];
            }
            try (KernelThreads t = KernelThreads.of(2)) {
                assertArrayEquals(DoubleProducts.crossProduct(xc, n, p, yc, q, t),
                        DoubleProducts.centredCrossProduct(x, mx, n, p, y, my, q, t), 0.0);
                assertArrayEquals(DoubleProducts.crossProduct(xc, n, p, y, q, t),
                        DoubleProducts.centredCrossProduct(x, mx, n, p, y, null, q, t), 0.0);
                assertArrayEquals(DoubleProducts.columnGram(yc, n, q, t),
                        DoubleProducts.centredColumnGram(y, my, n, q, t), 0.0);
            }
        }
    }

    @Test
    void leadingColumnsOfWiderRowsAreUsedAlone() {
        int n = 11;
        double[] x = random(7, n * 9);
        double[] y = random(8, n * 30);
        double[] c = DoubleProducts.crossProduct(x, n, 4, 9, y, 25, 30, SINGLE);
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
    void usesTheVectorKernelWhenTheIncubatorModuleIsPresent() {
        assertEquals(VectorSupport.BITS >= 256 ? "vector" : "plain", DoubleProducts.implementation());
    }

    private static String describe(BlockedDoubleProduct engine, int[] shape) {
        return engine.kernel().getClass().getSimpleName() + " on n=" + shape[0] + " p=" + shape[1] + " q=" + shape[2];
    }
}
