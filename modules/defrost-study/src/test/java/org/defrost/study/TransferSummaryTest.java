package org.defrost.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferSummaryTest {
    private static List<TransferSummary.Observation> sweep(double[][] errorsByDepthAndSeed) {
        List<TransferSummary.Observation> out = new ArrayList<>();
        for (int depth = 0; depth < errorsByDepthAndSeed.length; depth++) {
            for (int seed = 0; seed < errorsByDepthAndSeed[depth].length; seed++) {
                out.add(new TransferSummary.Observation(100, "random", depth, seed, errorsByDepthAndSeed[depth][seed]));
            }
        }
        return out;
    }

    @Test
    void meanStandardErrorOptimumAndGainsMatchHandComputedValues() {
        // depth 0 (scratch): 0.30 0.34 0.32; depth 1: 0.20 0.22 0.24; depth 2 (= L): 0.25 0.27 0.29
        TransferSummary s = new TransferSummary(sweep(new double[][] {{0.30, 0.34, 0.32}, {0.20, 0.22, 0.24},
                {0.25, 0.27, 0.29}}), 2, 0.05);
        TransferSummary.DepthStats d1 = s.depthStats.get(1);
        assertEquals(0.22, d1.mean(), 1e-12);
        assertEquals(0.02 / Math.sqrt(3), d1.stderr(), 1e-12); // sample sd 0.02
        TransferSummary.Optimum o = s.optima.get(0);
        assertEquals(1, o.depthStar());
        assertEquals(0.32, o.scratch(), 1e-12);
        assertEquals(0.27, o.standard(), 1e-12);
        assertEquals(0.10, o.gainOverScratch(), 1e-12);
        assertEquals(0.05, o.gainOverStandard(), 1e-12);
        // every paired difference is exactly 0.05: zero spread, a certain improvement
        assertEquals(0.0, o.pValue());
        assertTrue(o.significant());
    }

    @Test
    void pairedTestAgreesWithStudentsT() {
        // differences 0.01, 0.03, -0.01, 0.05: mean 0.02, sd 0.0258199, t = 1.549193, df 3 -> one-sided p = 0.109551
        double p = TransferSummary.pairedOneSidedP(Map.of(0, 0.31, 1, 0.33, 2, 0.29, 3, 0.35),
                Map.of(0, 0.30, 1, 0.30, 2, 0.30, 3, 0.30));
        assertEquals(0.109551, p, 1e-5);
    }

    @Test
    void tiesGoToTheDeeperTransferAndOneSeedHasNoTest() {
        TransferSummary s = new TransferSummary(sweep(new double[][] {{0.3}, {0.2}, {0.2}}), 2, 0.05);
        TransferSummary.Optimum o = s.optima.get(0);
        assertEquals(2, o.depthStar());
        assertTrue(Double.isNaN(o.pValue()));
        assertFalse(o.significant());
        assertEquals(0.0, s.depthStats.get(0).stderr());
    }
}
