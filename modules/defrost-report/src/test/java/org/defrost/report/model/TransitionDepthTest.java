package org.defrost.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.defrost.report.model.TransitionDepth.Definition;
import org.junit.jupiter.api.Test;

class TransitionDepthTest {
    private static int largest(String measure, int layers, double... profile) {
        return TransitionDepth.of(profile, measure, layers, Definition.LARGEST_DROP);
    }

    private static int half(String measure, int layers, double... profile) {
        return TransitionDepth.of(profile, measure, layers, Definition.HALF_DROP);
    }

    @Test
    void largestDropIsTheLayerBeforeTheSteepestFall() {
        assertEquals(2, largest("linear-cka", 4, 1.0, 0.97, 0.95, 0.5, 0.45));
        assertEquals(0, largest("linear-cka", 4, 1.0, 0.4, 0.35, 0.3, 0.3), "falls right after the input");
        assertEquals(1, largest("linear-cka", 4, 1.0, 0.8, 0.6, 0.6, 0.6), "the first of equal falls");
    }

    @Test
    void aProfileThatNeverFallsTransitionsAtTheLastLayerCappedAtL() {
        assertEquals(4, largest("linear-cka", 4, 0.5, 0.6, 0.7, 0.8, 0.9));
        assertEquals(4, half("linear-cka", 4, 0.5, 0.6, 0.7, 0.8, 0.9));
        assertEquals(3, largest("linear-cka", 3, 1, 1, 1, 1, 1), "a profile with the readout is capped at L");
    }

    @Test
    void halfDropIsTheLastLayerBeforeHalfTheTotalFall() {
        // total fall 0.6, threshold 0.7: layer 3 (0.68) is the first at or below it
        assertEquals(2, half("linear-cka", 4, 1.0, 0.9, 0.8, 0.68, 0.4));
        assertEquals(0, half("linear-cka", 4, 1.0, 0.5, 0.5, 0.5, 0.5));
    }

    @Test
    void distancesAndInformationImbalanceAreTurnedSoThatLowerMeansSimilar() {
        assertTrue(TransitionDepth.lowerIsSimilar("information-imbalance"));
        assertTrue(TransitionDepth.lowerIsSimilar("procrustes"));
        assertFalse(TransitionDepth.lowerIsSimilar("label-overlap"));
        // the mirror image of the first CKA profile above
        assertEquals(2, largest("information-imbalance", 4, 0.0, 0.03, 0.05, 0.5, 0.55));
        assertEquals(largest("linear-cka", 4, 0.9, 0.2, 0.1, 0.1, 0.1),
                largest("procrustes", 4, -0.9, -0.2, -0.1, -0.1, -0.1));
    }

    @Test
    void theDefinitionsDoNotDependOnTheMeasuresScale() {
        double[] p = {1.0, 0.97, 0.95, 0.5, 0.45};
        double[] scaled = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            scaled[i] = 40 * p[i] - 7;
        }
        for (Definition d : Definition.values()) {
            assertEquals(TransitionDepth.of(p, "x", 4, d), TransitionDepth.of(scaled, "x", 4, d), d.id());
        }
    }

    @Test
    void undefinedForAShortOrNonFiniteProfile() {
        assertEquals(-1, largest("linear-cka", 3, 1.0));
        assertEquals(-1, half("linear-cka", 3, 1.0, Double.NaN, 0.5));
    }
}
