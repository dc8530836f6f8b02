package org.defrost.tasks.chmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatentProductTest {
    /** Plain triple loop with the same summation order: k ascending, multiply then add. */
    private static float[] naive(float[] c, int rows, int inner, float[] f, int cols) {
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float s = 0;
                for (int k = 0; k < inner; k++) {
                    s += c[i * inner + k] * f[k * cols + j];
                }
                out[i * cols + j] = s;
            }
        }
        return out;
    }

    private static float[] random(int n, SplittableRandom r) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    @Test
    void equalsTheNaiveLoopBitForBitOnAwkwardShapes() {
        SplittableRandom r = new SplittableRandom(5);
        for (int rows : new int[] {0, 1, 3, 4, 5, 7, 9}) {
            for (int inner : new int[] {1, 2, 5, 17}) {
                for (int cols : new int[] {1, 3, 16, 33, 130}) {
                    float[] c = random(rows * inner, r);
                    float[] f = random(inner * cols, r);
                    float[] out = new float[rows * cols];
                    LatentProduct.multiply(c, rows, inner, LatentProduct.rowsOf(f, inner, cols), cols, out);
                    assertArrayEquals(naive(c, rows, inner, f, cols), out, rows + "x" + inner + "x" + cols);
                }
            }
        }
    }

    @Test
    void overwritesStaleOutput() {
        float[] out = {9f, 9f, 9f, 9f};
        LatentProduct.multiply(new float[] {1f, 2f}, 2, 1, new float[][] {{3f, 4f}}, 2, out);
        assertArrayEquals(new float[] {3f, 4f, 6f, 8f}, out);
    }
}
