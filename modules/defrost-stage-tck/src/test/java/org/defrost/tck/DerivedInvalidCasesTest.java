package org.defrost.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.ParameterType;
import org.defrost.spi.StageDescriptor;
import org.defrost.spi.StageScope;
import org.junit.jupiter.api.Test;

class DerivedInvalidCasesTest {
    private static List<String> described(ParameterSpec... parameters) {
        StageDescriptor d = new StageDescriptor("s", "1", "D.", List.of(parameters), List.of(), List.of("out"),
                StageScope.EACH_SEED);
        return DerivedInvalidCases.of(d).stream().map(InvalidParameters::description).toList();
    }

    @Test
    void anUnknownNameIsAlwaysTriedAndAvoidsDeclaredNames() {
        assertEquals(List.of("an unknown parameter notAParameter"), described());
        assertEquals("an unknown parameter notAParameterX",
                described(ParameterSpec.bool("notAParameter", true, "B.")).get(0));
    }

    @Test
    void integersGetBothBoundsPlusOneOutsideAndAFraction() {
        assertEquals(List.of("an unknown parameter notAParameter", "n: 0 (below its minimum 1.0)", "n: 101 (above its maximum 100.0)",
                "n: 2.5 (not an integer)"), described(ParameterSpec.integer("n", 5, "N.").withRange(1, 100)));
    }

    @Test
    void numbersStepOutsideTheirBoundsByAtLeastOne() {
        assertEquals(List.of("an unknown parameter notAParameter", "x: -1.0 (below its minimum 0.0)", "x: 2.0 (above its maximum 1.0)",
                "x: \"notANumber\" (not a number)"), described(ParameterSpec.number("x", 0.5, "X.").withRange(0, 1)));
        assertEquals("x: -1.000000000001 (below its minimum -1.0E-12)",
                described(ParameterSpec.number("x", 0.5, "X.").withRange(-1e-12, 1)).get(1));
    }

    @Test
    void requiredParametersListsAndChoicesGetTheirOwnCases() {
        assertEquals(List.of("an unknown parameter notAParameter", "sizes left out (it is required)", "sizes: [-6] (below its minimum -5.0)",
                        "sizes: [1] (above its maximum 0.0)",
                        "sizes: [\"notAnInteger\"] (not a list of integers)", "mode: \"notOneOf2Choices\" (not one of its words)",
                        "flag: \"notABoolean\" (not a boolean)", "inits: [\"notOneOf1Choices\"] (not one of its words)"),
                described(ParameterSpec.integers("sizes", null, "S.").withRange(-5, 0),
                        ParameterSpec.choice("mode", "a", List.of("a", "b"), "M."),
                        ParameterSpec.bool("flag", true, "F."),
                        ParameterSpec.strings("inits", List.of("r"), List.of("r"), "I."),
                        ParameterSpec.string("name", "x", "Free text has no invalid value."),
                        ParameterSpec.required("data", ParameterType.PATH, "Paths are checked by the engine.")).subList(0, 8));
    }

    @Test
    void casesChangeOneValueOfTheValidParameters() {
        StageDescriptor d = new StageDescriptor("s", "1", "D.", List.of(ParameterSpec.required("n", ParameterType.INTEGER, "N.")),
                List.of(), List.of("out"), StageScope.EACH_SEED);
        InvalidParameters leftOut = DerivedInvalidCases.of(d).get(1);
        assertEquals(Map.of("m", 2), leftOut.applyTo(Map.of("n", 1, "m", 2)));
        assertEquals(Set.of("n"), leftOut.removed());
        assertEquals(Map.of("n", 2.5), DerivedInvalidCases.of(d).get(2).applyTo(Map.of("n", 1)));
    }
}
