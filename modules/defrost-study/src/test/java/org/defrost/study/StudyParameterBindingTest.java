package org.defrost.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.junit.jupiter.api.Test;

/** Each study stage binds its parameters in one step and reports a problem under the parameter at fault. */
class StudyParameterBindingTest {
    private static List<ParameterProblem> problems(Stage stage, Map<String, ?> values) {
        return stage.validate(Parameters.of(stage.descriptor().parameters(), values));
    }

    @Test
    void similarityRefusesNesterovWithoutSgdAsFineTuneDoes() {
        for (Stage stage : List.of(new SimilarityStage(), new FineTuneStage())) {
            Map<String, Object> values = new java.util.HashMap<>(Map.of("optimizer", "adam", "nesterov", true));
            if (stage instanceof FineTuneStage) {
                values.put("targetSizes", List.of(100));
            }
            List<ParameterProblem> problems = problems(stage, values);
            assertEquals(List.of(new ParameterProblem("nesterov", "nesterov applies only to optimizer: sgd")), problems,
                    stage.descriptor().type());
        }
    }

    @Test
    void independentMistakesAreAllReportedEachUnderItsParameter() {
        Map<String, Object> both = Map.of("optimizer", "adam", "nesterov", true, "targetSizes", List.of(20, 30, 20));
        for (Stage stage : List.of(new FineTuneStage(), new SimilarityStage())) {
            assertEquals(List.of(new ParameterProblem("nesterov", "nesterov applies only to optimizer: sgd"),
                            new ParameterProblem("targetSizes", "20 is listed twice")), problems(stage, both),
                    stage.descriptor().type());
        }
        assertEquals(List.of(new ParameterProblem("initScale", "initScale applies only to init: normal"),
                        new ParameterProblem("nesterov", "nesterov applies only to optimizer: sgd")),
                problems(new PretrainStage(), Map.of("initScale", 2.0, "nesterov", true)));
    }

    @Test
    void theBlocksAreNotCheckedWhenTheLayersTheyNeedAreRefused() {
        Map<String, Object> values = Map.of("initScale", 2.0, "architecture", "[conv 4 3x3, wibble 2, dense 8]",
                "imageShape", List.of(1, 8, 8));
        assertEquals(List.of(new ParameterProblem("initScale", "initScale applies only to init: normal")),
                problems(new PretrainStage(), values));
        List<ParameterProblem> blocks = problems(new PretrainStage(), Map.of("init", "normal", "initScale", 2.0,
                "architecture", "[conv 4 3x3, wibble 2, dense 8]", "imageShape", List.of(1, 8, 8)));
        assertEquals(List.of("architecture"), blocks.stream().map(ParameterProblem::parameter).toList());
    }

    @Test
    void similaritySizesAreOptionalAndCheckedWhenListed() {
        assertEquals(List.of(), problems(new SimilarityStage(), Map.of()));
        assertEquals(List.of(new ParameterProblem("targetSizes", "50 is listed twice")),
                problems(new SimilarityStage(), Map.of("targetSizes", List.of(50, 50))));
    }

    @Test
    void anUnknownBlockIsAProblemOfArchitecture() {
        List<ParameterProblem> problems = problems(new PretrainStage(),
                Map.of("architecture", "[conv 4 3x3, wibble 2, dense 8]", "imageShape", List.of(1, 8, 8)));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("architecture", problems.get(0).parameter());
    }

    @Test
    void anImageShapeOfTwoSizesIsAProblemOfImageShape() {
        List<ParameterProblem> problems = problems(new PretrainStage(),
                Map.of("architecture", "[conv 8 3x3, dense 16]", "imageShape", List.of(28, 28)));
        assertEquals("imageShape", problems.get(0).parameter(), problems.toString());
    }

    @Test
    void transferDepthsAreAllDepthsOrTheListedOnesDeepestFirst() {
        Stage stage = new IncrementalDefrostingStage();
        var all = IncrementalDefrostingStage.Settings.of(Parameters.of(stage.descriptor().parameters(), Map.of()));
        assertEquals(List.of(3, 2, 1, 0), all.depthsFor(3));
        var listed = IncrementalDefrostingStage.Settings.of(Parameters.of(stage.descriptor().parameters(),
                Map.of("depths", List.of(0, 2, 2))));
        assertEquals(List.of(2, 0), listed.depthsFor(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> listed.depthsFor(1));
        assertTrue(e.getMessage().startsWith("depths: 2 is deeper"), e.getMessage());
    }
}
