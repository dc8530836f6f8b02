package org.defrost.similarity.cka;

import static org.defrost.similarity.TestMatrices.gaussian;
import static org.defrost.similarity.TestMatrices.representation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.defrost.similarity.InvalidSimilarityInputException;
import org.defrost.similarity.Oracles;
import org.defrost.similarity.Representation;
import org.defrost.similarity.SimilarityMeasure;
import org.defrost.similarity.TestMatrices;
import org.junit.jupiter.api.Test;

class CkaTest {
    private static final List<SimilarityMeasure> ALL = List.of(new LinearCka(), new DebiasedCka(), new RbfCka(0.8));

    private static double value(SimilarityMeasure m, double[][] a, double[][] b) {
        return m.compute(representation("A", a), representation("B", b)).value();
    }

    @Test
    void everyVariantIsOneBetweenARepresentationAndItsRotatedScaledCopy() {
        // All three hold: the linear Grams scale by c² under A·Q·c, and the RBF bandwidth follows the
        // median distance, which scales by c² too.
        double[][] a = gaussian(1, 60, 12);
        double[][] rotated = TestMatrices.scale(TestMatrices.multiply(a, TestMatrices.orthogonal(2, 12)), -2.5);
        for (SimilarityMeasure m : ALL) {
            assertEquals(1.0, value(m, a, rotated), 1e-10, m.name());
        }
    }

    @Test
    void everyVariantIsOneBetweenARepresentationAndItself() {
        double[][] a = gaussian(3, 40, 7);
        for (SimilarityMeasure m : ALL) {
            assertEquals(1.0, value(m, a, a), 1e-12, m.name());
        }
    }

    @Test
    void everyVariantIgnoresTranslation() {
        double[][] a = gaussian(4, 30, 5);
        double[][] b = gaussian(5, 30, 3);
        double[][] moved = TestMatrices.translate(b, new double[] {100, -7, 3e3});
        for (SimilarityMeasure m : ALL) {
            assertEquals(value(m, a, b), value(m, a, moved), 1e-9, m.name());
        }
    }

    @Test
    void linearCkaMatchesTheKernelFormOnTinyAndModerateMatrices() {
        for (int[] s : new int[][] {{3, 2, 1}, {5, 3, 4}, {37, 9, 26}}) {
            double[][] a = gaussian(10 + s[0], s[0], s[1]);
            double[][] b = gaussian(20 + s[0], s[0], s[2]);
            assertEquals(Oracles.linearCka(a, b), value(new LinearCka(), a, b), 1e-12);
        }
    }

    @Test
    void linearCkaOfTwoOneDimensionalRepresentationsIsTheSquaredCorrelation() {
        // Centred a = (-1, 0, 1), b = (0, -1, 1): (bᵀa)² / (aᵀa · bᵀb) = 1 / (2 · 2).
        double v = value(new LinearCka(), TestMatrices.column(1, 2, 3), TestMatrices.column(1, 0, 2));
        assertEquals(0.25, v, 1e-15);
    }

    @Test
    void linearCkaUsesThePointGramWhenFeaturesOutnumberPoints() {
        double[][] a = gaussian(6, 8, 40);
        double[][] b = gaussian(7, 8, 3);
        assertEquals(Oracles.linearCka(a, b), value(new LinearCka(), a, b), 1e-12);
    }

    @Test
    void debiasedCkaMatchesSongsUnbiasedEstimator() {
        for (int[] s : new int[][] {{4, 1, 2}, {5, 3, 2}, {29, 6, 11}}) {
            double[][] a = gaussian(30 + s[0], s[0], s[1]);
            double[][] b = gaussian(40 + s[0], s[0], s[2]);
            assertEquals(Oracles.debiasedCka(a, b), value(new DebiasedCka(), a, b), 1e-10);
        }
    }

    @Test
    void debiasedCkaOfAHandComputedPair() {
        // a = (1,2,3,4), b = (1,3,2,4) centred: ||bᵀa||² = 16, Σ a_i²b_i² = 10.25, ||a||² = ||b||² = 5, n = 4:
        // hsic(a,b) = 16 − 2·10.25 + 25/6 = −1/3 and hsic(a,a) = hsic(b,b) = 25 − 20.5 + 25/6 = 26/3.
        double v = value(new DebiasedCka(), TestMatrices.column(1, 2, 3, 4), TestMatrices.column(1, 3, 2, 4));
        assertEquals(-1.0 / 26, v, 1e-14);
    }

    @Test
    void rbfCkaMatchesTheKernelFormWithNumpysMedian() {
        for (int[] s : new int[][] {{2, 1, 1}, {3, 2, 2}, {5, 3, 1}, {24, 4, 7}}) {
            double[][] a = gaussian(50 + s[0], s[0], s[1]);
            double[][] b = gaussian(60 + s[0], s[0], s[2]);
            for (double t : new double[] {0.5, 1.0, 2.0}) {
                assertEquals(Oracles.rbfCka(a, b, t), value(new RbfCka(t), a, b), 1e-12);
            }
        }
    }

    @Test
    void medianOfAllPairsCountsTheDiagonalZerosAndBothOrders() {
        // Points 0, 1, 3: the nine entries sorted are 0,0,0,1,1,4,4,9,9.
        double[] d3 = {0, 1, 9, 1, 0, 4, 9, 4, 0};
        assertEquals(1, CentredRbfKernel.medianOfAllPairs(d3, 3), 0.0);
        // Two points at squared distance 6: entries 0,0,6,6, median (0 + 6) / 2.
        assertEquals(3, CentredRbfKernel.medianOfAllPairs(new double[] {0, 6, 6, 0}, 2), 0.0);
        double[][] x = gaussian(8, 10, 3);
        double[] d = new double[100];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                d[i * 10 + j] = Oracles.squaredDistance(x[i], x[j]);
            }
        }
        assertEquals(Oracles.medianSquaredDistance(x), CentredRbfKernel.medianOfAllPairs(d, 10), 1e-12);
    }

    @Test
    void aRepresentationWithoutVarianceGivesNaN() {
        double[][] constant = new double[6][2];
        double[][] b = gaussian(9, 6, 2);
        for (SimilarityMeasure m : ALL) {
            assertTrue(Double.isNaN(value(m, constant, b)), m.name());
        }
    }

    @Test
    void tooFewPointsOrAMissingSecondRepresentationIsRejected() {
        Representation three = representation("A", gaussian(10, 3, 2));
        InvalidSimilarityInputException e = assertThrows(InvalidSimilarityInputException.class,
                () -> new DebiasedCka().compute(three, three));
        assertEquals("debiased-cka needs at least 4 points, got 3", e.getMessage());
        e = assertThrows(InvalidSimilarityInputException.class, () -> new LinearCka().compute(three, null));
        assertEquals("linear-cka compares two representations; give B as well as A", e.getMessage());
    }
}
