package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ElementOps#columnSumsInPrecision}: each column summed as one chain of additions in row order, compared bit
 * for bit with that chain written out, for the Vector API and the plain float ops and in double; column ranges
 * that start and end off the vector width; outside the range nothing is written.
 */
class ColumnSumsTest {
    @ParameterizedTest(name = "{0}×{1}, columns [{2}, {3})")
    @CsvSource({"1, 1, 0, 1", "7, 3, 0, 3", "5, 32, 0, 32", "9, 64, 3, 61", "130, 40, 0, 40", "3, 17, 16, 17",
        "0, 8, 0, 8", "1001, 96, 8, 96"})
    void columnSumsAreTheChainOfAdditionsInRowOrder(int rows, int cols, int c0, int c1) {
        SplittableRandom r = new SplittableRandom(rows * 31L + cols);
        float[] g = new float[rows * cols];
        double[] gd = new double[rows * cols];
        for (int i = 0; i < g.length; i++) {
            // values of many magnitudes, so that the order of the additions shows in the last bits
            g[i] = (float) (r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-3, 4)));
            gd[i] = g[i];
        }
        float[] expected = new float[cols];
        double[] expectedD = new double[cols];
        for (int c = c0; c < c1; c++) {
            float s = 0f;
            double sd = 0;
            for (int i = 0; i < rows; i++) {
                s += g[i * cols + c];
                sd += gd[i * cols + c];
            }
            expected[c] = s;
            expectedD[c] = sd;
        }
        for (ElementOps<float[]> ops : List.of(new FloatElementOps(), new VectorFloatElementOps())) {
            float[] out = new float[cols];
            Arrays.fill(out, 0, c0, 7f);
            Arrays.fill(out, c1, cols, 7f);
            float[] untouched = out.clone();
            ops.columnSumsInPrecision(g, rows, cols, c0, c1, out);
            for (int c = 0; c < cols; c++) {
                float want = c >= c0 && c < c1 ? expected[c] : untouched[c];
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(out[c]),
                        ops.getClass().getSimpleName() + " column " + c + ": " + out[c] + " vs " + want);
            }
        }
        double[] outD = new double[cols];
        ElementOps.DOUBLE.columnSumsInPrecision(gd, rows, cols, c0, c1, outD);
        for (int c = c0; c < c1; c++) {
            assertEquals(Double.doubleToRawLongBits(expectedD[c]), Double.doubleToRawLongBits(outD[c]));
        }
    }

    @ParameterizedTest(name = "{0} rows")
    @CsvSource({"4", "5"})
    void negativeZerosSumToPositiveZeroAsTheChainFromZeroDoes(int rows) {
        float[] g = new float[rows * 16];
        Arrays.fill(g, -0f);
        float[] plain = new float[16];
        float[] vector = new float[16];
        new FloatElementOps().columnSumsInPrecision(g, rows, 16, 0, 16, plain);
        new VectorFloatElementOps().columnSumsInPrecision(g, rows, 16, 0, 16, vector);
        float[] zeros = new float[16];
        assertArrayEquals(zeros, plain);
        assertArrayEquals(zeros, vector);
    }
}
