package org.defrost.similarity.cka;

import org.defrost.kernels.DoubleProducts;
import org.defrost.similarity.Representation;

/**
 * Per-representation quantities of the centred matrix X ({@code n × p}) used by linear and debiased CKA,
 * cached on the representation. The Gram norm is computed at once; the row norms, which only debiased CKA
 * reads, on first use, so that linear CKA makes no extra pass over X.
 */
final class CentredStatistics {
    private final Representation representation;
    private final double gramSquaredNorm;
    private double[] rowSquaredNorms;
    private double squaredNorm;

    private CentredStatistics(Representation representation, double gramSquaredNorm) {
        this.representation = representation;
        this.gramSquaredNorm = gramSquaredNorm;
    }

    static CentredStatistics of(Representation r) {
        return r.cached(CentredStatistics.class, CentredStatistics.class, () -> compute(r));
    }

    private static CentredStatistics compute(Representation r) {
        int n = r.rows();
        int p = r.cols();
        double[] gram;
        if (p <= n) {
            Representation.Centring x = r.centring();
            gram = DoubleProducts.centredColumnGram(x.values(), x.mean(), n, p, r.threads());
        } else {
            gram = DoubleProducts.pointGram(r.centred(), p, null, n, r.threads());
        }
        return new CentredStatistics(r, sumOfSquares(gram));
    }

    /** {@code ||XᵀX||_F²}, which equals {@code ||XXᵀ||_F²}; computed from whichever Gram matrix is smaller. */
    double gramSquaredNorm() {
        return gramSquaredNorm;
    }

    /** {@code ||x_i||²} for each point (length n). Shared: callers must not modify it. */
    synchronized double[] rowSquaredNorms() {
        if (rowSquaredNorms == null) {
            computeRowNorms();
        }
        return rowSquaredNorms;
    }

    /** {@code ||X||_F²}, the sum of {@link #rowSquaredNorms()} in row order. */
    synchronized double squaredNorm() {
        if (rowSquaredNorms == null) {
            computeRowNorms();
        }
        return squaredNorm;
    }

    private void computeRowNorms() {
        Representation r = representation;
        int n = r.rows();
        int p = r.cols();
        double[] x = r.centred();
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
        squaredNorm = total;
        rowSquaredNorms = rowNorms;
    }

    static double sumOfSquares(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return s;
    }
}
