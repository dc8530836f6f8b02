package org.defrost.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.defrost.similarity.cka.RbfCka;
import org.defrost.similarity.knn.NeighbourMeasure;
import org.junit.jupiter.api.Test;

class SimilarityMeasuresTest {
    private static final String KNOWN = "known measures: linear-cka, debiased-cka, rbf-cka, information-imbalance, "
            + "neighborhood-overlap, label-overlap, intrinsic-dimension, svcca, pwcca, procrustes";

    private static String failure(String name, MeasureParameters p) {
        return assertThrows(InvalidSimilarityInputException.class, () -> SimilarityMeasures.create(name, p)).getMessage();
    }

    @Test
    void everyRegisteredNameCreatesTheMeasureOfThatName() {
        for (String name : SimilarityMeasures.names()) {
            MeasureParameters p = name.equals("label-overlap") ? MeasureParameters.none().withLabels(new int[] {0})
                    : MeasureParameters.none();
            assertEquals(name, SimilarityMeasures.create(name, p).name());
        }
    }

    @Test
    void defaultsFollowTheSpecification() {
        assertEquals(1, ((NeighbourMeasure) SimilarityMeasures.create("information-imbalance", null)).k());
        assertEquals(30, ((NeighbourMeasure) SimilarityMeasures.create("neighborhood-overlap", null)).k());
        assertEquals(1.0, ((RbfCka) SimilarityMeasures.create("rbf-cka", null)).threshold());
        assertEquals(SubsetPlan.standard(),
                ((NeighbourMeasure) SimilarityMeasures.create("intrinsic-dimension", null)).subsets());
        assertTrue(SimilarityMeasures.create("information-imbalance", null).comparesTwo());
        assertFalse(SimilarityMeasures.create("intrinsic-dimension", null).comparesTwo());
    }

    @Test
    void namesAreMatchedIgnoringCaseAndSurroundingSpace() {
        assertEquals("svcca", SimilarityMeasures.create(" SVCCA ", null).name());
    }

    @Test
    void anUnknownNameListsTheKnownOnesAndSuggestsTheNearest() {
        assertEquals("unknown measure 'neighbourhood-overlap' (did you mean neighborhood-overlap?); " + KNOWN,
                failure("neighbourhood-overlap", null));
        assertEquals("unknown measure 'linear_cka' (did you mean linear-cka?); " + KNOWN, failure("linear_cka", null));
        assertEquals("unknown measure 'cka' (did you mean linear-cka or debiased-cka or rbf-cka?); " + KNOWN,
                failure("cka", null));
        assertEquals("unknown measure 'frobnicate'; " + KNOWN, failure("frobnicate", null));
    }

    @Test
    void parametersOutOfRangeOrNotTakenAreRejected() {
        assertEquals("information-imbalance: k must be at least 1, got 0",
                failure("information-imbalance", MeasureParameters.none().withK(0)));
        assertEquals("rbf-cka: threshold must be positive and finite, got -1.0",
                failure("rbf-cka", MeasureParameters.none().withThreshold(-1.0)));
        assertEquals("rbf-cka: threshold must be positive and finite, got NaN",
                failure("rbf-cka", MeasureParameters.none().withThreshold(Double.NaN)));
        assertEquals("linear-cka takes no k parameter", failure("linear-cka", MeasureParameters.none().withK(3)));
        assertEquals("intrinsic-dimension takes no k or threshold parameter",
                failure("intrinsic-dimension", MeasureParameters.none().withK(3).withThreshold(1.0)));
        assertEquals("label-overlap compares neighbourhoods with labels; give labels (one integer per row of A)",
                failure("label-overlap", null));
    }
}
