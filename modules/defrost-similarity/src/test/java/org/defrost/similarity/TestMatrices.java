package org.defrost.similarity;

import java.util.SplittableRandom;
import org.defrost.kernels.KernelThreads;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/** Random and structured test matrices as {@code double[][]} (rows = points). */
public final class TestMatrices {
    private TestMatrices() {
    }

    public static double[][] gaussian(long seed, int n, int p) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int c = 0; c < p; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return x;
    }

    /** A random p × p orthogonal matrix (Q of the QR decomposition of a Gaussian matrix). */
    public static double[][] orthogonal(long seed, int p) {
        DMatrixRMaj g = new DMatrixRMaj(gaussian(seed, p, p));
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(p, p);
        qr.decompose(g);
        return toArray(qr.getQ(null, false));
    }

    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int inner = b.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < inner; k++) {
                for (int j = 0; j < m; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    public static double[][] scale(double[][] a, double c) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] *= c;
            }
        }
        return out;
    }

    /** Adds {@code shift[j]} to every value of column j: moves all points without changing their geometry. */
    public static double[][] translate(double[][] a, double[] shift) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] += shift[j];
            }
        }
        return out;
    }

    public static double[][] column(double... values) {
        double[][] x = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            x[i][0] = values[i];
        }
        return x;
    }

    public static double[] flatten(double[][] x) {
        int p = x.length == 0 ? 0 : x[0].length;
        double[] out = new double[x.length * p];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * p, p);
        }
        return out;
    }

    public static double[][] toArray(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                out[i][j] = m.get(i, j);
            }
        }
        return out;
    }

    public static Representation representation(String name, double[][] x) {
        return Representation.of(name, flatten(x), x.length, x.length == 0 ? 0 : x[0].length, KernelThreads.single());
    }
}
