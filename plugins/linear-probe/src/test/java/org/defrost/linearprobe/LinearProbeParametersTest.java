package org.defrost.linearprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.Parameters;
import org.junit.jupiter.api.Test;

/** The probe's parameters bound in one step: every independent mistake is reported under its parameter. */
class LinearProbeParametersTest {
    private final LinearProbeStage stage = new LinearProbeStage();

    private List<ParameterProblem> problems(Map<String, ?> values) {
        return stage.validate(Parameters.of(stage.descriptor().parameters(), values));
    }

    @Test
    void aLayerAndASizeListedTwiceAreBothReported() {
        assertEquals(List.of(), problems(Map.of("targetSizes", List.of(30, 60), "layers", List.of(2, 0))));
        assertEquals(List.of(new ParameterProblem("targetSizes", "30 is listed twice"),
                        new ParameterProblem("layers", "2 is listed twice")),
                problems(Map.of("targetSizes", List.of(30, 60, 30), "layers", List.of(2, 0, 2))));
    }
}
