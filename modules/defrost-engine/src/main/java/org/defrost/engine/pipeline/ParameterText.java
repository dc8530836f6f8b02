package org.defrost.engine.pipeline;

import java.util.List;
import org.defrost.spi.ParameterSpec;

/** How parameter declarations read in messages and in {@code defrost stages --describe}. */
public final class ParameterText {
    private ParameterText() {
    }

    /** "an integer in [1, 1000]", "a list of numbers or all", "one of adam, sgd" ... */
    public static String type(ParameterSpec spec) {
        String words = spec.choices().isEmpty() ? "" : String.join(", ", spec.choices());
        String base = switch (spec.type()) {
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "a text";
            case PATH -> "a path";
            case CHOICE -> "one of " + words;
            case INTEGER_LIST -> "a list of integers" + (words.isEmpty() ? "" : " or " + words);
            case NUMBER_LIST -> "a list of numbers" + (words.isEmpty() ? "" : " or " + words);
            case STRING_LIST -> "a list of " + (words.isEmpty() ? "texts" : "words from " + words);
        };
        return spec.min() != null || spec.max() != null ? base + " in " + range(spec) : base;
    }

    /** "[min, max]" with open ends shown as -inf and inf. */
    public static String range(ParameterSpec spec) {
        return "[" + (spec.min() == null ? "-inf" : number(spec.min())) + ", "
                + (spec.max() == null ? "inf" : number(spec.max())) + "]";
    }

    /** The default as written in YAML, or "required". */
    public static String defaultValue(ParameterSpec spec) {
        Object d = spec.defaultValue();
        if (d == null) {
            return "required";
        }
        if (d instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(ParameterText::value).toList()) + "]";
        }
        return value(d);
    }

    private static String value(Object v) {
        return v instanceof Double d ? number(d) : String.valueOf(v);
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
