package org.defrost.report.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {
    @Test
    void monotoneRelationsGiveOneOrMinusOne() {
        double[] x = {1, 2, 3, 4, 5};
        assertEquals(1.0, RankCorrelation.spearman(x, new double[]{1, 4, 9, 16, 25}), 1e-12);
        assertEquals(-1.0, RankCorrelation.spearman(x, new double[]{5, 3, 2, 0, -8}), 1e-12);
    }

    @Test
    void tiesTakeTheMeanOfTheirRanksAndMatchAHandComputedValue() {
        assertArrayEquals(new double[]{1.5, 1.5, 3, 4.5, 4.5}, RankCorrelation.ranks(new double[]{0, 0, 1, 2, 2}));
        // deviations of the ranks from 3: x (-1.5, -1.5, 0, 1.5, 1.5), y (-2, -1, 0, 1, 2); sums of products 9, of
        // squares 9 and 10: rho = 9 / sqrt(90) = 0.9487
        assertEquals(9 / Math.sqrt(90), RankCorrelation.spearman(new double[]{0, 0, 1, 2, 2},
                new double[]{1, 2, 3, 4, 5}), 1e-12);
    }

    @Test
    void undefinedForAConstantVariableOrFewerThanThreePoints() {
        assertTrue(Double.isNaN(RankCorrelation.spearman(new double[]{1, 1, 1}, new double[]{1, 2, 3})));
        assertTrue(Double.isNaN(RankCorrelation.spearman(new double[]{1, 2}, new double[]{1, 2})));
    }

    /** x in 0..5 by group-of-4 points over 12 groups, y = x + noise (related) or pure noise. */
    private static double[][] data(SplittableRandom r, boolean related) {
        int n = 48;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(6);
            y[i] = related ? x[i] + r.nextDouble() * 1.5 : r.nextDouble();
        }
        return new double[][]{x, y};
    }

    private static int[] groups() {
        int[] group = new int[48];
        for (int i = 0; i < group.length; i++) {
            group[i] = i / 4;
        }
        return group;
    }

    @Test
    void bootstrapIntervalIsReproducibleAndExcludesZeroForARealRelation() {
        double[][] d = data(new SplittableRandom(3), true);
        double[] a = RankCorrelation.bootstrapInterval(d[0], d[1], groups(), 500, 0.95, 7);
        assertArrayEquals(a, RankCorrelation.bootstrapInterval(d[0], d[1], groups(), 500, 0.95, 7));
        assertTrue(a[0] > 0.5 && a[1] <= 1, a[0] + " " + a[1]);
    }

    @Test
    void bootstrapIntervalCoversZeroForUnrelatedVariablesAtAboutTheNominalRate() {
        SplittableRandom r = new SplittableRandom(11);
        int trials = 200;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            double[][] d = data(r, false);
            double[] i = RankCorrelation.bootstrapInterval(d[0], d[1], groups(), 300, 0.95, t);
            covered += i[0] <= 0 && i[1] >= 0 ? 1 : 0;
        }
        // nominal 95%; a percentile bootstrap over 12 groups runs a little short of it
        assertTrue(covered >= 0.88 * trials, covered + " of " + trials);
    }

    @Test
    void fewerThanThreeGroupsGiveNoInterval() {
        double[] v = {1, 2, 3, 4};
        double[] out = RankCorrelation.bootstrapInterval(v, v, new int[4], 100, 0.95, 1);
        assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]));
        double[] two = RankCorrelation.bootstrapInterval(v, new double[]{1, 3, 2, 4}, new int[]{0, 0, 1, 1}, 100, 0.95, 1);
        assertTrue(Double.isNaN(two[0]) && Double.isNaN(two[1]), "two groups would give an interval of width 0");
    }
}
