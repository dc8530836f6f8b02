package org.defrost.spi;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one stage parameter: the single source for validation, documentation and
 * provenance. Build with the static factories and the {@code with...} methods, e.g.
 * {@code ParameterSpec.integer("maxEpochs", 2000, "Upper bound on training epochs.").withRange(1, 100_000)}.
 *
 * @param name         the key under {@code with:} in a pipeline file
 * @param type         the value's type
 * @param defaultValue the value used when the key is absent; {@code null} makes the parameter required.
 *                     Its Java type matches {@link #type}: Long, Double, Boolean, String or a List of those.
 * @param min          inclusive lower bound for numbers (each element for lists), or null
 * @param max          inclusive upper bound for numbers (each element for lists), or null
 * @param choices      allowed words for {@link ParameterType#CHOICE} and {@link ParameterType#STRING_LIST};
 *                     for number lists, words that may stand instead of a list (e.g. {@code all}); else empty
 * @param description  one or two sentences for users, with units
 */
public record ParameterSpec(String name, ParameterType type, Object defaultValue, Double min, Double max,
                            List<String> choices, String description) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
    }

    /** A required parameter of the given type. */
    public static ParameterSpec required(String name, ParameterType type, String description) {
        return new ParameterSpec(name, type, null, null, null, List.of(), description);
    }

    /** An integer parameter with a default. */
    public static ParameterSpec integer(String name, long defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.INTEGER, defaultValue, null, null, List.of(), description);
    }

    /** A real-valued parameter with a default. */
    public static ParameterSpec number(String name, double defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.NUMBER, defaultValue, null, null, List.of(), description);
    }

    /** A boolean parameter with a default. */
    public static ParameterSpec bool(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.BOOLEAN, defaultValue, null, null, List.of(), description);
    }

    /** A free-text parameter with a default (null for required). */
    public static ParameterSpec string(String name, String defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.STRING, defaultValue, null, null, List.of(), description);
    }

    /** A path parameter with a default (null for required); see {@link ParameterType#PATH}. */
    public static ParameterSpec path(String name, String defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.PATH, defaultValue, null, null, List.of(), description);
    }

    /** A parameter taking one of {@code choices}, defaulting to {@code defaultValue}. */
    public static ParameterSpec choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParameterSpec(name, ParameterType.CHOICE, defaultValue, null, null, choices, description);
    }

    /** A list of integers with a default (null for required). */
    public static ParameterSpec integers(String name, List<Long> defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.INTEGER_LIST, defaultValue, null, null, List.of(), description);
    }

    /** A list of real numbers with a default (null for required). */
    public static ParameterSpec numbers(String name, List<Double> defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.NUMBER_LIST, defaultValue, null, null, List.of(), description);
    }

    /** A list of words from {@code choices} (any text when empty) with a default (null for required). */
    public static ParameterSpec strings(String name, List<String> defaultValue, List<String> choices,
                                        String description) {
        return new ParameterSpec(name, ParameterType.STRING_LIST, defaultValue, null, null, choices, description);
    }

    /** This declaration with inclusive bounds on its numeric values. */
    public ParameterSpec withRange(double min, double max) {
        return new ParameterSpec(name, type, defaultValue, min, max, choices, description);
    }

    /** This declaration with words that may stand for a whole list (number lists) or are allowed (others). */
    public ParameterSpec withChoices(List<String> words) {
        return new ParameterSpec(name, type, defaultValue, min, max, words, description);
    }

    /** This declaration with another default (for list types, possibly one of {@link #choices}). */
    public ParameterSpec withDefault(Object value) {
        return new ParameterSpec(name, type, value, min, max, choices, description);
    }

    /** Whether a pipeline must give a value. */
    public boolean isRequired() {
        return defaultValue == null;
    }
}
