package org.defrost.tasks.chmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChmmParametersTest {
    @Test
    void defaultsAreThoseOfTheMethod() {
        ChmmParameters p = ChmmParameters.defaults();
        assertEquals(500, p.inputDim());
        assertEquals(100, p.sourceLatentDim());
        assertEquals(100, p.targetLatentDim());
        assertEquals(100, p.sharedLatentDim());
        assertEquals(Nonlinearity.ERF, p.nonlinearity());
        assertEquals(0.0, p.labelNoise());
        assertEquals(10_000, p.sourceTrainSize());
        assertEquals(10_000, p.targetPoolSize());
        assertEquals(10_000, p.sourceTestSize());
        assertEquals(10_000, p.targetTestSize());
    }

    @Test
    void trainingSizesDefaultToTwentyTimesTheInputDimension() {
        ChmmParameters p = ChmmParameters.builder().inputDim(40).sourceLatentDim(10).targetLatentDim(6).build();
        assertEquals(800, p.sourceTrainSize());
        assertEquals(800, p.targetPoolSize());
        assertEquals(6, p.sharedLatentDim());
        assertEquals(10, p.unionLatentDim());
    }

    @Test
    void mapRoundTripGivesTheSameParameters() {
        ChmmParameters p = ChmmParameters.builder().inputDim(30).sourceLatentDim(8).targetLatentDim(5)
                .sharedLatentDim(3).etaF(0.25).etaTheta(1).nonlinearity(Nonlinearity.RELU).labelNoise(0.1)
                .sourceTrainSize(70).targetPoolSize(60).sourceTestSize(50).targetTestSize(40).probeSize(20).build();
        assertEquals(p, ChmmParameters.fromMap(p.toMap()));
        assertEquals(ChmmParameters.builder().etaF(0.5).build(), ChmmParameters.fromMap(Map.of("etaF", 0.5)));
        assertEquals(Nonlinearity.SIGN, ChmmParameters.fromMap(Map.of("nonlinearity", "sign", "inputDim", 9L))
                .nonlinearity());
    }

    @Test
    void badValuesAreRejectedNamingTheParameter() {
        assertMessage("etaF must be in [0, 1], got 1.5", Map.of("etaF", 1.5));
        assertMessage("etaTheta must be in [0, 1], got -0.1", Map.of("etaTheta", -0.1));
        assertMessage("labelNoise must be in [0, 0.5], got 0.7", Map.of("labelNoise", 0.7));
        assertMessage("inputDim must be >= 1, got 0", Map.of("inputDim", 0));
        assertMessage("sharedLatentDim must be in [0, min(sourceLatentDim, targetLatentDim)] = [0, 5], got 6",
                Map.of("targetLatentDim", 5, "sharedLatentDim", 6));
        assertMessage("probeSize must be a whole number, got 2.5", Map.of("probeSize", 2.5));
        assertMessage("unknown chmm parameter 'eta'", Map.of("eta", 0.5));
        assertMessage("nonlinearity must be one of", Map.of("nonlinearity", "softplus"));
    }

    private static void assertMessage(String expectedStart, Map<String, ?> values) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChmmParameters.fromMap(values));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
