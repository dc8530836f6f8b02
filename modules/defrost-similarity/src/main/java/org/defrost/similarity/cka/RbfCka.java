package org.defrost.similarity.cka;

import org.defrost.similarity.InvalidSimilarityInputException;
import org.defrost.similarity.PairMeasure;
import org.defrost.similarity.Representation;
import org.defrost.similarity.RepresentationPair;
import org.defrost.similarity.SubsetPlan;

/**
 * CKA with RBF kernels (Kornblith et al. 2019): {@code <HKH, HLH>_F / (||HKH||_F ||HLH||_F)} with
 * {@code K[i][j] = exp(−d²_ij / (2 t² m))}, t the threshold and m the median squared distance over all n²
 * ordered pairs (see {@link CentredRbfKernel}). Because the bandwidth follows the median, the value is
 * invariant to orthogonal transforms and isotropic scaling. Costs {@code O(n²)} memory per representation:
 * each centred kernel is cached on its representation. NaN when a median distance is zero.
 */
public final class RbfCka extends PairMeasure {
    public static final String NAME = "rbf-cka";

    private final double threshold;

    /** @param threshold the factor t on the median distance; positive and finite */
    public RbfCka(double threshold) {
        super(NAME, Kind.SYMMETRIC);
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    @Override
    protected double value(RepresentationPair pair, Representation a, Representation b) {
        CkaInputs.requirePoints(NAME, pair, 2);
        if (pair.rows() > SubsetPlan.LARGEST_SIZE) {
            throw new InvalidSimilarityInputException(NAME + " holds n × n kernels, which allows at most "
                    + SubsetPlan.LARGEST_SIZE + " points; got " + pair.rows());
        }
        CentredRbfKernel k = CentredRbfKernel.of(a, threshold);
        CentredRbfKernel l = CentredRbfKernel.of(b, threshold);
        if (k.centred() == null || l.centred() == null) {
            return Double.NaN;
        }
        double[] x = k.centred();
        double[] y = l.centred();
        double inner = 0;
        for (int i = 0; i < x.length; i++) {
            inner += x[i] * y[i];
        }
        return CkaInputs.ratio(inner, k.norm() * l.norm());
    }
}
