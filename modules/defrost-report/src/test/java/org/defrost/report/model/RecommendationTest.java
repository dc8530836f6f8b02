package org.defrost.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defrost.report.model.Optimum.Gain;
import org.defrost.report.model.Optimum.Selection;
import org.defrost.report.model.Optimum.PairedTest;
import org.defrost.report.table.Table;
import org.junit.jupiter.api.Test;

class RecommendationTest {
    private static final int L = 3;

    /** An optimum at n = 100 (75 trained on + 25 validation from the budget, or 100 + 50) with the given choice. */
    private static Optimum optimum(String init, int star, int seeds, boolean fromBudget, int oracle) {
        boolean one = seeds == 1;
        double nan = Double.NaN;
        return new Optimum(100, fromBudget ? 75 : 100, fromBudget ? 25 : 50, fromBudget, L, seeds, init, star, 0.205,
                0.21, one ? nan : 0.01, 0.30, 0.25, new Gain(0.09, one ? nan : 0.05, one ? nan : 0.13),
                new Gain(0.04, one ? nan : -0.01, one ? nan : 0.08), one ? PairedTest.NONE : new PairedTest(0.003, true),
                one ? PairedTest.NONE : new PairedTest(0.2, false), one ? PairedTest.NONE : new PairedTest(0.04, true), one ? nan : 0.83,
                oracle, init, 0.2, Selection.VALIDATION);
    }

    private static Recommendation recommend(Optimum o) {
        List<DepthPoint> depths = new ArrayList<>();
        for (String init : List.of("random", "pretrained")) {
            for (int d = 0; d <= L; d++) {
                depths.add(new DepthPoint(100, init, d, o.seeds(), init.equals("pretrained") && d == 0 ? 0.28 : 0.3, 0.01));
            }
        }
        TransferCell c = new TransferCell(new MatrixCell(Map.of("etaF", 0.3)), L, o.seeds(), depths, List.of(o), Table.empty());
        return Recommendation.of(c, 100).orElseThrow();
    }

    @Test
    void interiorChoiceIsStatedWithItsTestErrorGainsIntervalsAndTests() {
        Recommendation r = recommend(optimum("pretrained", 2, 4, false, 2));
        assertEquals(Recommendation.Kind.PARTIAL, r.kind());
        assertEquals(0.28, r.fullFineTuning());
        assertEquals("100 training examples (+ 50 to validate), etaF = 0.3: transfer and freeze the first 2 layers and "
                + "fine-tune the layers above from the source network (pretrained); test error 0.2100 ± 0.0100 against "
                + "0.3000 from scratch and 0.2500 with all 3 feature layers frozen. Gain over scratch 0.0900 (bootstrap "
                + "interval [0.0500, 0.1300]): better than training from scratch (paired test over seeds, p = 0.0030). "
                + "Gain over freezing all feature layers 0.0400 (bootstrap interval [-0.0100, 0.0800]): not significantly "
                + "different from freezing all feature layers (paired test over seeds, p = 0.20). Chosen on validation "
                + "error, best in 83% of seed resamples; significantly better than the neighbouring depths (p = 0.040).",
                r.sentence());
    }

    @Test
    void oneSeedClaimsNoSpreadIntervalOrTest() {
        Recommendation r = recommend(optimum("random", 1, 1, false, 1));
        String s = r.sentence();
        assertTrue(s.contains("test error 0.2100, s.e. n/a (1 seed) against"), s);
        assertTrue(s.contains("intervals and tests n/a (1 seed)."), s);
        assertFalse(s.contains("±") || s.contains("p = ") || s.contains("%"), s);
    }

    @Test
    void validationTakenFromTheBudgetIsSaid() {
        assertTrue(recommend(optimum("random", 1, 3, true, 1)).sentence()
                .startsWith("100 target examples (75 to train, 25 to validate), etaF = 0.3: transfer and freeze the first "
                        + "layer and re-initialise the layers above (random);"));
    }

    @Test
    void aTestChosenDepthThatDiffersIsNamedAsADiagnostic() {
        String s = recommend(optimum("random", 1, 3, false, 2)).sentence();
        assertTrue(s.endsWith("The lowest test error (a diagnostic, not a choice) was at ℓ = 2, random: 0.2000."), s);
        assertFalse(recommend(optimum("random", 1, 3, false, 1)).sentence().contains("diagnostic"));
    }

    @Test
    void scratchNeedsNoGainOverItselfAndNegativeTransferIsSaid() {
        Optimum o = optimum("random", 0, 3, false, 0);
        Optimum scratch = new Optimum(o.targetSize(), o.trainSize(), o.validationSize(), false, L, 3, "random", 0,
                0.1, 0.1, 0.01, 0.1, 0.16, new Gain(0, 0, 0), new Gain(0.06, 0.03, 0.09), new PairedTest(1, false),
                new PairedTest(0.01, true), new PairedTest(0.3, false), 0.6, 0, "random", 0.1, Selection.VALIDATION);
        Recommendation r = recommend(scratch);
        assertEquals(Recommendation.Kind.SCRATCH, r.kind());
        String s = r.sentence();
        assertTrue(s.contains(": train from scratch: transfer does not help here; test error 0.1000 ± 0.0100 against "
                + "0.1600 with all 3 feature layers frozen."), s);
        assertFalse(s.contains("Gain over scratch"), s);
        assertTrue(s.endsWith("(negative transfer)."), s);
    }

    @Test
    void classicRecipeNeedsNoTestAgainstItself() {
        Recommendation r = recommend(optimum("random", L, 3, false, L));
        assertEquals(Recommendation.Kind.CLASSIC, r.kind());
        assertTrue(r.sentence().contains("transfer and freeze all 3 feature layers (the classic recipe); test error "
                + "0.2100 ± 0.0100 against 0.3000 from scratch."), r.sentence());
        assertFalse(r.sentence().contains("Gain over freezing"), r.sentence());
    }

    @Test
    void resultsChosenOnTheTestSetSaySo() {
        Optimum o = optimum("random", 1, 3, false, 1);
        Optimum legacy = new Optimum(100, 100, -1, false, L, 3, "random", 1, Double.NaN, 0.21, 0.01, 0.3, 0.25,
                new Gain(0.09, Double.NaN, Double.NaN), new Gain(0.04, Double.NaN, Double.NaN), PairedTest.NONE,
                new PairedTest(0.02, true), PairedTest.NONE, Double.NaN, 1, "random", 0.21, Selection.TEST);
        String s = recommend(legacy).sentence();
        assertTrue(s.startsWith("100 target examples, etaF = 0.3: transfer and freeze the first layer"), s);
        assertTrue(s.contains("Better than freezing all feature layers (paired test over seeds, p = 0.020). Chosen on "
                + "mean test error"), s);
        assertTrue(s.contains("optimistic"), s);
        assertTrue(recommend(o).sentence().contains("Chosen on validation error"));
    }

    @Test
    void noRecommendationForAnUntrainedSize() {
        Recommendation r = recommend(optimum("random", 1, 3, false, 1));
        TransferCell c = new TransferCell(r.cell(), L, 3, List.of(), List.of(r.optimum()), Table.empty());
        assertTrue(Recommendation.of(c, 7).isEmpty());
    }
}
