package org.defrost.similarity.linalg;

import org.defrost.kernels.KernelThreads;

/** Squared Euclidean distances between points from their Gram matrix ("Gram trick"). */
public final class SquaredDistances {
    private SquaredDistances() {
    }

    /**
     * Turns a symmetric Gram matrix {@code G[i][j] = x_i·x_j} into squared distances
     * {@code D[i][j] = G[i][i] + G[j][j] − 2G[i][j]}, in place. Rounding can make a tiny true distance
     * slightly negative; such values are set to zero. The diagonal is exactly zero.
     *
     * @param g       row-major {@code n × n} Gram matrix. Modified: holds the distances on return.
     * @param threads the threads the rows are spread over
     */
    public static void fromGramInPlace(double[] g, int n, KernelThreads threads) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = g[i * n + i];
        }
        threads.forRanges(n, (long) n * n, (from, to) -> {
            for (int i = from; i < to; i++) {
                int o = i * n;
                double ni = norms[i];
                for (int j = 0; j < n; j++) {
                    double d = ni + norms[j] - 2 * g[o + j];
                    g[o + j] = d > 0 ? d : 0;
                }
                g[o + i] = 0;
            }
        });
    }

    /** Exact Euclidean distance between rows i and j of a row-major matrix with {@code p} columns. Not modified. */
    public static double euclidean(double[] x, int p, int i, int j) {
        double s = 0;
        int a = i * p;
        int b = j * p;
        for (int c = 0; c < p; c++) {
            double d = x[a + c] - x[b + c];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
