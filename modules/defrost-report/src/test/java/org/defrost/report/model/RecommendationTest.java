package org.defrost.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defrost.report.table.Table;
import org.junit.jupiter.api.Test;

class RecommendationTest {
    private static final int L = 3;

    /** A cell with one target size (100) whose errors by depth are given per initialisation. */
    private static TransferCell cell(Map<String, Object> matrix, double[] random, double[] pretrained) {
        List<DepthPoint> depths = new ArrayList<>();
        List<Optimum> optima = new ArrayList<>();
        for (var e : Map.of("random", random, "pretrained", pretrained).entrySet()) {
            double[] err = e.getValue();
            int star = 0;
            for (int d = 0; d <= L; d++) {
                depths.add(new DepthPoint(100, e.getKey(), d, 4, err[d], 0.01));
                star = err[d] < err[star] ? d : star;
            }
            optima.add(new Optimum(100, e.getKey(), L, star, err[star], 0.01, random[0], random[L],
                    random[0] - err[star], random[L] - err[star], star == L ? 1.0 : 0.02, star != L));
        }
        return new TransferCell(new MatrixCell(matrix), L, 4, depths, optima, Table.empty());
    }

    private static Recommendation recommend(double[] random, double[] pretrained) {
        return Recommendation.of(cell(Map.of("etaF", 0.3), random, pretrained), 100).orElseThrow();
    }

    @Test
    void interiorOptimumOfTheBetterInitialisationIsRecommendedWithItsBaselines() {
        Recommendation r = recommend(new double[]{0.30, 0.26, 0.24, 0.25}, new double[]{0.28, 0.25, 0.21, 0.25});
        assertEquals(Recommendation.Kind.PARTIAL, r.kind());
        assertEquals("pretrained", r.init());
        assertEquals(2, r.depthStar());
        assertEquals(0.28, r.fullFineTuning());
        assertEquals("100 target examples, etaF = 0.3: transfer and freeze the first 2 layers and fine-tune the layers "
                + "above from the source network (pretrained); error 0.2100 ± 0.0100 against 0.3000 from scratch and "
                + "0.2500 with all 3 feature layers frozen. Better than freezing all feature layers (paired test over "
                + "seeds, p = 0.020).", r.sentence());
    }

    @Test
    void scratchWinsWhenTransferNeverHelpsAndNegativeTransferIsSaid() {
        Recommendation r = recommend(new double[]{0.10, 0.12, 0.14, 0.16}, new double[]{0.11, 0.13, 0.15, 0.16});
        assertEquals(Recommendation.Kind.SCRATCH, r.kind());
        assertTrue(r.sentence().contains(": train from scratch: transfer does not help here; error 0.1000 ± 0.0100 "
                + "against 0.1600 with all 3 feature layers frozen."), r.sentence());
        assertTrue(r.sentence().endsWith("(negative transfer)."), r.sentence());
    }

    @Test
    void fullFineTuningIsNamedWhenPretrainedWinsAtDepthZero() {
        Recommendation r = recommend(new double[]{0.10, 0.11, 0.12, 0.13}, new double[]{0.08, 0.09, 0.10, 0.13});
        assertEquals(Recommendation.Kind.FULL_FINE_TUNING, r.kind());
        assertTrue(r.advice().contains("full fine-tuning"), r.advice());
    }

    @Test
    void classicRecipeNeedsNoTestAgainstItself() {
        Recommendation r = recommend(new double[]{0.30, 0.25, 0.22, 0.20}, new double[]{0.29, 0.24, 0.21, 0.20});
        assertEquals(Recommendation.Kind.CLASSIC, r.kind());
        assertEquals("random", r.init(), "a tie goes to the simpler protocol");
        assertTrue(r.sentence().contains("transfer and freeze all 3 feature layers (the classic recipe); error 0.2000 "
                + "± 0.0100 against 0.3000 from scratch."), r.sentence());
        assertFalse(r.sentence().contains("paired test"), r.sentence());
    }

    @Test
    void depthOneAndNoMatrixReadNaturally() {
        Recommendation r = Recommendation.of(cell(Map.of(), new double[]{0.3, 0.2, 0.25, 0.26},
                new double[]{0.3, 0.22, 0.25, 0.26}), 100).orElseThrow();
        assertTrue(r.sentence().startsWith("100 target examples: transfer and freeze the first layer and re-initialise "
                + "the layers above (random);"), r.sentence());
        assertTrue(Recommendation.of(cell(Map.of(), new double[4], new double[4]), 7).isEmpty(), "no such target size");
    }
}
