package org.defrost.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.ParameterType;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.junit.jupiter.api.Test;

class DescriptorRulesTest {
    private static StageDescriptor stage(String type, String version, String description, List<String> consumes,
                                         List<String> optional, List<String> produces, ParameterSpec... parameters) {
        return new StageDescriptor(type, version, description, List.of(parameters), consumes, optional, produces,
                StageScope.EACH_SEED, true);
    }

    private static StageDescriptor withParameters(ParameterSpec... parameters) {
        return stage("good-stage", "1", "Does one thing.", List.of(), List.of(), List.of("out"), parameters);
    }

    private static void only(Function<StageDescriptor, List<String>> rule, StageDescriptor d, String fragment) {
        List<String> problems = rule.apply(d);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(fragment), problems.get(0));
    }

    @Test
    void aCompleteDeclarationFollowsEveryRule() {
        StageDescriptor d = withParameters(
                ParameterSpec.integer("maxEpochs", 10, "Upper bound.").withRange(1, 100),
                ParameterSpec.number("rate", 0.5, "A rate.").withRange(0, 1),
                ParameterSpec.choice("mode", "fast", List.of("fast", "slow"), "Speed."),
                ParameterSpec.integers("depths", null, "Depths, or all.").withChoices(List.of("all")).withRange(0, 9)
                        .withDefault("all"),
                ParameterSpec.strings("inits", List.of("random"), List.of("random", "pretrained"), "Starts."),
                ParameterSpec.required("data", ParameterType.PATH, "Where the data is."));
        for (Function<StageDescriptor, List<String>> rule : List.<Function<StageDescriptor, List<String>>>of(
                DescriptorRules::identity, DescriptorRules::artifactKinds, DescriptorRules::parameterNames,
                DescriptorRules::parameterDescriptions, DescriptorRules::defaults, DescriptorRules::ranges,
                DescriptorRules::choices)) {
            assertEquals(List.of(), rule.apply(d));
        }
    }

    @Test
    void identityWantsAHyphenatedTypeAVersionAndADescriptionEndingWithAPeriod() {
        only(DescriptorRules::identity, stage("LinearProbe", "1", "Probes.", List.of(), List.of(), List.of("out")),
                "not lower-case words joined by hyphens");
        only(DescriptorRules::identity, stage("probe", " ", "Probes.", List.of(), List.of(), List.of("out")), "version");
        only(DescriptorRules::identity, stage("probe", "1", "Probes", List.of(), List.of(), List.of("out")),
                "does not end with a period");
        only(DescriptorRules::identity, stage("probe", "1", "  ", List.of(), List.of(), List.of("out")), "is blank");
    }

    @Test
    void artifactKindsMustExistBeHyphenatedAndListedOnce() {
        only(DescriptorRules::artifactKinds, stage("s", "1", "D.", List.of(), List.of(), List.of()), "produces no artifact kind");
        only(DescriptorRules::artifactKinds, stage("s", "1", "D.", List.of("task_pair"), List.of(), List.of("out")),
                "consumes: kind 'task_pair'");
        only(DescriptorRules::artifactKinds, stage("s", "1", "D.", List.of(), List.of(), List.of("out", "out")), "listed twice");
        only(DescriptorRules::artifactKinds, stage("s", "1", "D.", List.of("a"), List.of("a"), List.of("out")),
                "both as consumed and as optionally consumed");
    }

    @Test
    void parameterNamesAreCamelCaseAndUnique() {
        only(DescriptorRules::parameterNames, withParameters(ParameterSpec.integer("max_epochs", 1, "E.")), "not a camelCase name");
        only(DescriptorRules::parameterNames, withParameters(ParameterSpec.integer("n", 1, "E."), ParameterSpec.bool("n", true, "B.")),
                "declared twice");
    }

    @Test
    void parameterDescriptionsAreSentences() {
        only(DescriptorRules::parameterDescriptions, withParameters(ParameterSpec.integer("n", 1, "count")),
                "description of parameter 'n' does not end with a period");
        only(DescriptorRules::parameterDescriptions, withParameters(ParameterSpec.integer("n", 1, "")), "is blank");
    }

    @Test
    void defaultsHaveTheJavaTypeOfTheirParameterType() {
        only(DescriptorRules::defaults, withParameters(ParameterSpec.integer("n", 1, "N.").withDefault(1)), "expected a Long");
        only(DescriptorRules::defaults, withParameters(ParameterSpec.number("x", 1, "X.").withDefault(1L)), "expected a Double");
        only(DescriptorRules::defaults, withParameters(ParameterSpec.integers("sizes", List.of(), "S.")), "non-empty List of Long");
        only(DescriptorRules::defaults, withParameters(ParameterSpec.integers("sizes", null, "S.").withDefault("every")),
                "or one of its words");
        only(DescriptorRules::defaults, withParameters(ParameterSpec.path("data", " ", "D.")), "blank default path");
    }

    @Test
    void rangesSitOnNumbersAreNonEmptyAndHoldTheDefault() {
        only(DescriptorRules::ranges, withParameters(ParameterSpec.string("name", "x", "N.").withRange(0, 1)), "only numbers");
        only(DescriptorRules::ranges, withParameters(ParameterSpec.integer("n", 5, "N.").withRange(10, 1)), "empty range");
        only(DescriptorRules::ranges, withParameters(ParameterSpec.integer("n", 50, "N.").withRange(1, 10)), "outside its range");
        only(DescriptorRules::ranges, withParameters(ParameterSpec.integers("n", List.of(1L, 50L), "N.").withRange(1, 10)),
                "default 50 outside");
        only(DescriptorRules::ranges, withParameters(ParameterSpec.number("x", 0.5, "X.").withRange(0, Double.POSITIVE_INFINITY)),
                "not a finite number");
    }

    @Test
    void choicesAreListedOnceWithTheDefaultAmongThemAndOnlyWhereTheEngineReadsThem() {
        only(DescriptorRules::choices, withParameters(ParameterSpec.choice("mode", null, List.of(), "M.")), "CHOICE without choices");
        only(DescriptorRules::choices, withParameters(ParameterSpec.choice("mode", "fast", List.of("slow", "medium"), "M.")),
                "default 'fast', which is not one of");
        only(DescriptorRules::choices, withParameters(ParameterSpec.choice("mode", "a", List.of("a", "a"), "M.")), "twice");
        only(DescriptorRules::choices, withParameters(ParameterSpec.integer("n", 1, "N.").withChoices(List.of("all"))),
                "which the engine ignores");
        only(DescriptorRules::choices, withParameters(ParameterSpec.strings("inits", List.of("warm"), List.of("random"), "I.")),
                "default item 'warm'");
    }
}
