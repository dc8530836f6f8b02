package org.defrost.similarity.knn;

import static org.defrost.similarity.TestMatrices.column;
import static org.defrost.similarity.TestMatrices.gaussian;
import static org.defrost.similarity.TestMatrices.representation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.defrost.similarity.InvalidSimilarityInputException;
import org.defrost.similarity.Oracles;
import org.defrost.similarity.SimilarityMeasure;
import org.defrost.similarity.SimilarityResult;
import org.defrost.similarity.SubsetPlan;
import org.defrost.similarity.TestMatrices;
import org.defrost.spi.Seed;
import org.junit.jupiter.api.Test;

class NeighbourMeasuresTest {
    private static final SubsetPlan ALL_POINTS = SubsetPlan.standard();
    // 1-D points whose neighbour lists are worked out by hand below; B has a tie at point 2 (0 and 3
    // are both at distance 1), which row order breaks in favour of point 0.
    private static final double[][] A = column(0, 1, 3, 7);
    private static final double[][] B = column(0, 5, 1, 2);

    private static SimilarityResult result(SimilarityMeasure m, double[][] a, double[][] b) {
        return m.compute(representation("A", a), b == null ? null : representation("B", b));
    }

    private static double value(SimilarityMeasure m, double[][] a, double[][] b) {
        return result(m, a, b).value();
    }

    @Test
    void informationImbalanceOfHandWorkedPointsInBothDirections() {
        // A's nearest neighbours 0→1, 1→0, 2→1, 3→2 have B-ranks 3, 3, 3, 1: Δ = 2 · 2.5 / 4.
        assertEquals(1.25, value(new InformationImbalance(1, ALL_POINTS), A, B), 1e-15);
        // B's nearest neighbours 0→2, 1→3, 2→0 (tie), 3→2 have A-ranks 2, 3, 2, 1: Δ = 2 · 2 / 4.
        assertEquals(1.0, value(new InformationImbalance(1, ALL_POINTS), B, A), 1e-15);
    }

    @Test
    void neighbourhoodOverlapOfHandWorkedPoints() {
        // k = 1: only point 3 has the same nearest neighbour (2) in A and B.
        assertEquals(0.25, value(new NeighbourhoodOverlap(1, ALL_POINTS), A, B), 1e-15);
        // k = 2: A {1,2} {0,2} {1,0} {2,1} against B {2,3} {3,2} {0,3} {2,0} share one point each.
        assertEquals(0.5, value(new NeighbourhoodOverlap(2, ALL_POINTS), A, B), 1e-15);
    }

    @Test
    void labelOverlapOfHandWorkedPoints() {
        // Nearest neighbours 0→1, 1→0, 2→1, 3→2 with labels 0,0,1,1: three of four share the label.
        assertEquals(0.75, value(new LabelOverlap(1, new int[] {0, 0, 1, 1}, ALL_POINTS), A, null), 1e-15);
    }

    @Test
    void twoNnOfHandWorkedPoints() {
        // Points 0, 1, 3, 7, 15: μ = 3, 2, 1.5, 1.5, 1.5. n_eff = 4 keeps log 1.5 (three times) and log 2,
        // fitted against y_i = −log(1 − i/5).
        double[] x = {Math.log(1.5), Math.log(1.5), Math.log(1.5), Math.log(2)};
        double xy = 0;
        double xx = 0;
        for (int i = 1; i <= 4; i++) {
            xy += x[i - 1] * -Math.log(1 - i / 5.0);
            xx += x[i - 1] * x[i - 1];
        }
        assertEquals(xy / xx, value(new TwoNn(ALL_POINTS), column(0, 1, 3, 7, 15), null), 1e-14);
    }

