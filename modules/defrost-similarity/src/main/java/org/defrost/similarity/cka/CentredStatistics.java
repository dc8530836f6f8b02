package org.defrost.similarity.cka;

import org.defrost.kernels.DoubleProducts;
import org.defrost.similarity.Representation;

/**
 * Per-representation quantities of the centred matrix X ({@code n × p}) used by linear and debiased CKA,
 * cached on the representation.
 *
 * @param gramSquaredNorm {@code ||XᵀX||_F²}, which equals {@code ||XXᵀ||_F²}; computed from whichever Gram
 *                        matrix is smaller
 * @param rowSquaredNorms {@code ||x_i||²} for each point (length n)
 * @param squaredNorm     {@code ||X||_F²}, the sum of {@code rowSquaredNorms}
 */
record CentredStatistics(double gramSquaredNorm, double[] rowSquaredNorms, double squaredNorm) {

    static CentredStatistics of(Representation r) {
        return r.cached(CentredStatistics.class, CentredStatistics.class, () -> compute(r));
    }

    private static CentredStatistics compute(Representation r) {
        int n = r.rows();
        int p = r.cols();
        double[] x = r.centred();
        double[] gram = p <= n ? DoubleProducts.columnGram(x, n, p, r.threads())
                : DoubleProducts.pointGram(x, p, null, n, r.threads());
        double[] rowNorms = new double[n];
        r.threads().forRanges(n, (long) n * p, (from, to) -> {
            for (int i = from; i < to; i++) {
                double s = 0;
                for (int c = 0; c < p; c++) {
                    double v = x[i * p + c];
                    s += v * v;
                }
                rowNorms[i] = s;
            }
        });
        double total = 0;
        for (double v : rowNorms) {
            total += v;
        }
        return new CentredStatistics(sumOfSquares(gram), rowNorms, total);
    }

    static double sumOfSquares(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return s;
    }
}
