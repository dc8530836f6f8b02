package org.defrost.similarity.cca;

import org.defrost.similarity.PairMeasure;
import org.defrost.similarity.Representation;
import org.defrost.similarity.RepresentationPair;

/**
 * SVCCA (Raghu et al., NeurIPS 2017): each centred representation is reduced to its leading singular
 * directions explaining 99% of its variance, then the similarity is the mean canonical correlation between
 * the two reduced spaces ({@code min(rA, rB)} correlations). In [0, 1]; 1 when the reduced spaces coincide,
 * e.g. for B = AM with M invertible and well conditioned. NaN when a representation has no variance.
 */
public final class Svcca extends PairMeasure {
    public static final String NAME = "svcca";
    public static final double KEPT_VARIANCE = 0.99;

    public Svcca() {
        super(NAME, Kind.SYMMETRIC);
    }

    @Override
    protected double value(RepresentationPair pair, Representation repA, Representation repB) {
        SpectralBasis a = SpectralBasis.of(repA);
        SpectralBasis b = SpectralBasis.of(repB);
        if (a.rank() == 0 || b.rank() == 0) {
            return Double.NaN;
        }
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
