package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetTaskPairParametersTest {
    @Test
    void mapRoundTripAndStringGroups() {
        DatasetTaskPairParameters p = DatasetTaskPairParameters.fromMap(Map.of(
                "sourceGroups", List.of("0", "1", "2"), "targetGroups", "0,1|2", "inputChange", "rotation",
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
    void badValuesAreRejectedNamingTheParameter() {
        assertMessage("inputChange must be one of none, noise, permutation, rotation; got 'blur'",
                Map.of("inputChange", "blur"));
        assertMessage("noiseStd must be a positive number for inputChange = noise, got -1.0",
                Map.of("inputChange", "noise", "noiseStd", -1.0));
        assertMessage("standardisation must be one of global, per-feature, none; got 'minmax'",
                Map.of("standardisation", "minmax"));
        assertMessage("sourceTrainSize must be >= 1, got 0", Map.of("sourceTrainSize", 0));
        assertMessage("unknown dataset task-pair parameter 'classes'", Map.of("classes", 3));
        assertMessage("targetGroups must have at least 2 groups", Map.of("targetGroups", List.of("1,2")));
    }

    private static void assertMessage(String start, Map<String, ?> values) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetTaskPairParameters.fromMap(values));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
