package org.defrost.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransferStatisticsTest {
    private static final List<String> INITS = List.of("random", "pretrained");

    private static TransferStatistics.Settings settings(int layers) {
        return new TransferStatistics.Settings(layers, INITS, 0.05, 2000, 17, false);
    }

    /** One init ("random"), depths 0..L; {@code val[depth][seed]} and {@code test[depth][seed]}. */
    private static List<TransferStatistics.Observation> sweep(double[][] val, double[][] test) {
        List<TransferStatistics.Observation> out = new ArrayList<>();
        int layers = val.length - 1;
        for (int depth = 0; depth < val.length; depth++) {
            for (int seed = 0; seed < val[depth].length; seed++) {
                out.add(new TransferStatistics.Observation(100, 100, 50, "random", depth == layers ? "pretrained" : "random",
                        depth, seed, val[depth][seed], test[depth][seed]));
            }
        }
        return out;
    }

    @Test
    void depthIsChosenOnValidationErrorAndReportedWithItsTestErrorAndHandComputedStatistics() {
        // validation prefers depth 1; test errors alone would prefer depth 2 (the oracle)
        double[][] val = {{0.30, 0.34, 0.32}, {0.20, 0.22, 0.24}, {0.25, 0.27, 0.29}};
        double[][] test = {{0.30, 0.32, 0.34}, {0.25, 0.27, 0.29}, {0.20, 0.22, 0.24}};
        TransferStatistics s = new TransferStatistics(sweep(val, test), settings(2));
        TransferStatistics.Optimum o = s.optima.get(0);
        assertEquals(1, o.chosen().depth());
        assertEquals(0.27, o.chosen().meanTest(), 1e-12);
        assertEquals(0.02 / Math.sqrt(3), o.stderrTestError(), 1e-12);
        assertEquals(0.22, o.chosen().meanValidation(), 1e-12);
        assertEquals(0.05, o.gainOverScratch().value(), 1e-12);
        assertEquals(-0.05, o.gainOverStandard().value(), 1e-12);
        assertEquals(2, o.oracle().depth());
        // every paired difference with scratch is exactly 0.05: zero spread, a certain improvement
        assertEquals(0.0, o.pValueVsScratch());
        assertEquals(1.0, o.pValueVsStandard());
        assertTrue(s.significant(o.pValueVsScratch()));
        // the neighbours are depth 0 (beaten) and depth 2 (not beaten): the larger p-value counts
        assertEquals(1.0, o.pValueVsNeighbours());
        // every resample chooses depth 1 (validation differences are the same for all seeds)
        assertEquals(1.0, o.chosen().probabilityBest(), 1e-12);
        assertEquals(0.05, o.gainOverScratch().low(), 1e-12);
        assertEquals(0.05, o.gainOverScratch().high(), 1e-12);
    }

    @Test
    void eachTargetSizeReportsItsOwnChoiceAndItsOwnCells() {
        List<TransferStatistics.Observation> obs = new ArrayList<>();
        for (int n : new int[] {40, 400}) {
            for (int d = 0; d <= 2; d++) {
                for (int seed = 0; seed < 3; seed++) {
                    // at n = 40 depth 2 validates best, at n = 400 depth 0; test errors differ between sizes
                    double val = n == 40 ? 0.5 - 0.1 * d : 0.2 + 0.1 * d;
                    obs.add(new TransferStatistics.Observation(n, n, 50, "random", d == 2 ? "pretrained" : "random", d,
                            seed, val + 0.01 * seed, n / 1000.0 + d / 100.0 + seed / 1000.0));
                }
            }
        }
        TransferStatistics s = new TransferStatistics(obs, settings(2));
        assertEquals(2, s.optima.size());
        TransferStatistics.Optimum small = s.optima.get(0);
        TransferStatistics.Optimum large = s.optima.get(1);
        assertEquals(List.of(40, 2), List.of(small.targetSize(), small.chosen().depth()));
        assertEquals(List.of(400, 0), List.of(large.targetSize(), large.chosen().depth()));
        assertEquals(0.040 + 0.02 + 0.001, small.chosen().meanTest(), 1e-12);
        assertEquals(0.400 + 0.001, large.chosen().meanTest(), 1e-12);
        assertEquals(1.0, large.chosen().probabilityBest(), 1e-12);
    }

    @Test
    void poisoningTheTestErrorsOfCellsNotChosenLeavesTheChoiceUnchanged() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] val = new double[4][5];
        double[][] test = new double[4][5];
        for (int d = 0; d < 4; d++) {
            for (int s = 0; s < 5; s++) {
                val[d][s] = 0.3 + 0.02 * Math.abs(d - 2) + 0.03 * random.nextDouble();
                test[d][s] = 0.3 + 0.03 * random.nextDouble();
            }
        }
        TransferStatistics.Optimum before = new TransferStatistics(sweep(val, test), settings(3)).optima.get(0);
        double[][] poisoned = new double[4][];
        for (int d = 0; d < 4; d++) {
            poisoned[d] = test[d].clone();
            if (d != before.chosen().depth()) {
                java.util.Arrays.fill(poisoned[d], d % 2 == 0 ? 0.0 : 1.0);
            }
        }
        TransferStatistics.Optimum after = new TransferStatistics(sweep(val, poisoned), settings(3)).optima.get(0);
        assertEquals(before.chosen().depth(), after.chosen().depth());
        assertEquals(before.chosen().init(), after.chosen().init());
        assertEquals(before.chosen().meanTest(), after.chosen().meanTest());
        assertEquals(before.chosen().probabilityBest(), after.chosen().probabilityBest());
        assertTrue(after.oracle().depth() != after.chosen().depth(), "the oracle does read the test errors");
    }

    @Test
    void tiesGoToTheDeeperTransferAndOneSeedHasNoSpreadIntervalOrTest() {
        TransferStatistics s = new TransferStatistics(sweep(new double[][] {{0.3}, {0.2}, {0.2}},
                new double[][] {{0.3}, {0.25}, {0.2}}), settings(2));
        TransferStatistics.Optimum o = s.optima.get(0);
        assertEquals(2, o.chosen().depth());
        assertTrue(Double.isNaN(o.stderrTestError()));
        assertTrue(Double.isNaN(o.pValueVsScratch()) && Double.isNaN(o.pValueVsStandard()));
        assertTrue(Double.isNaN(o.gainOverScratch().low()) && Double.isNaN(o.chosen().probabilityBest()));
        assertFalse(s.significant(o.pValueVsScratch()));
        Map<String, Object> row = s.optimumRows(Map.of()).get(0);
        assertEquals(false, row.get("significantVsScratch"));
        String text = TransferSummaryText.of(s, Map.of(), 1, 2, 0.05, false);
        assertTrue(text.contains("n/a (1 seed)"), text);
        assertFalse(text.contains("±") || text.contains("p="), text);
    }

    @Test
    void theSharedCellAtDepthLIsOneCandidateNamedByTheInitialisationThatBuiltIt() {
        List<TransferStatistics.Observation> obs = new ArrayList<>();
        double[] depthVal = {0.4, 0.3, 0.1};
        for (String init : INITS) {
            for (int d = 0; d <= 2; d++) {
                for (int seed = 0; seed < 3; seed++) {
                    String build = d == 2 ? "pretrained" : init;
                    obs.add(new TransferStatistics.Observation(40, 40, 50, init, build, d, seed,
                            depthVal[d] + 0.01 * seed + (init.equals("pretrained") ? 0.05 : 0), 0.2 + 0.01 * seed));
                }
            }
        }
        TransferStatistics s = new TransferStatistics(obs, settings(2));
        TransferStatistics.Optimum o = s.optima.get(0);
        assertEquals(2, o.chosen().depth());
        assertEquals("pretrained", o.chosen().init());
        assertEquals(6, s.summaryRows(Map.of()).size(), "summary lists depth L under both initialisations");
    }

    @Test
    void textShowsEveryMeanWithItsStandardError() {
        double[][] val = {{0.30, 0.34, 0.32}, {0.20, 0.22, 0.24}, {0.25, 0.27, 0.29}};
        TransferStatistics s = new TransferStatistics(sweep(val, val), settings(2));
        String text = TransferSummaryText.of(s, Map.of("etaF", 0.5), 3, 2, 0.05, false);
        assertTrue(text.contains("n=100 (+50 validation)"), text);
        assertTrue(text.contains("l*=1 random     0.2200 ± 0.0115"), text);
        assertTrue(text.contains("scratch 0.3200 ± 0.0115: gain 0.1000 [0.0800, 0.1200] p=0.00654*"), text);
        assertTrue(text.contains("* p < 0.05)"), text);
        assertTrue(text.contains("all frozen (l=2) 0.2700 ± 0.0115: gain 0.0500"), text);
    }

    /**
     * Calibration on independent tasks: every candidate has the same expected error. Per seed a shared data
     * effect, per cell a network effect seen by both validation and test error (so selection on validation
     * is not entirely free of optimism), validation noise of a 50-row set and a small test noise. At
     * p < 0.05 the rate of "significant gain over scratch" must stay at or below 10%, and the 95% gain interval
     * must cover the true gain 0 about as often as it claims.
     */
    @Test
    void onIndependentTasksSignificantGainsAreRareAndTheGainIntervalCoversZero() {
        SplittableRandom random = new SplittableRandom(2024);
        int runs = 400;
        int seeds = 10;
        int layers = 3;
        int significant = 0;
        int covered = 0;
        for (int run = 0; run < runs; run++) {
            List<TransferStatistics.Observation> obs = new ArrayList<>();
            double[] data = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                data[s] = 0.02 * gaussian(random);
            }
            for (String init : INITS) {
                for (int d = 0; d <= layers; d++) {
                    if (d == layers && init.equals("random")) {
                        continue;
                    }
                    for (int s = 0; s < seeds; s++) {
                        double network = 0.3 + data[s] + 0.02 * gaussian(random);
                        double val = network + 0.065 * gaussian(random);
                        double test = network + 0.005 * gaussian(random);
                        obs.add(new TransferStatistics.Observation(40, 40, 50, init, d == layers ? "pretrained" : init,
                                d, s, val, test));
                    }
                }
            }
            TransferStatistics stats = new TransferStatistics(obs,
                    new TransferStatistics.Settings(layers, INITS, 0.05, 400, run, false));
            TransferStatistics.Optimum o = stats.optima.get(0);
            significant += stats.significant(o.pValueVsScratch()) ? 1 : 0;
            covered += o.gainOverScratch().low() <= 0 && 0 <= o.gainOverScratch().high() ? 1 : 0;
        }
        assertTrue(significant <= 0.10 * runs, significant + " significant gains in " + runs + " null runs");
        assertTrue(covered >= 0.88 * runs, "the 95% interval covered 0 in " + covered + " of " + runs + " runs");
    }

    @Test
    void pairedTestAgreesWithStudentsT() {
        // differences 0.01, 0.03, -0.01, 0.05: mean 0.02, sd 0.0258199, t = 1.549193, df 3 -> one-sided p = 0.109551
        assertEquals(0.109551, TransferStatistics.pairedOneSidedP(new double[] {0.01, 0.03, -0.01, 0.05}), 1e-5);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(1.0, TransferStatistics.quantile(sorted, 0));
        assertEquals(3.0, TransferStatistics.quantile(sorted, 0.5));
        assertEquals(4.5, TransferStatistics.quantile(sorted, 0.875), 1e-12);
        assertEquals(5.0, TransferStatistics.quantile(sorted, 1));
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
