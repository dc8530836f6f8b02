package org.defrost.similarity.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.defrost.kernels.KernelThreads;
import org.junit.jupiter.api.Test;

class SquaredDistancesTest {

    @Test
    void squaredDistancesFromGramEqualCoordinateDifferences() {
        double[][] points = {{0, 0}, {3, 4}, {1, -1}, {3, 4}};
        int n = points.length;
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i * n + j] = points[i][0] * points[j][0] + points[i][1] * points[j][1];
            }
        }
        SquaredDistances.fromGramInPlace(g, n, KernelThreads.single());
        assertEquals(25, g[1], 0.0);
        assertEquals(2, g[2], 0.0);
        assertEquals(0, g[1 * n + 3], 0.0);
        assertEquals(29, g[2 * n + 1], 0.0);
        assertEquals(0, g[2 * n + 2], 0.0);
    }

    @Test
    void distancesReadOnlyTheUpperTriangleAndDoNotDependOnTheThreads() {
        int n = 150; // several blocks of the conversion, the last one partial
        int p = 3;
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        double[] x = new double[n * p];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(-3, 4);
        }
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < p; c++) {
                    s += x[i * p + c] * x[j * p + c];
                }
                g[i * n + j] = j >= i ? s : Double.NaN; // the lower triangle must not be read
            }
        }
        double[] single = g.clone();
        SquaredDistances.fromGramInPlace(single, n, KernelThreads.single());
        double[] two = g.clone();
        try (KernelThreads threads = KernelThreads.of(2)) {
            SquaredDistances.fromGramInPlace(two, n, threads);
        }
        assertArrayEquals(single, two);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = 0;
                for (int c = 0; c < p; c++) {
                    double diff = x[i * p + c] - x[j * p + c];
                    d += diff * diff;
                }
                assertEquals(d, single[i * n + j], 0.0, "(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void euclideanDistanceBetweenRows() {
        double[] x = {0, 0, 3, 4, 1, 1};
        assertEquals(5, SquaredDistances.euclidean(x, 2, 0, 1), 0.0);
        assertEquals(Math.sqrt(13), SquaredDistances.euclidean(x, 2, 1, 2), 1e-15);
    }
}
