package org.defrost.similarity.cca;

import static org.defrost.similarity.TestMatrices.column;
import static org.defrost.similarity.TestMatrices.gaussian;
import static org.defrost.similarity.TestMatrices.representation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.defrost.similarity.SimilarityMeasure;
import org.defrost.similarity.TestMatrices;
import org.junit.jupiter.api.Test;

class CcaMeasuresTest {

    private static double value(SimilarityMeasure m, double[][] a, double[][] b) {
        return m.compute(representation("A", a), representation("B", b)).value();
    }

    /** A well-conditioned invertible map: a rotation times a diagonal scaling between 1 and 2. */
    private static double[][] invertibleMap(long seed, int p) {
        double[][] q = TestMatrices.orthogonal(seed, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                q[i][j] *= 1 + (double) j / Math.max(1, p - 1);
            }
        }
        return q;
    }

    @Test
    void svccaAndPwccaAreOneBetweenARepresentationAndAnInvertibleMapOfIt() {
        double[][] a = gaussian(1, 300, 8);
        double[][] b = TestMatrices.multiply(a, invertibleMap(2, 8));
        assertEquals(1.0, value(new Svcca(), a, b), 1e-9);
        assertEquals(1.0, value(new Pwcca(), a, b), 1e-9);
        assertEquals(1.0, value(new Pwcca(), b, a), 1e-9);
    }

    @Test
    void rankDeficientRepresentationsAreComparedOnTheirColumnSpaces() {
        // Rank 3 embedded in 10 columns: the 7 null directions must be dropped, not matched.
        double[][] a = CcaOracles.lowRank(3, 120, 3, 10);
        double[][] b = TestMatrices.multiply(a, invertibleMap(4, 10));
        assertEquals(1.0, value(new Svcca(), a, b), 1e-8);
        assertEquals(1.0, value(new Pwcca(), a, b), 1e-8);
    }

    @Test
    void oneDimensionalRepresentationsGiveTheAbsoluteCorrelation() {
        // Centred a = (-1, 0, 1), b = (0, -1, 1): correlation 1/2; a sign flip does not matter.
        double[][] a = column(1, 2, 3);
        assertEquals(0.5, value(new Svcca(), a, column(1, 0, 2)), 1e-14);
        assertEquals(0.5, value(new Pwcca(), a, column(1, 0, 2)), 1e-14);
        assertEquals(0.5, value(new Svcca(), a, column(-1, 0, -2)), 1e-14);
    }

    @Test
    void svccaMatchesTheDataMatrixSvdOracle() {
        for (int[] s : new int[][] {{6, 2, 3}, {40, 5, 7}, {25, 30, 4}}) {
            double[][] a = gaussian(10 + s[0], s[0], s[1]);
            double[][] b = gaussian(20 + s[0], s[0], s[2]);
            assertEquals(CcaOracles.svcca(a, b), value(new Svcca(), a, b), 1e-9, "shape " + s[0] + "×" + s[1]);
        }
    }

    @Test
    void pwccaMatchesTheCovarianceWhiteningOracleFromEitherSide() {
        for (int[] s : new int[][] {{7, 2, 3}, {50, 6, 4}, {33, 5, 5}}) {
            double[][] a = gaussian(30 + s[0], s[0], s[1]);
            double[][] b = gaussian(40 + s[0], s[0], s[2]);
            assertEquals(CcaOracles.pwcca(a, b), value(new Pwcca(), a, b), 1e-9, "shape " + s[0] + "×" + s[1]);
        }
    }

    @Test
    void procrustesIsZeroForARotatedScaledCopy() {
        double[][] a = gaussian(5, 50, 6);
        double[][] rotated = TestMatrices.multiply(a, TestMatrices.orthogonal(6, 6));
        assertEquals(0.0, value(new ProcrustesDistance(), a, rotated), 1e-12);
        assertEquals(0.0, value(new ProcrustesDistance(), a, TestMatrices.scale(rotated, -4)), 1e-12);
        assertEquals(0.0, value(new ProcrustesDistance(), a, a), 1e-12);
    }

    @Test
    void procrustesOfOneDimensionalRepresentations() {
        // Normalised centred a = (-1, 0, 1)/√2, b = (0, -1, 1)/√2: ||âᵀb̂||_* = 1/2, distance 2 − 1.
        assertEquals(1.0, value(new ProcrustesDistance(), column(1, 2, 3), column(1, 0, 2)), 1e-15);
    }

    @Test
    void procrustesMatchesTheResidualOfTheOptimalRotation() {
        for (int[] s : new int[][] {{5, 3, 3}, {30, 4, 2}, {18, 2, 6}}) {
            double[][] a = gaussian(50 + s[0], s[0], s[1]);
            double[][] b = gaussian(60 + s[0], s[0], s[2]);
            assertEquals(CcaOracles.procrustes(a, b), value(new ProcrustesDistance(), a, b), 1e-12);
        }
    }

    @Test
    void aRepresentationWithoutVarianceGivesNaN() {
        double[][] constant = {{1, 2}, {1, 2}, {1, 2}, {1, 2}};
        for (SimilarityMeasure m : List.of(new Svcca(), new Pwcca(), new ProcrustesDistance())) {
            assertTrue(Double.isNaN(value(m, constant, gaussian(7, 4, 2))), m.name());
        }
    }
}
