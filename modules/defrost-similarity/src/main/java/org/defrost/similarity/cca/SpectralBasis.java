package org.defrost.similarity.cca;

import java.util.Arrays;
import org.defrost.kernels.DoubleProducts;
import org.defrost.kernels.KernelThreads;
import org.defrost.similarity.Representation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Left singular directions of a centred representation X ({@code n × p}): an orthonormal basis U of its
 * column space, ordered by decreasing singular value, such that the first r columns span the top r
 * singular directions for every r. Cached on the representation.
 *
 * <p>Computed from the smaller Gram matrix with EJML's symmetric eigen-decomposition. When
 * {@code p <= n}: {@code XᵀX = VΛVᵀ}, {@code U₀ = XVΛ^{-1/2}}, and U₀ is re-orthonormalised as
 * {@code U₀R⁻¹} with {@code RᵀR = U₀ᵀU₀} (Cholesky, triangular, so the nested spans are kept). When
 * {@code p > n}: U are the eigenvectors of {@code XXᵀ}. Directions whose singular value is below
 * {@code 1e-5} of the largest ({@code λ < 1e-10 λ_max}) are the numerical null space and are dropped:
 * that is a thousand times above the rounding noise of the Gram eigenvalues.
 *
 * @param rows           n
 * @param rank           number of kept directions r
 * @param basis          row-major {@code n × r}, orthonormal columns
 * @param singularValues length r, decreasing
 */
record SpectralBasis(int rows, int rank, double[] basis, double[] singularValues) {
    static final double RELATIVE_EIGENVALUE_CUTOFF = 1e-10;

    static SpectralBasis of(Representation r) {
        return r.cached(SpectralBasis.class, SpectralBasis.class, () -> compute(r));
    }

    /** The smallest number of leading directions whose squared singular values reach {@code fraction} of the total. */
    int directionsForVariance(double fraction) {
        double total = 0;
        for (double s : singularValues) {
            total += s * s;
        }
        double cumulative = 0;
        for (int i = 0; i < rank; i++) {
            cumulative += singularValues[i] * singularValues[i];
            if (cumulative >= fraction * total) {
                return i + 1;
            }
        }
        return rank;
    }

    private static SpectralBasis compute(Representation r) {
        int n = r.rows();
        int p = r.cols();
        double[] x = r.centred();
        KernelThreads t = r.threads();
        if (p <= n) {
            double[] gram = DoubleProducts.columnGram(x, n, p, t);
            Eigen e = Eigen.of(gram, p);
            int rank = e.rank();
            if (rank == 0) {
                return new SpectralBasis(n, 0, new double[0], new double[0]);
            }
            double[] v = new double[p * rank];
            double[] s = new double[rank];
            for (int c = 0; c < rank; c++) {
                s[c] = Math.sqrt(e.values[c]);
                for (int i = 0; i < p; i++) {
                    v[i * rank + c] = e.vectors[c][i] / s[c];
                }
            }
            double[] u0 = DoubleProducts.times(x, n, p, v, rank, t);
            return new SpectralBasis(n, rank, reorthonormalise(u0, n, rank, t), s);
        }
        double[] gram = DoubleProducts.pointGram(x, p, null, n, t);
        Eigen e = Eigen.of(gram, n);
        int rank = e.rank();
        double[] u = new double[n * rank];
        double[] s = new double[rank];
        for (int c = 0; c < rank; c++) {
            s[c] = Math.sqrt(e.values[c]);
            for (int i = 0; i < n; i++) {
                u[i * rank + c] = e.vectors[c][i];
            }
        }
        return new SpectralBasis(n, rank, u, s);
    }

    /** {@code U₀R⁻¹} with {@code RᵀR = U₀ᵀU₀}; U₀ is {@code n × r}, already nearly orthonormal. */
    private static double[] reorthonormalise(double[] u0, int n, int r, KernelThreads t) {
        DMatrixRMaj m = DMatrixRMaj.wrap(r, r, DoubleProducts.columnGram(u0, n, r, t));
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(r, false);
        if (!chol.decompose(m)) {
            throw new IllegalStateException("re-orthonormalisation failed: the kept directions are not independent");
        }
        DMatrixRMaj upper = chol.getT(null);
        DMatrixRMaj inverse = new DMatrixRMaj(r, r);
        if (!CommonOps_DDRM.invert(upper, inverse)) {
            throw new IllegalStateException("re-orthonormalisation failed: singular triangular factor");
        }
        return DoubleProducts.times(u0, n, r, inverse.data, r, t);
    }

    /** Eigenpairs of a symmetric matrix, sorted by decreasing eigenvalue. */
    private record Eigen(double[] values, double[][] vectors) {

        static Eigen of(double[] symmetric, int size) {
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(size, true, true);
            DMatrixRMaj m = DMatrixRMaj.wrap(size, size, symmetric.clone());
            if (!eig.decompose(m)) {
                throw new IllegalStateException("eigen-decomposition of a " + size + " × " + size + " Gram matrix failed");
            }
            Integer[] order = new Integer[size];
            double[] raw = new double[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
                raw[i] = eig.getEigenvalue(i).real;
            }
            Arrays.sort(order, (i, j) -> Double.compare(raw[j], raw[i]));
            double[] values = new double[size];
            double[][] vectors = new double[size][];
            for (int c = 0; c < size; c++) {
                values[c] = raw[order[c]];
                vectors[c] = eig.getEigenVector(order[c]).data.clone();
            }
            return new Eigen(values, vectors);
        }

        int rank() {
            if (values.length == 0 || !(values[0] > 0)) {
                return 0;
            }
            int r = 0;
            while (r < values.length && values[r] > RELATIVE_EIGENVALUE_CUTOFF * values[0]) {
                r++;
            }
            return r;
        }
    }
}
