package org.defrost.similarity.cka;

/**
 * Debiased linear CKA: CKA with the unbiased HSIC estimator of Song et al. (2012), computed in feature
 * space on column-centred X and Y as in Kornblith et al.'s reference code. With row norms
 * {@code a_i = ||x_i||²}, {@code b_i = ||y_i||²},
 * <pre>  hsic(X, Y) = ||XᵀY||_F² − n/(n−2) Σ a_i b_i + ||X||_F² ||Y||_F² / ((n−1)(n−2))</pre>
 * (the unbiased estimator up to the factor {@code 1/(n(n−3))}, which cancels), and
 * {@code CKA = hsic(X, Y) / sqrt(hsic(X, X) hsic(Y, Y))}. Needs n ≥ 4. Invariant to orthogonal transforms
 * and isotropic scaling; may be slightly negative for unrelated representations. NaN when a self-HSIC is
 * not positive.
 */
public final class DebiasedCka extends FeatureSpaceCka {
    public static final String NAME = "debiased-cka";

    public DebiasedCka() {
        super(NAME, 4);
    }

    @Override
    protected double value(double crossSquaredNorm, CentredStatistics a, CentredStatistics b, int n) {
        double cross = hsic(crossSquaredNorm, a, b, n);
        double selfA = hsic(a.gramSquaredNorm(), a, a, n);
        double selfB = hsic(b.gramSquaredNorm(), b, b, n);
        double denominator = selfA > 0 && selfB > 0 ? Math.sqrt(selfA * selfB) : 0;
        return CkaInputs.ratio(cross, denominator);
    }

    /** The unbiased HSIC times {@code n(n−3)}, from {@code ||XᵀY||_F²} and the row statistics. */
    private static double hsic(double crossSquaredNorm, CentredStatistics x, CentredStatistics y, int n) {
        double rowProducts = 0;
        double[] a = x.rowSquaredNorms();
        double[] b = y.rowSquaredNorms();
        for (int i = 0; i < n; i++) {
            rowProducts += a[i] * b[i];
        }
        return crossSquaredNorm - (double) n / (n - 2) * rowProducts
                + x.squaredNorm() * y.squaredNorm() / ((double) (n - 1) * (n - 2));
    }
}
