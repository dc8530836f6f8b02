package org.defrost.tck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parameters a stage must refuse: the kit's valid parameters with some values changed or removed, and the
 * parameter the refusal must name. For example {@code InvalidParameters.of("maxEpochs", 0)}, or, for a rule
 * between parameters, {@code InvalidParameters.of(Map.of("optimizer", "adam", "nesterov", true), "nesterov")
 * .mentioning("only to optimizer: sgd")}.
 *
 * @param description     how the case reads in test reports
 * @param changes         values that replace or add to the valid parameters
 * @param removed         parameters left out
 * @param parameter       the parameter a problem must name (as {@code stages[i].with.NAME}, or an item of it)
 * @param messageFragment text the problem's message must contain, or null
 */
public record InvalidParameters(String description, Map<String, Object> changes, Set<String> removed, String parameter,
                                String messageFragment) {

    public InvalidParameters {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parameter, "parameter");
        changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
        removed = Set.copyOf(removed);
    }

    /** {@code parameter} set to {@code value}; the refusal names {@code parameter}. */
    public static InvalidParameters of(String parameter, Object value) {
        return new InvalidParameters(parameter + ": " + YamlText.value(value), Map.of(parameter, value), Set.of(),
                parameter, null);
    }

    /** Several values changed at once; the refusal names {@code blamed}. */
    public static InvalidParameters of(Map<String, ?> changes, String blamed) {
        Map<String, Object> sorted = new java.util.TreeMap<>(changes);
        List<String> shown = sorted.entrySet().stream().map(e -> e.getKey() + ": " + YamlText.value(e.getValue())).toList();
        return new InvalidParameters("{" + String.join(", ", shown) + "}", sorted, Set.of(), blamed, null);
    }

    /** {@code parameter} left out; the refusal names it. */
    public static InvalidParameters without(String parameter) {
        return new InvalidParameters("without " + parameter, Map.of(), Set.of(parameter), parameter, null);
    }

    /** This case, also requiring the problem's message to contain {@code fragment}. */
    public InvalidParameters mentioning(String fragment) {
        return new InvalidParameters(description, changes, removed, parameter, fragment);
    }

    /** This case under another description. */
    InvalidParameters describedAs(String text) {
        return new InvalidParameters(text, changes, removed, parameter, messageFragment);
    }

    /** {@code valid} with this case's changes applied, in the order: valid keys, then new ones. */
    Map<String, Object> applyTo(Map<String, ?> valid) {
        Map<String, Object> out = new LinkedHashMap<>(valid);
        out.putAll(changes);
        removed.forEach(out::remove);
        return out;
    }
}
