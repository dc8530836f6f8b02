package org.defrost.similarity.cka;

import org.defrost.similarity.DeclaredMeasure;
import org.defrost.similarity.RepresentationPair;
import org.defrost.similarity.SimilarityResult;

/**
 * Linear CKA (Kornblith et al. 2019) on column-centred X and Y:
 * {@code ||YᵀX||_F² / (||XᵀX||_F ||YᵀY||_F)}, computed from the {@code p × q} cross-product, never from
 * an {@code n × n} kernel. In [0, 1]; invariant to orthogonal transforms and isotropic scaling of either
 * side. NaN when either representation has no variance.
 */
public final class LinearCka extends DeclaredMeasure {
    public static final String NAME = "linear-cka";

    public LinearCka() {
        super(NAME, Kind.SYMMETRIC);
    }

    @Override
    public SimilarityResult compute(RepresentationPair pair) {
        CkaInputs.requirePoints(NAME, pair, 2);
        double cross = CentredStatistics.sumOfSquares(pair.crossProduct());
        double normA = Math.sqrt(CentredStatistics.of(pair.a()).gramSquaredNorm());
        double normB = Math.sqrt(CentredStatistics.of(pair.requireB(NAME)).gramSquaredNorm());
        return SimilarityResult.exact(NAME, CkaInputs.ratio(cross, normA * normB));
    }
}
