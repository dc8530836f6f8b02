package org.defrost.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.defrost.report.model.TransitionDepth.Definition;
import org.junit.jupiter.api.Test;

class TransitionDepthTest {
    private static int largest(String measure, int layers, double... profile) {
        return TransitionDepth.of(profile, measure, layers, Definition.LARGEST_DROP, Double.NaN);
    }

    private static int half(String measure, int layers, double floor, double... profile) {
        return TransitionDepth.of(profile, measure, layers, Definition.HALF_LEVEL, floor);
    }

    @Test
    void largestDropIsTheLayerBeforeTheSteepestFallBetweenHiddenLayers() {
        assertEquals(2, largest("linear-cka", 4, 1.0, 0.97, 0.95, 0.5, 0.45));
        assertEquals(1, largest("linear-cka", 4, 1.0, 0.4, 0.1, 0.05, 0.0), "the input step is left out");
        assertEquals(1, largest("linear-cka", 4, 1.0, 0.8, 0.6, 0.4, 0.4), "the first of equal falls");
    }

    @Test
    void aProfileThatNeverFallsTransitionsAtTheLastLayerCappedAtL() {
        assertEquals(4, largest("linear-cka", 4, 1.0, 0.6, 0.7, 0.8, 0.9));
        assertEquals(4, half("linear-cka", 4, 0.0, 1.0, 0.6, 0.7, 0.8, 0.9));
        assertEquals(3, largest("linear-cka", 3, 1, 1, 1, 1, 1), "a profile with the readout is capped at L");
    }

    @Test
    void halfLevelIsTheLastLayerAboveHalfWayToTheRunsLowestValue() {
        // threshold (1.0 + 0.2) / 2 = 0.6: layer 3 (0.55) is the first below it
        assertEquals(2, half("linear-cka", 4, 0.2, 1.0, 0.9, 0.8, 0.55, 0.4));
        assertEquals(0, half("linear-cka", 4, 0.0, 1.0, 0.45, 0.5, 0.5, 0.5), "already below at the first hidden layer");
    }

    @Test
    void distancesAndInformationImbalanceAreTurnedSoThatLowerMeansSimilar() {
        assertTrue(TransitionDepth.lowerIsSimilar("information-imbalance"));
        assertTrue(TransitionDepth.lowerIsSimilar("procrustes"));
        assertFalse(TransitionDepth.lowerIsSimilar("label-overlap"));
        // the mirror image of the first CKA profile above
        assertEquals(2, largest("information-imbalance", 4, 0.0, 0.03, 0.05, 0.5, 0.55));
        // floor is on the turned scale: -0.8 is information imbalance 0.8; threshold 0.4
        assertEquals(1, half("information-imbalance", 4, -0.8, 0.0, 0.2, 0.45, 0.6, 0.8));
    }

    @Test
    void theDefinitionsDoNotDependOnTheMeasuresScale() {
        double[] p = {1.0, 0.97, 0.95, 0.5, 0.45};
        double[] scaled = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            scaled[i] = 40 * p[i] - 7;
        }
        assertEquals(largest("x", 4, p), largest("x", 4, scaled));
        assertEquals(half("x", 4, 0.45, p), half("x", 4, 40 * 0.45 - 7, scaled));
    }

    @Test
    void undefinedForAShortOrNonFiniteProfile() {
        assertEquals(-1, largest("linear-cka", 3, 1.0, 0.5));
        assertEquals(-1, half("linear-cka", 3, 0.0, 1.0, Double.NaN, 0.5));
    }
}
