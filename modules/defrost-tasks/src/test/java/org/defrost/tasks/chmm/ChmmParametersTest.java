package org.defrost.tasks.chmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

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
    void derivedParametersFollowTheValuesTheyDependOnUnlessGiven() {
        ChmmParameters derived = ChmmParameters.fromMap(Map.of("inputDim", 7, "sourceLatentDim", 9, "targetLatentDim", 4));
        assertEquals(4, derived.sharedLatentDim());
        assertEquals(140, derived.sourceTrainSize());
        assertEquals(140, derived.targetPoolSize());
        ChmmParameters given = ChmmParameters.fromMap(Map.of("inputDim", 7, "sourceLatentDim", 9, "targetLatentDim", 4,
                "sharedLatentDim", 0, "sourceTrainSize", 33, "targetPoolSize", 21));
        assertEquals(0, given.sharedLatentDim());
        assertEquals(33, given.sourceTrainSize());
        assertEquals(21, given.targetPoolSize());
    }

    @Test
    void declarationsHoldTheDefaultsAndDeclareDerivedSizesWithoutAPlaceholder() {
        for (ParameterSpec spec : ChmmParameters.SPECS) {
            assertTrue(spec.isDerived() == (spec.defaultValue() == null), spec.name());
            assertTrue(spec.min() == null || spec.min() >= 0, spec.name() + " admits a negative placeholder");
        }
        assertEquals(List.of("sharedLatentDim", "sourceTrainSize", "targetPoolSize"),
                ChmmParameters.SPECS.stream().filter(ParameterSpec::isDerived).map(ParameterSpec::name).toList());
    }

    @Test
    void badValuesAreRejectedNamingTheParameter() {
        assertProblem("etaF", "etaF: value 1.5 is out of range [0, 1]", Map.of("etaF", 1.5));
        assertProblem("etaTheta", "etaTheta: value -0.1 is out of range [0, 1]", Map.of("etaTheta", -0.1));
        assertProblem("labelNoise", "labelNoise: value 0.7 is out of range [0, 0.5]", Map.of("labelNoise", 0.7));
        assertProblem("inputDim", "inputDim: value 0 is out of range [1, 100000]", Map.of("inputDim", 0));
        assertProblem("sharedLatentDim", "sharedLatentDim must be in [0, min(sourceLatentDim, targetLatentDim)] = [0, 5], got 6",
                Map.of("targetLatentDim", 5, "sharedLatentDim", 6));
        assertProblem("probeSize", "probeSize: expected an integer in [1, 10000000], found 2.5", Map.of("probeSize", 2.5));
        assertProblem("eta", "unknown parameter 'eta'", Map.of("eta", 0.5));
        assertProblem("nonlinearity", "nonlinearity: 'softplus' is not one of erf, sign, tanh, relu, linear",
                Map.of("nonlinearity", "softplus"));
        assertProblem("inputDim", "inputDim: value 0 is out of range", () -> ChmmParameters.builder().inputDim(0).build());
    }

    private static void assertProblem(String parameter, String expectedStart, Map<String, ?> values) {
        assertProblem(parameter, expectedStart, () -> ChmmParameters.fromMap(values));
    }

    private static void assertProblem(String parameter, String expectedStart, Executable binding) {
        ParameterException e = assertThrows(ParameterException.class, binding);
        assertEquals(parameter, e.problem().parameter());
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
