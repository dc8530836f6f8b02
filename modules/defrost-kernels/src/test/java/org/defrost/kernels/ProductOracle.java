package org.defrost.kernels;

import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;

/** Naive triple loops in double precision, written from the definition of each product form. */
final class ProductOracle {
    private ProductOracle() {
    }

    /** op(a)[i][p] for the form. */
    static double left(ProductForm form, FMatrixRMaj a, int i, int p) {
        return form == ProductForm.TRANS_A ? a.get(p, i) : a.get(i, p);
    }

    /** op(b)[p][j] for the form. */
    static double right(ProductForm form, FMatrixRMaj b, int p, int j) {
        return form == ProductForm.TRANS_B ? b.get(j, p) : b.get(p, j);
    }

    /** Expected c, and in {@code magnitude} the sum of the absolute values of the terms of each element. */
    static double[] expected(ProductForm form, FMatrixRMaj a, FMatrixRMaj b, float[] before, boolean accumulate,
            int m, int n, int k, double[] magnitude) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? before[i * n + j] : 0.0;
                double abs = Math.abs(sum);
                for (int p = 0; p < k; p++) {
                    double term = left(form, a, i, p) * right(form, b, p, j);
                    sum += term;
                    abs += Math.abs(term);
                }
                c[i * n + j] = sum;
                magnitude[i * n + j] = abs;
            }
        }
        return c;
    }

    /** Operand a for an m×n×k product of the form, uniform in [-1, 1). */
    static FMatrixRMaj operandA(ProductForm form, int m, int k, SplittableRandom random) {
        return form == ProductForm.TRANS_A ? random(k, m, random) : random(m, k, random);
    }

    /** Operand b for an m×n×k product of the form, uniform in [-1, 1). */
    static FMatrixRMaj operandB(ProductForm form, int n, int k, SplittableRandom random) {
        return form == ProductForm.TRANS_B ? random(n, k, random) : random(k, n, random);
    }

    static FMatrixRMaj random(int rows, int cols, SplittableRandom random) {
        FMatrixRMaj x = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            x.data[i] = (float) (2 * random.nextDouble() - 1);
        }
        return x;
    }
}
