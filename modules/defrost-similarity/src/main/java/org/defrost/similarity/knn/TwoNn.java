package org.defrost.similarity.knn;

import java.util.Arrays;
import org.defrost.similarity.SubsetPlan;

/**
 * Intrinsic dimension by TwoNN (Facco et al., Sci. Rep. 2017). For each point {@code μ_i = r₂/r₁}, the
 * ratio of the distances to its second and first nearest neighbours; the smallest 90% of {@code log μ}
 * are kept ({@code n_eff = ⌊0.9 n⌋}), sorted, and the dimension is the slope of the least-squares line
 * through the origin of {@code −log(1 − i/n)} against the i-th smallest {@code log μ}, i = 1..n_eff:
 * {@code d = Σ xᵢyᵢ / Σ xᵢ²}. NaN when a kept ratio is infinite (duplicate points) or all are 1.
 * Describes one representation.
 */
public final class TwoNn extends NeighbourMeasure {
    public static final String NAME = "intrinsic-dimension";
    /** Fraction of the ratios kept; the largest ones come from points in sparse regions. */
    public static final double KEPT_FRACTION = 0.9;

    public TwoNn(SubsetPlan subsets) {
        super(NAME, Kind.DESCRIPTOR, 2, subsets);
    }

    @Override
    public double evaluate(NeighbourTable a, NeighbourTable b, int[] rows) {
        int n = a.size();
        double[] logMu = new double[n];
        for (int i = 0; i < n; i++) {
            double r1 = a.firstDistance(i);
            logMu[i] = r1 > 0 ? Math.log(a.secondDistance(i) / r1) : Double.POSITIVE_INFINITY;
        }
        return fit(logMu, n);
    }

    /**
     * The TwoNN slope from the log ratios of n points.
     *
     * @param logMu {@code log(r₂/r₁)} per point. Modified: sorted.
     */
    static double fit(double[] logMu, int n) {
        Arrays.sort(logMu);
        int kept = (int) Math.floor(KEPT_FRACTION * n);
        double xy = 0;
        double xx = 0;
        for (int i = 1; i <= kept; i++) {
            double x = logMu[i - 1];
            double y = -Math.log(1 - (double) i / n);
            xy += x * y;
            xx += x * x;
        }
        return Double.isFinite(xx) && xx > 0 ? xy / xx : Double.NaN;
    }
}