    @Test
    void everyNeighbourMeasureMatchesItsNaiveOracleOnSmallRandomData() {
        for (int[] s : new int[][] {{5, 2, 3}, {23, 4, 6}, {61, 8, 3}}) {
            double[][] a = gaussian(100 + s[0], s[0], s[1]);
            double[][] b = gaussian(200 + s[0], s[0], s[2]);
            int[] labels = new int[s[0]];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (i * 7) % 3;
            }
            for (int k = 1; k <= Math.min(4, s[0] - 1); k++) {
                assertEquals(Oracles.informationImbalance(a, b, k),
                        value(new InformationImbalance(k, ALL_POINTS), a, b), 1e-14);
                assertEquals(Oracles.neighbourhoodOverlap(a, b, k),
                        value(new NeighbourhoodOverlap(k, ALL_POINTS), a, b), 1e-14);
                assertEquals(Oracles.labelOverlap(a, labels, k),
                        value(new LabelOverlap(k, labels, ALL_POINTS), a, null), 1e-14);
            }
            assertEquals(Oracles.twoNn(a), value(new TwoNn(ALL_POINTS), a, null), 1e-9);
        }
    }

    @Test
    void informationImbalanceOfARepresentationWithItselfIsTwoOverN() {
        double[][] a = gaussian(1, 300, 6);
        assertEquals(2.0 / 300, value(new InformationImbalance(1, ALL_POINTS), a, a), 1e-15);
        // With k neighbours their ranks are 1..k: Δ = 2 · ((k+1)/2) / n.
        assertEquals(4.0 / 300, value(new InformationImbalance(3, ALL_POINTS), a, a), 1e-15);
    }

    @Test
    void informationImbalanceAgainstAnIndependentSpaceIsNearOne() {
        // Ranks of unrelated neighbours are uniform on 1..n−1, so Δ has mean 1 and standard deviation
        // about 2/√(12n) ≈ 0.018 at n = 1000; 0.08 is over four standard deviations.
        double[][] a = gaussian(2, 1000, 10);
        double[][] b = gaussian(3, 1000, 10);
        assertEquals(1.0, value(new InformationImbalance(1, ALL_POINTS), a, b), 0.08);
    }

    @Test
    void neighbourhoodOverlapOfARepresentationWithItsRotatedScaledCopyIsOne() {
        double[][] a = gaussian(4, 200, 5);
        double[][] moved = TestMatrices.scale(TestMatrices.multiply(a, TestMatrices.orthogonal(5, 5)), 3);
        assertEquals(1.0, value(new NeighbourhoodOverlap(30, ALL_POINTS), a, a), 0.0);
        assertEquals(1.0, value(new NeighbourhoodOverlap(30, ALL_POINTS), a, moved), 0.0);
    }

    @Test
    void twoNnRecoversTheDimensionOfALinearlyEmbeddedGaussian() {
        // d = 5 Gaussian through a random 5 × 50 linear map, n = 2000 (one set). Over 30 seeds of this
        // construction the estimate had mean 5.05 and standard deviation 0.16 (range 4.70 to 5.34, this
        // seed giving 5.34), so ±0.6 is about four standard deviations.
        double[][] z = gaussian(6, 2000, 5);
        double[][] x = TestMatrices.multiply(z, gaussian(7, 5, 50));
        assertEquals(5.0, value(new TwoNn(ALL_POINTS), x, null), 0.6);
    }

    @Test
    void duplicatePointsAreNeverTheirOwnNeighbours() {
        // Points 0 and 1 coincide, so each is the other's nearest neighbour at distance 0.
        double[][] a = {{1, 1}, {1, 1}, {2, 1}, {5, 5}, {1, 3}};
        assertEquals(Oracles.informationImbalance(a, a, 1),
                value(new InformationImbalance(1, ALL_POINTS), a, a), 1e-15);
        assertEquals(Oracles.neighbourhoodOverlap(a, column(3, 1, 4, 1, 5), 2),
                value(new NeighbourhoodOverlap(2, ALL_POINTS), a, column(3, 1, 4, 1, 5)), 1e-15);
    }

    @Test
    void twoNnIsNaNWhenTooManyPointsHaveADuplicate() {
        double[][] a = {{0}, {0}, {1}, {1}, {2}, {2}, {3}, {3}, {4}, {4}};
        assertTrue(Double.isNaN(value(new TwoNn(ALL_POINTS), a, null)));
    }

    @Test
    void manyPointsAreSplitIntoSubsetsReportedWithAStandardError() {
        SubsetPlan plan = new SubsetPlan(100, Seed.of(9));
        double[][] a = gaussian(8, 350, 4);
        double[][] b = gaussian(9, 350, 4);
        SimilarityResult r = result(new InformationImbalance(1, plan), a, b);
        assertEquals(4, r.subsets());
        assertTrue(r.stderr().isPresent());
        assertTrue(r.stderr().getAsDouble() > 0 && r.stderr().getAsDouble() < 0.2);
        // Subsets of 87 or 88 points: Δ(A→A) is 2/87 or 2/88 on each.
        double self = result(new InformationImbalance(1, plan), a, a).value();
        assertEquals((2 * 2.0 / 88 + 2 * 2.0 / 87) / 4, self, 1e-15);
        assertEquals(r.value(), result(new InformationImbalance(1, plan), a, b).value(), 0.0);
    }

    @Test
    void aSubsetValueEqualsTheMeasureOnThatSubsetAlone() {
        SubsetPlan plan = new SubsetPlan(40, Seed.of(3));
        double[][] a = gaussian(10, 90, 3);
        double[][] b = gaussian(11, 90, 2);
        int[][] subsets = plan.partition(90);
        double sum = 0;
        for (int[] rows : subsets) {
            double[][] sa = new double[rows.length][];
            double[][] sb = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                sa[i] = a[rows[i]];
                sb[i] = b[rows[i]];
            }
            sum += Oracles.neighbourhoodOverlap(sa, sb, 5);
        }
        assertEquals(sum / subsets.length, value(new NeighbourhoodOverlap(5, plan), a, b), 1e-14);
    }

    @Test
    void kTooLargeForTheSubsetsIsRejectedWithTheNumbers() {
        InvalidSimilarityInputException e = assertThrows(InvalidSimilarityInputException.class,
                () -> value(new NeighbourhoodOverlap(30, ALL_POINTS), gaussian(12, 20, 2), gaussian(13, 20, 2)));
        assertEquals("neighborhood-overlap with k = 30 needs at least 31 points, but there are 20 points; "
                + "lower k or raise the subset size", e.getMessage());
        SubsetPlan small = new SubsetPlan(10, Seed.of(1));
        e = assertThrows(InvalidSimilarityInputException.class,
                () -> value(new InformationImbalance(9, small), gaussian(12, 25, 2), gaussian(13, 25, 2)));
        assertEquals("information-imbalance with k = 9 needs at least 10 points, but the 25 points are split "
                + "into 3 subsets of as few as 8; lower k or raise the subset size", e.getMessage());
    }

    @Test
    void aMissingSecondRepresentationIsRejected() {
        InvalidSimilarityInputException e = assertThrows(InvalidSimilarityInputException.class,
                () -> value(new InformationImbalance(1, ALL_POINTS), A, null));
        assertEquals("information-imbalance compares two representations; give B as well as A", e.getMessage());
    }

    @Test
    void labelsOfTheWrongLengthAreRejected() {
        InvalidSimilarityInputException e = assertThrows(InvalidSimilarityInputException.class,
                () -> value(new LabelOverlap(1, new int[] {0, 1}, ALL_POINTS), A, null));
        assertEquals("labels has 2 entries but the representation has 4 rows; give one label per row", e.getMessage());
    }

    @Test
    void symmetryFlagsMatchTheDefinitions() {
        assertFalse(new InformationImbalance(1, ALL_POINTS).symmetric());
        assertTrue(new NeighbourhoodOverlap(1, ALL_POINTS).symmetric());
        assertFalse(new TwoNn(ALL_POINTS).comparesTwo());
    }
}
