package org.defrost.linearprobe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class StandardisationTest {
    @Test
    void fittedColumnsGetMeanZeroAndUnitDeviationAndConstantColumnsAreOnlyCentred() {
        SplittableRandom rng = new SplittableRandom(3);
        int rows = 37;
        int cols = 5;
        FMatrixRMaj x = new FMatrixRMaj(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                x.set(r, c, c == 2 ? 4.5f : (float) (rng.nextGaussian() * (c + 1) * 3 + c * 10));
            }
        }
        Standardisation s = Standardisation.fit(x);
        for (int c = 0; c < cols; c++) {
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < rows; r++) {
                sum += x.get(r, c);
            }
            for (int r = 0; r < rows; r++) {
                squares += (x.get(r, c) - sum / rows) * (x.get(r, c) - sum / rows);
            }
            assertEquals(sum / rows, s.mean()[c], 1e-4);
            assertEquals(c == 2 ? 1.0 : 1 / Math.sqrt(squares / rows), s.scale()[c], 1e-5);
        }
        FMatrixRMaj y = x.copy();
        s.apply(y);
        for (int c = 0; c < cols; c++) {
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < rows; r++) {
                sum += y.get(r, c);
                squares += y.get(r, c) * y.get(r, c);
            }
            assertEquals(0, sum / rows, 1e-5);
            assertEquals(c == 2 ? 0 : 1, squares / rows, 1e-4);
        }
    }

    @Test
    void applyingUsesTheFittedStatisticsOnOtherRows() {
        Standardisation s = new Standardisation(new float[] {1f, -2f}, new float[] {0.5f, 2f});
        FMatrixRMaj other = new FMatrixRMaj(new float[][] {{3f, 0f}, {1f, -2f}, {-1f, -2.5f}});
        s.apply(other);
        assertArrayEquals(new float[] {1f, 4f, 0f, 0f, -1f, -1f}, other.data);
        assertThrows(IllegalArgumentException.class, () -> s.apply(new FMatrixRMaj(2, 3)));
    }
}
