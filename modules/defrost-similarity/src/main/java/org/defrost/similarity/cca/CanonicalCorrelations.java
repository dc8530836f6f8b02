package org.defrost.similarity.cca;

import org.defrost.kernels.DoubleProducts;
import org.defrost.kernels.KernelThreads;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * CCA between the spans of two orthonormal bases: the canonical correlations are the singular values of
 * {@code U_AᵀU_B}, and its singular vectors rotate each basis into the canonical variates.
 *
 * @param correlations  decreasing, clamped to [0, 1]; length {@code min(rA, rB)}
 * @param leftVectors   {@code rA × min} left singular vectors, or null when not requested
 * @param rightVectors  {@code rB × min} right singular vectors, or null when not requested
 */
record CanonicalCorrelations(double[] correlations, DMatrixRMaj leftVectors, DMatrixRMaj rightVectors) {

    /**
     * @param a       basis of A, of which the leading {@code ra} columns are used. Not modified.
     * @param b       basis of B, of which the leading {@code rb} columns are used. Not modified.
     * @param vectors whether to compute the singular vectors
     * @param t       the threads the cross-product runs on
     */
    static CanonicalCorrelations of(SpectralBasis a, int ra, SpectralBasis b, int rb, boolean vectors,
                                    KernelThreads t) {
        double[] m = DoubleProducts.crossProduct(a.basis(), a.rows(), ra, a.rank(), b.basis(), rb, b.rank(), t);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(ra, rb, vectors, vectors, true);
        if (!svd.decompose(DMatrixRMaj.wrap(ra, rb, m))) {
            throw new IllegalStateException("SVD of the " + ra + " × " + rb + " basis cross-product failed");
        }
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj u = vectors ? svd.getU(null, false) : null;
        DMatrixRMaj v = vectors ? svd.getV(null, false) : null;
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        int count = Math.min(ra, rb);
        double[] rho = new double[count];
        for (int i = 0; i < count; i++) {
            rho[i] = Math.min(1, Math.max(0, w.get(i, i)));
        }
        return new CanonicalCorrelations(rho, u, v);
    }
}
