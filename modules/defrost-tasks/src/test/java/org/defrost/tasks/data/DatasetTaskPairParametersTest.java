package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.defrost.spi.ParameterException;
import org.junit.jupiter.api.Test;

class DatasetTaskPairParametersTest {
    @Test
    void mapRoundTripAndStringGroups() {
        DatasetTaskPairParameters p = DatasetTaskPairParameters.fromMap(Map.of(
                "sourceGroups", List.of("0", "1", "2"), "targetGroups", List.of("0,1", "2"), "inputChange", "rotation",
                "rotationDegrees", 15L, "standardisation", "per-feature", "targetPoolSize", 500L));
        assertEquals(InputChange.rotation(15), p.inputChange());
        assertEquals(List.of("0,1", "2"), p.targetGroups().toStrings());
        assertEquals(Standardisation.PER_FEATURE, p.standardisation());
        assertEquals(500, p.targetPoolSize());
        assertEquals(p, DatasetTaskPairParameters.fromMap(p.toMap()));
        assertEquals(DatasetTaskPairParameters.defaults(), DatasetTaskPairParameters.fromMap(Map.of()));
        assertEquals(InputChange.noise(0.5), DatasetTaskPairParameters.fromMap(Map.of("inputChange", "noise"))
                .inputChange());
    }

    @Test
    void withMethodsChangeOnlyWhatTheyNameAndCheckTheDeclarations() {
        DatasetTaskPairParameters d = DatasetTaskPairParameters.defaults();
        DatasetTaskPairParameters sized = d.withSizes(10, 20, 0, 5, 3);
        assertEquals(List.of(10, 20, 0, 5, 3), List.of(sized.sourceTrainSize(), sized.targetPoolSize(),
                sized.sourceTestSize(), sized.targetTestSize(), sized.probeSize()));
        assertEquals(d.sourceGroups(), sized.sourceGroups());
        assertEquals(InputChange.rotation(15), d.withInputChange(InputChange.rotation(15)).inputChange());
        assertEquals(d, d.withInputChange(InputChange.noise(2)).withInputChange(InputChange.none()));
        ParameterException e = assertThrows(ParameterException.class, () -> d.withSizes(0, 20, 0, 0, 1));
        assertEquals("sourceTrainSize", e.problem().parameter());
    }

    @Test
    void badValuesAreRejectedNamingTheParameter() {
        assertProblem("inputChange", "inputChange: 'blur' is not one of none, noise, permutation, rotation",
                Map.of("inputChange", "blur"));
        assertProblem("noiseStd", "noiseStd: value -1.0 is out of range [0, 100]",
                Map.of("inputChange", "noise", "noiseStd", -1.0));
        assertProblem("noiseStd", "noiseStd must be a positive number for inputChange = noise, got 0.0",
                Map.of("inputChange", "noise", "noiseStd", 0.0));
        assertProblem("standardisation", "standardisation: 'minmax' is not one of global, per-feature, none",
                Map.of("standardisation", "minmax"));
        assertProblem("sourceTrainSize", "sourceTrainSize: value 0 is out of range [1, 100000000]",
                Map.of("sourceTrainSize", 0));
        assertProblem("classes", "unknown parameter 'classes'", Map.of("classes", 3));
        assertProblem("targetGroups", "targetGroups must have at least 2 groups", Map.of("targetGroups", List.of("1,2")));
    }

    private static void assertProblem(String parameter, String start, Map<String, ?> values) {
        ParameterException e = assertThrows(ParameterException.class, () -> DatasetTaskPairParameters.fromMap(values));
        assertEquals(parameter, e.problem().parameter());
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
