package org.defrost.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.ParameterType;
import org.defrost.spi.StageDescriptor;

/**
 * Invalid parameters that follow from a declaration alone: an unknown name, each required parameter left out,
 * values just outside each range, values of the wrong type, and words outside each choice.
 */
final class DerivedInvalidCases {
    /** Integers beyond this are not written as bounds plus one: they would leave the range of a long. */
    private static final double LARGEST_EXACT = 9e15;

    private DerivedInvalidCases() {
    }

    static List<InvalidParameters> of(StageDescriptor d) {
        List<InvalidParameters> cases = new ArrayList<>();
        String unknown = "notAParameter";
        while (d.parameter(unknown).isPresent()) {
            unknown += "X";
        }
        cases.add(InvalidParameters.of(unknown, 1L).mentioning("has no parameter '" + unknown + "'")
                .describedAs("an unknown parameter " + unknown));
        for (ParameterSpec p : d.parameters()) {
            if (p.isRequired()) {
                cases.add(InvalidParameters.without(p.name()).mentioning("missing required parameter")
                        .describedAs(p.name() + " left out (it is required)"));
            }
            outOfRange(p, cases);
            wrongType(p, cases);
            if (!p.choices().isEmpty() && (p.type() == ParameterType.CHOICE || p.type() == ParameterType.STRING_LIST)) {
                String word = "notOneOf" + p.choices().size() + "Choices";
                Object value = p.type() == ParameterType.CHOICE ? word : List.of(word);
                cases.add(InvalidParameters.of(p.name(), value).mentioning("is not one of")
                        .describedAs(p.name() + ": " + YamlText.value(value) + " (not one of its words)"));
            }
        }
        return cases;
    }

    private static void outOfRange(ParameterSpec p, List<InvalidParameters> cases) {
        boolean integer = p.type() == ParameterType.INTEGER || p.type() == ParameterType.INTEGER_LIST;
        boolean list = p.type() == ParameterType.INTEGER_LIST || p.type() == ParameterType.NUMBER_LIST;
        if (p.type() != ParameterType.INTEGER && p.type() != ParameterType.NUMBER && !list) {
            return;
        }
        if (p.min() != null && Math.abs(p.min()) < LARGEST_EXACT) {
            Object below = integer ? (Object) ((long) Math.ceil(p.min()) - 1) : (Object) (p.min() - Math.max(1, Math.abs(p.min())));
            cases.add(range(p, list ? List.of(below) : below, "below its minimum " + p.min()));
        }
        if (p.max() != null && Math.abs(p.max()) < LARGEST_EXACT) {
            Object above = integer ? (Object) ((long) Math.floor(p.max()) + 1) : (Object) (p.max() + Math.max(1, Math.abs(p.max())));
            cases.add(range(p, list ? List.of(above) : above, "above its maximum " + p.max()));
        }
    }

    private static InvalidParameters range(ParameterSpec p, Object value, String why) {
        return InvalidParameters.of(p.name(), value).mentioning("out of range")
                .describedAs(p.name() + ": " + YamlText.value(value) + " (" + why + ")");
    }

    private static void wrongType(ParameterSpec p, List<InvalidParameters> cases) {
        Map<ParameterType, Object> wrong = Map.of(
                ParameterType.INTEGER, 2.5,
                ParameterType.NUMBER, "notANumber",
                ParameterType.BOOLEAN, "notABoolean",
                ParameterType.INTEGER_LIST, List.of("notAnInteger"),
                ParameterType.NUMBER_LIST, List.of("notANumber"));
        Object value = wrong.get(p.type());
        if (value != null) {
            cases.add(InvalidParameters.of(p.name(), value).mentioning("expected")
                    .describedAs(p.name() + ": " + YamlText.value(value) + " (not " + article(p.type()) + ")"));
        }
    }

    private static String article(ParameterType type) {
        return switch (type) {
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case INTEGER_LIST -> "a list of integers";
            default -> "a list of numbers";
        };
    }
}
