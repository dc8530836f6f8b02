package org.defrost.similarity.cca;

import org.defrost.similarity.Representation;

/**
 * SVCCA (Raghu et al., NeurIPS 2017): each centred representation is reduced to its leading singular
 * directions explaining 99% of its variance, then the similarity is the mean canonical correlation between
 * the two reduced spaces ({@code min(rA, rB)} correlations). In [0, 1]; 1 when the reduced spaces coincide,
 * e.g. for B = AM with M invertible and well conditioned. NaN when a representation has no variance.
 */
public final class Svcca extends SpectralMeasure {
    public static final String NAME = "svcca";
    public static final double KEPT_VARIANCE = 0.99;

    public Svcca() {
        super(NAME, Kind.SYMMETRIC);
    }

    @Override
    protected double value(SpectralBasis a, Representation repA, SpectralBasis b, Representation repB) {
        int ra = a.directionsForVariance(KEPT_VARIANCE);
        int rb = b.directionsForVariance(KEPT_VARIANCE);
        double[] rho = CanonicalCorrelations.of(a, ra, b, rb, false, repA.threads()).correlations();
        double sum = 0;
        for (double v : rho) {
            sum += v;
        }
        return sum / rho.length;
    }
}
