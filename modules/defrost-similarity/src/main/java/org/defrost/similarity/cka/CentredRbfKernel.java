package org.defrost.similarity.cka;

import org.defrost.kernels.DoubleProducts;
import org.defrost.similarity.Representation;
import org.defrost.similarity.linalg.Selection;
import org.defrost.similarity.linalg.SquaredDistances;

/**
 * The double-centred RBF kernel {@code HKH} of one representation, cached on it per threshold.
 * {@code K[i][j] = exp(−d²_ij / (2 t² m))} where m is the median of the squared distances over all n²
 * ordered pairs, the diagonal's zeros included (the convention of Kornblith et al.'s reference code).
 *
 * @param centred row-major {@code n × n} centred kernel, or null when undefined (median distance zero)
 * @param norm    its Frobenius norm
 */
record CentredRbfKernel(double[] centred, double norm) {

    private record Key(double threshold) {
    }

    static CentredRbfKernel of(Representation r, double threshold) {
        return r.cached(new Key(threshold), CentredRbfKernel.class, () -> compute(r, threshold));
    }

    private static CentredRbfKernel compute(Representation r, double threshold) {
        int n = r.rows();
        double[] k = DoubleProducts.pointGramUpper(r.centred(), r.cols(), null, n, r.threads());
        SquaredDistances.fromGramInPlace(k, n, r.threads());
        double median = medianOfAllPairs(k, n);
        if (!(median > 0)) {
            return new CentredRbfKernel(null, 0);
        }
        double scale = -1 / (2 * threshold * threshold * median);
        double[] rowMeans = new double[n];
        // exp costs about as much as 20 multiply-adds
        r.threads().forRanges(n, 20L * n * n, (from, to) -> {
            for (int i = from; i < to; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    double v = Math.exp(k[i * n + j] * scale);
                    k[i * n + j] = v;
                    s += v;
                }
                rowMeans[i] = s / n;
            }
        });
        double grand = 0;
        for (double v : rowMeans) {
            grand += v;
        }
        double grandMean = grand / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = k[i * n + j] - rowMeans[i] - rowMeans[j] + grandMean;
                k[i * n + j] = v;
                squares += v * v;
            }
        }
        return new CentredRbfKernel(k, Math.sqrt(squares));
    }

    /**
     * The median of the n² entries of a symmetric distance matrix with zero diagonal, as numpy's median
     * of the whole matrix: the n diagonal zeros are the smallest entries and every off-diagonal value
     * appears twice, so the median is found by selecting in the upper triangle alone.
     *
     * @param d row-major {@code n × n}. Not modified.
     */
    static double medianOfAllPairs(double[] d, int n) {
        int pairs = n * (n - 1) / 2;
        double[] upper = new double[pairs];
        int t = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                upper[t++] = d[i * n + j];
            }
        }
        long total = (long) n * n;
        if (total % 2 == 1) {
            return sortedEntry(upper, n, (total - 1) / 2);
        }
        return (sortedEntry(upper, n, total / 2 - 1) + sortedEntry(upper, n, total / 2)) / 2;
    }

    /** The entry at 0-based {@code position} of the n² entries sorted ascending. */
    private static double sortedEntry(double[] upper, int n, long position) {
        if (position < n) {
            return 0;
        }
        return Selection.select(upper, upper.length, (int) ((position - n) / 2));
    }
}
