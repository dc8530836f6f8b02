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
 * @param defaultValue the value used when the key is absent; {@code null} makes the parameter required unless
 *                     it has a {@link #derivation}. Its Java type matches {@link #type}: Long, Double, Boolean,
 *                     String or a List of those.
 * @param min          inclusive lower bound for numbers (each element for lists), or null
 * @param max          inclusive upper bound for numbers (each element for lists), or null
 * @param choices      allowed words for {@link ParameterType#CHOICE} and {@link ParameterType#STRING_LIST};
 *                     for number lists, words that may stand instead of a list (e.g. {@code all}); else empty
 * @param description  one or two sentences for users, with units
 * @param derivation   for a parameter whose value, when absent, is derived from other parameters by the stage:
 *                     how, in a few words for users (e.g. {@code min(sourceLatentDim, targetLatentDim)}); else
 *                     null. Such a parameter has no default and is absent from the resolved {@link Parameters}
 *                     when a pipeline leaves it out; see {@link Parameters#getInt(String, int)}.
 */
public record ParameterSpec(String name, ParameterType type, Object defaultValue, Double min, Double max,
                            List<String> choices, String description, String derivation) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (defaultValue != null && derivation != null) {
            throw new IllegalArgumentException("parameter '" + name + "' has both a default and a derivation");
        }
    }

    /** A declaration without a derivation. */
    public ParameterSpec(String name, ParameterType type, Object defaultValue, Double min, Double max,
                         List<String> choices, String description) {
        this(name, type, defaultValue, min, max, choices, description, null);
    }

    /** A required parameter of the given type. */
    public static ParameterSpec required(String name, ParameterType type, String description) {
        return new ParameterSpec(name, type, null, null, null, List.of(), description);
    }

    /**
     * A parameter that pipelines may leave out, in which case the stage derives its value from other parameters
     * ({@code derivation} says how, for users).
     */
    public static ParameterSpec derived(String name, ParameterType type, String derivation, String description) {
        return new ParameterSpec(name, type, null, null, null, List.of(), description,
                Objects.requireNonNull(derivation, "derivation"));
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
        return new ParameterSpec(name, type, defaultValue, min, max, choices, description, derivation);
    }

    /** This declaration with words that may stand for a whole list (number lists) or are allowed (others). */
    public ParameterSpec withChoices(List<String> words) {
        return new ParameterSpec(name, type, defaultValue, min, max, words, description, derivation);
    }

    /**
     * This declaration with another default (for list types, possibly one of {@link #choices}); a derived
     * parameter becomes an ordinary one.
     */
    public ParameterSpec withDefault(Object value) {
        return new ParameterSpec(name, type, value, min, max, choices, description, null);
    }

    /** Whether a pipeline must give a value. */
    public boolean isRequired() {
        return defaultValue == null && derivation == null;
    }

    /** Whether the stage derives the value when a pipeline leaves it out. */
    public boolean isDerived() {
        return derivation != null;
    }

    /** Whether {@code value} lies within the declared bounds (always, when there are none). */
    public boolean inRange(double value) {
        return (min == null || value >= min) && (max == null || value <= max);
    }

    /** The type as users read it: "an integer in [1, 1000]", "a list of numbers or all", "one of adam, sgd" ... */
    public String typeText() {
        String words = String.join(", ", choices);
        String base = switch (type) {
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
        return min != null || max != null ? base + " in " + rangeText() : base;
    }

    /** The bounds as users read them: "[min, max]", open ends shown as -inf and inf. */
    public String rangeText() {
        return "[" + (min == null ? "-inf" : number(min)) + ", " + (max == null ? "inf" : number(max)) + "]";
    }

    /** The default as written in YAML, "derived: HOW" for a derived parameter, or "required". */
    public String defaultText() {
        if (derivation != null) {
            return "derived: " + derivation;
        }
        if (defaultValue == null) {
            return "required";
        }
        if (defaultValue instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(ParameterSpec::valueText).toList()) + "]";
        }
        return valueText(defaultValue);
    }

    private static String valueText(Object v) {
        return v instanceof Double d ? number(d) : String.valueOf(v);
    }

    /** A number as written in YAML: whole numbers without a decimal point. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
