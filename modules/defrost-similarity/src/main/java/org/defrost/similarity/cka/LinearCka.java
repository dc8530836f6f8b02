package org.defrost.similarity.cka;

import org.defrost.similarity.PairMeasure;
import org.defrost.similarity.Representation;
import org.defrost.similarity.RepresentationPair;

/**
 * Linear CKA (Kornblith et al. 2019) on column-centred X and Y:
 * {@code ||YᵀX||_F² / (||XᵀX||_F ||YᵀY||_F)}, computed from the {@code p × q} cross-product, never from
 * an {@code n × n} kernel. In [0, 1]; invariant to orthogonal transforms and isotropic scaling of either
 * side. NaN when either representation has no variance.
 */
public final class LinearCka extends PairMeasure {
    public static final String NAME = "linear-cka";

    public LinearCka() {
        super(NAME, Kind.SYMMETRIC);
    }

    @Override
    protected double value(RepresentationPair pair, Representation a, Representation b) {
        CkaInputs.requirePoints(NAME, pair, 2);
        double cross = CentredStatistics.sumOfSquares(pair.crossProduct());
        double normA = Math.sqrt(CentredStatistics.of(a).gramSquaredNorm());
        double normB = Math.sqrt(CentredStatistics.of(b).gramSquaredNorm());
        return CkaInputs.ratio(cross, normA * normB);
    }
}
