package org.defrost.similarity.cca;

import static org.defrost.similarity.Oracles.centre;

import java.util.Arrays;
import org.defrost.similarity.TestMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Textbook CCA-family computations for tests: SVD of the data matrix itself (not of a Gram matrix),
 * covariance whitening for CCA, and an explicit optimal rotation for Procrustes.
 */
final class CcaOracles {
    private CcaOracles() {
    }

    /** Mean canonical correlation between the leading singular directions holding 99% of the variance. */
    static double svcca(double[][] a, double[][] b) {
        double[] rho = singularValues(multiply(transpose(leadingLeftVectors(a)), leadingLeftVectors(b)));
        double sum = 0;
        for (double r : rho) {
            sum += Math.min(1, r);
        }
        return sum / rho.length;
    }

    private static DMatrixRMaj leadingLeftVectors(double[][] x) {
        DMatrixRMaj m = new DMatrixRMaj(centre(x));
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.numRows, m.numCols, true, false, true);
        svd.decompose(m);
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        SingularOps_DDRM.descendingOrder(u, false, w, null, false);
        int count = Math.min(w.numRows, w.numCols);
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += w.get(i, i) * w.get(i, i);
        }
        double cumulative = 0;
        int keep = 0;
        while (cumulative < 0.99 * total) {
            cumulative += w.get(keep, keep) * w.get(keep, keep);
            keep++;
        }
        return CommonOps_DDRM.extract(u, 0, u.numRows, 0, keep);
    }

    /** PWCCA by whitening the covariances; a and b must have full column rank. */
    static double pwcca(double[][] a, double[][] b) {
        DMatrixRMaj ac = new DMatrixRMaj(centre(a));
        DMatrixRMaj bc = new DMatrixRMaj(centre(b));
        DMatrixRMaj wa = inverseSquareRoot(multiply(transpose(ac), ac));
        DMatrixRMaj wb = inverseSquareRoot(multiply(transpose(bc), bc));
        DMatrixRMaj m = multiply(multiply(wa, multiply(transpose(ac), bc)), wb);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.numRows, m.numCols, true, true, true);
        svd.decompose(m);
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        boolean sideA = a[0].length <= b[0].length;
        DMatrixRMaj x = sideA ? ac : bc;
        DMatrixRMaj variates = sideA ? multiply(multiply(ac, wa), u) : multiply(multiply(bc, wb), v);
        int count = Math.min(a[0].length, b[0].length);
        double[] alpha = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < x.numCols; j++) {
                double dot = 0;
                for (int r = 0; r < x.numRows; r++) {
                    dot += variates.get(r, i) * x.get(r, j);
                }
                alpha[i] += Math.abs(dot);
            }
            total += alpha[i];
        }
        double value = 0;
        for (int i = 0; i < count; i++) {
            value += alpha[i] / total * w.get(i, i);
        }
        return value;
    }

    /** {@code ||Â − B̂Q||_F²} at the optimal orthogonal Q, with B padded by zero columns to A's width or vice versa. */
    static double procrustes(double[][] a, double[][] b) {
        int width = Math.max(a[0].length, b[0].length);
        DMatrixRMaj an = normalised(pad(centre(a), width));
        DMatrixRMaj bn = normalised(pad(centre(b), width));
        DMatrixRMaj m = multiply(transpose(an), bn);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(width, width, true, true, false);
        svd.decompose(m);
        DMatrixRMaj q = multiply(svd.getV(null, false), transpose(svd.getU(null, false)));
        DMatrixRMaj residual = new DMatrixRMaj(an.numRows, width);
        CommonOps_DDRM.subtract(an, multiply(bn, q), residual);
        return CommonOps_DDRM.elementSum(elementSquares(residual));
    }

    private static double[][] pad(double[][] x, int width) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = Arrays.copyOf(x[i], width);
        }
        return out;
    }

    private static DMatrixRMaj normalised(double[][] x) {
        DMatrixRMaj m = new DMatrixRMaj(x);
        CommonOps_DDRM.divide(m, Math.sqrt(CommonOps_DDRM.elementSum(elementSquares(m))));
        return m;
    }

    private static DMatrixRMaj elementSquares(DMatrixRMaj m) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, m.numCols);
        CommonOps_DDRM.elementMult(m, m, out);
        return out;
    }

    private static DMatrixRMaj inverseSquareRoot(DMatrixRMaj symmetric) {
        int p = symmetric.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, true, true);
        eig.decompose(symmetric.copy());
        DMatrixRMaj out = new DMatrixRMaj(p, p);
        for (int k = 0; k < p; k++) {
            double scale = 1 / Math.sqrt(eig.getEigenvalue(k).real);
            DMatrixRMaj v = eig.getEigenVector(k);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    out.add(i, j, scale * v.get(i) * v.get(j));
                }
            }
        }
        return out;
    }

    private static double[] singularValues(DMatrixRMaj m) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
        svd.decompose(m);
        return svd.getSingularValues().clone();
    }

    private static DMatrixRMaj transpose(DMatrixRMaj m) {
        return CommonOps_DDRM.transpose(m, null);
    }

    private static DMatrixRMaj multiply(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    static double[][] lowRank(long seed, int n, int rank, int p) {
        return TestMatrices.multiply(TestMatrices.gaussian(seed, n, rank), TestMatrices.gaussian(seed + 1, rank, p));
    }
}
