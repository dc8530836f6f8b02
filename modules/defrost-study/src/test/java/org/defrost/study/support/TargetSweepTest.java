package org.defrost.study.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defrost.spi.ArtifactKinds;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.tasks.TargetSplit;
import org.defrost.tasks.TaskPair;
import org.junit.jupiter.api.Test;

class TargetSweepTest {
    private static Parameters parameters(ParameterSpec sizes, Map<String, ?> values) {
        List<ParameterSpec> specs = new ArrayList<>(List.of(sizes));
        specs.addAll(TargetSizes.VALIDATION);
        return Parameters.of(specs, values);
    }

    private static TargetSweep sweep(Map<String, ?> values) {
        return TargetSweep.of(parameters(TargetSizes.sizes("each network"), values));
    }

    @Test
    void theSizesAndTheirValidationRuleAreBoundInOneStep() {
        TargetSweep s = sweep(Map.of("targetSizes", List.of(300, 100), "validationFraction", 0.5,
                "validationMinimum", 10, "validationFromBudget", true));
        assertEquals(List.of(300, 100), s.sizes());
        assertEquals(new TargetSplit(0.5, 10, true), s.split());
    }

    @Test
    void aSizeListedTwiceIsReportedUnderTheSizesParameter() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> sweep(Map.of("targetSizes", List.of(100, 200, 100))));
        assertEquals(new ParameterProblem("targetSizes", "100 is listed twice"), e.problem());
    }

    @Test
    void aWordStandingForTheListBindsNoSizes() {
        ParameterSpec optional = ParameterSpec.integers(TargetSizes.SIZES, null, "Optional sizes.")
                .withChoices(List.of("none")).withRange(1, 1000).withDefault("none");
        assertEquals(List.of(), TargetSweep.of(parameters(optional, Map.of())).sizes());
    }

    @Test
    void thePoolChecksNameTheSizesThatDoNotFit() {
        // Default rule: v(n) = max(50, ceil(n / 4)) validation rows from the rest of the pool.
        TargetSweep s = sweep(Map.of("targetSizes", List.of(100, 300)));
        List<ParameterProblem> problems = s.checkPool(Map.of(ArtifactKinds.TASK_PAIR,
                Map.of(TaskPair.TARGET_POOL_SIZE, 200L)));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("targetSizes", problems.get(0).parameter());
        assertTrue(problems.get(0).message().startsWith("target size 300 and its 75 validation rows"), problems.toString());
        assertEquals(List.of(), s.checkPool(Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.requireFit(374));
        assertTrue(e.getMessage().startsWith("targetSizes: target size 300"), e.getMessage());
        s.requireFit(375);
    }
}
