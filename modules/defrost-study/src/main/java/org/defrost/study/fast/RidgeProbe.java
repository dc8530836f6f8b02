package org.defrost.study.fast;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A linear probe in closed form: ridge regression of the class indicators on standardised features, read as a
 * classifier. Features are centred and scaled by their mean and standard deviation on the fitting rows (a
 * constant column is only centred); the targets are {@code ±1} for two classes, else one-hot columns; both are
 * centred, which fits the intercept. The weights minimise {@code (1/n) ||X W − T||_F² + λ ||W||_F²}, i.e.
 * {@code W = (XᵀX + λ n I)⁻¹ XᵀT}, computed in the dual form {@code Xᵀ (X Xᵀ + λ n I)⁻¹ T} when there are fewer
 * rows than features (the same W). The prediction is the sign (two classes) or the largest column.
 */
public final class RidgeProbe {
    private final double[] mean;
    private final double[] scale;
    private final double[] targetMean;
    /** p × c weights on the standardised features. */
    private final DMatrixRMaj weights;
    private final int classes;

    private RidgeProbe(double[] mean, double[] scale, double[] targetMean, DMatrixRMaj weights, int classes) {
        this.mean = mean;
        this.scale = scale;
        this.targetMean = targetMean;
        this.weights = weights;
        this.classes = classes;
    }

    /**
     * Fits the probe.
     *
     * @param features {@code n × p} features of the fitting rows, n ≥ 1. Not modified.
     * @param labels   n labels in {@code 0..classes-1}. Not modified.
     * @param classes  number of classes, at least 2
     * @param lambda   ridge penalty λ > 0 (per row: the penalty matrix is {@code λ n I})
     */
    public static RidgeProbe fit(FMatrixRMaj features, int[] labels, int classes, double lambda) {
        int n = features.numRows;
        int p = features.numCols;
        if (n < 1 || labels.length != n || classes < 2 || !(lambda > 0)) {
            throw new IllegalArgumentException("a ridge probe needs rows, one label per row, 2+ classes and lambda > 0");
        }
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                mean[j] += features.data[i * p + j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double d = features.data[i * p + j] - mean[j];
                scale[j] += d * d;
            }
        }
        for (int j = 0; j < p; j++) {
            double sd = Math.sqrt(scale[j] / n);
            scale[j] = sd > 1e-12 ? sd : 1.0;
        }
        int c = classes == 2 ? 1 : classes;
        DMatrixRMaj x = standardise(features, mean, scale);
        DMatrixRMaj t = new DMatrixRMaj(n, c);
        double[] targetMean = new double[c];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside 0.." + (classes - 1));
            }
            if (c == 1) {
                t.data[i] = labels[i] == 1 ? 1 : -1;
            } else {
                t.data[i * c + labels[i]] = 1;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                targetMean[j] += t.data[i * c + j] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                t.data[i * c + j] -= targetMean[j];
            }
        }
        DMatrixRMaj w = new DMatrixRMaj(p, c);
        if (n >= p) {
            DMatrixRMaj gram = new DMatrixRMaj(p, p);
            CommonOps_DDRM.multTransA(x, x, gram);
            addToDiagonal(gram, lambda * n);
            DMatrixRMaj rhs = new DMatrixRMaj(p, c);
            CommonOps_DDRM.multTransA(x, t, rhs);
            solve(gram, rhs, w);
        } else {
            DMatrixRMaj gram = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransB(x, x, gram);
            addToDiagonal(gram, lambda * n);
            DMatrixRMaj alpha = new DMatrixRMaj(n, c);
            solve(gram, t, alpha);
            CommonOps_DDRM.multTransA(x, alpha, w);
        }
        return new RidgeProbe(mean, scale, targetMean, w, classes);
    }

    /** The {@code p × c} weights on the standardised features (c = 1 for two classes); a copy. */
    public DMatrixRMaj weights() {
        return weights.copy();
    }

    /** The fitted class of each row of {@code features} ({@code m × p}, not modified). */
    public int[] predict(FMatrixRMaj features) {
        DMatrixRMaj x = standardise(features, mean, scale);
        DMatrixRMaj scores = new DMatrixRMaj(x.numRows, weights.numCols);
        CommonOps_DDRM.mult(x, weights, scores);
        int c = weights.numCols;
        int[] out = new int[x.numRows];
        for (int i = 0; i < x.numRows; i++) {
            if (c == 1) {
                out[i] = scores.data[i] + targetMean[0] > 0 ? 1 : 0;
            } else {
                int best = 0;
                for (int j = 1; j < c; j++) {
                    if (scores.data[i * c + j] + targetMean[j] > scores.data[i * c + best] + targetMean[best]) {
                        best = j;
                    }
                }
                out[i] = best;
            }
        }
        return out;
    }

    /** The 0/1 error on {@code features} ({@code m × p}) with {@code labels}; neither is modified. */
    public double error(FMatrixRMaj features, int[] labels) {
        int[] predicted = predict(features);
        int wrong = 0;
        for (int i = 0; i < predicted.length; i++) {
            wrong += predicted[i] == labels[i] ? 0 : 1;
        }
        return predicted.length == 0 ? Double.NaN : (double) wrong / predicted.length;
    }

    /** Number of classes the probe tells apart. */
    public int classes() {
        return classes;
    }

    private static DMatrixRMaj standardise(FMatrixRMaj features, double[] mean, double[] scale) {
        int p = mean.length;
        if (features.numCols != p) {
            throw new IllegalArgumentException("the probe was fitted on " + p + " features, got " + features.numCols);
        }
        DMatrixRMaj x = new DMatrixRMaj(features.numRows, p);
        for (int i = 0; i < features.numRows; i++) {
            for (int j = 0; j < p; j++) {
                x.data[i * p + j] = (features.data[i * p + j] - mean[j]) / scale[j];
            }
        }
        return x;
    }

    private static void addToDiagonal(DMatrixRMaj m, double value) {
        for (int i = 0; i < m.numRows; i++) {
            m.data[i * m.numCols + i] += value;
        }
    }

    /** Solves the symmetric positive definite system {@code a x = b} by Cholesky; {@code a} is modified. */
    private static void solve(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj x) {
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(a.numRows);
        if (!chol.setA(a)) {
            throw new ArithmeticException("the ridge system is not positive definite");
        }
        chol.solve(b, x);
    }
}
