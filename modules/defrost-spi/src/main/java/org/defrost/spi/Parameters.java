package org.defrost.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolved parameters of a stage invocation: every declared parameter is present (defaults
 * filled in, matrix references replaced) and already checked against its {@link ParameterSpec}.
 * Values are Long, Double, Boolean, String, or Lists of those.
 */
public final class Parameters {
    private final Map<String, Object> values;

    public Parameters(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** All values by name, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The raw value, or null when absent. */
    public Object get(String name) {
        return values.get(name);
    }

    public long getLong(String name) {
        return ((Number) require(name)).longValue();
    }

    /** The value as an int; declared ranges keep it within int. */
    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public String getString(String name) {
        return String.valueOf(require(name));
    }

    /** An integer list, or null when the value is a word standing for the list (see {@link #isWord}). */
    public List<Integer> getIntList(String name) {
        Object v = require(name);
        return v instanceof List<?> list ? list.stream().map(o -> Math.toIntExact(((Number) o).longValue())).toList() : null;
    }

    /** A number list, or null when the value is a word standing for the list. */
    public List<Double> getDoubleList(String name) {
        Object v = require(name);
        return v instanceof List<?> list ? list.stream().map(o -> ((Number) o).doubleValue()).toList() : null;
    }

    public List<String> getStringList(String name) {
        Object v = require(name);
        return v instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(v));
    }

    /** Whether the value is the given word (e.g. {@code all} given instead of a list of depths). */
    public boolean isWord(String name, String word) {
        return word.equals(values.get(name));
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; known: " + values.keySet());
        }
        return v;
    }

    @Override
    public String toString() {
        return values.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
