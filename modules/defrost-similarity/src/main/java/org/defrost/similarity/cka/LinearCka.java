package org.defrost.similarity.cka;

/**
 * Linear CKA (Kornblith et al. 2019) on column-centred X and Y:
 * {@code ||YᵀX||_F² / (||XᵀX||_F ||YᵀY||_F)}, computed from the {@code p × q} cross-product, never from
 * an {@code n × n} kernel. In [0, 1]; invariant to orthogonal transforms and isotropic scaling of either
 * side. NaN when either representation has no variance.
 */
public final class LinearCka extends FeatureSpaceCka {
    public static final String NAME = "linear-cka";

    public LinearCka() {
        super(NAME, 2);
    }

    @Override
    protected double value(double crossSquaredNorm, CentredStatistics x, CentredStatistics y, int n) {
        return CkaInputs.ratio(crossSquaredNorm, Math.sqrt(x.gramSquaredNorm()) * Math.sqrt(y.gramSquaredNorm()));
    }
}
