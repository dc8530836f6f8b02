package org.defrost.tasks.chmm;

import java.util.Arrays;

/**
 * The product of a block of latent vectors with a feature matrix, {@code Z = C F}, in float.
 *
 * <p>An i-k-j loop over four rows of C at a time: the innermost loop runs along one row of F into four
 * row accumulators, all indexed from 0, which is the form the JIT vectorises (with an offset into a
 * shared array it does not, and runs about 6 times slower). Each element of Z sums its terms
 * {@code c[i][k] * f[k][j]} in increasing k with separate multiply and add, so the bits of Z do not depend
 * on how rows are grouped into blocks, quartets or threads.
 */
public final class LatentProduct {
    private LatentProduct() {
    }

    /**
     * {@code out = c f}.
     *
     * @param c    rows x inner, row-major. Not modified.
     * @param f    inner rows of length cols. Not modified.
     * @param out  rows x cols, row-major. Modified (overwritten).
     */
    public static void multiply(float[] c, int rows, int inner, float[][] f, int cols, float[] out) {
        if (c.length < rows * inner || f.length < inner || out.length < rows * cols) {
            throw new IllegalArgumentException("arrays too short for " + rows + "x" + inner + " times "
                    + inner + "x" + cols);
        }
        float[] acc0 = new float[cols];
        float[] acc1 = new float[cols];
        float[] acc2 = new float[cols];
        float[] acc3 = new float[cols];
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            Arrays.fill(acc0, 0f);
            Arrays.fill(acc1, 0f);
            Arrays.fill(acc2, 0f);
            Arrays.fill(acc3, 0f);
            for (int k = 0; k < inner; k++) {
                float c0 = c[i * inner + k];
                float c1 = c[(i + 1) * inner + k];
                float c2 = c[(i + 2) * inner + k];
                float c3 = c[(i + 3) * inner + k];
                float[] fk = f[k];
                for (int j = 0; j < cols; j++) {
                    float v = fk[j];
                    acc0[j] += c0 * v;
                    acc1[j] += c1 * v;
                    acc2[j] += c2 * v;
                    acc3[j] += c3 * v;
                }
            }
            System.arraycopy(acc0, 0, out, i * cols, cols);
            System.arraycopy(acc1, 0, out, (i + 1) * cols, cols);
            System.arraycopy(acc2, 0, out, (i + 2) * cols, cols);
            System.arraycopy(acc3, 0, out, (i + 3) * cols, cols);
        }
        for (; i < rows; i++) {
            Arrays.fill(acc0, 0f);
            for (int k = 0; k < inner; k++) {
                float c0 = c[i * inner + k];
                float[] fk = f[k];
                for (int j = 0; j < cols; j++) {
                    acc0[j] += c0 * fk[j];
                }
            }
            System.arraycopy(acc0, 0, out, i * cols, cols);
        }
    }

    /** The rows of a row-major {@code rows x cols} matrix as separate arrays. {@code m} is not modified. */
    public static float[][] rowsOf(float[] m, int rows, int cols) {
        float[][] out = new float[rows][];
        for (int k = 0; k < rows; k++) {
            out[k] = Arrays.copyOfRange(m, k * cols, (k + 1) * cols);
        }
        return out;
    }
}
