package org.defrost.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolved parameters of a stage invocation: every declared parameter is present (defaults
 * filled in, matrix references replaced) and already checked against its {@link ParameterSpec}, except
 * {@linkplain ParameterSpec#isDerived() derived} ones that the pipeline left out. Values are Long, Double,
 * Boolean, String, or Lists of those. A stage binds them into its typed record with a {@link ParameterBinder}.
 */
public final class Parameters {
    private final Map<String, Object> values;

    public Parameters(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Parameters from Java values, checked against their declarations the way the engine resolves a pipeline's
     * {@code with:}: defaults filled in, derived parameters absent unless given, integers as Long and numbers
     * as Double, ranges and words checked, a single value standing for a one-item list. For typed builders and
     * tests; a stage receives its parameters already resolved.
     *
     * @param specs  the declarations, in order
     * @param values values by name (any {@link Number} for numbers); absent names take their defaults
     * @throws ParameterException for an unknown name, a missing required value, a wrong type or a value out of
     *                            range, naming the parameter
     */
    public static Parameters of(List<ParameterSpec> specs, Map<String, ?> values) {
        List<String> known = specs.stream().map(ParameterSpec::name).toList();
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new ParameterException(name, "unknown parameter '" + name + "'; known: " + known);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            Object v = values.get(spec.name());
            if (v != null) {
                out.put(spec.name(), accept(spec, v));
            } else if (spec.isRequired()) {
                throw new ParameterException(spec.name(), "missing required parameter '" + spec.name() + "' ("
                        + spec.typeText() + ")");
            } else if (!spec.isDerived()) {
                out.put(spec.name(), spec.defaultValue());
            }
        }
        return new Parameters(out);
    }

    private static Object accept(ParameterSpec spec, Object v) {
        ParameterType type = spec.type();
        if (type != ParameterType.INTEGER_LIST && type != ParameterType.NUMBER_LIST && type != ParameterType.STRING_LIST) {
            return scalar(spec, v);
        }
        if (v instanceof String word && type != ParameterType.STRING_LIST && spec.choices().contains(word)) {
            return word;
        }
        List<?> items = v instanceof List<?> list ? list : List.of(v);
        if (items.isEmpty()) {
            throw new ParameterException(spec.name(), spec.name() + ": expected a non-empty list");
        }
        return items.stream().map(item -> scalar(spec, item)).toList();
    }

    private static Object scalar(ParameterSpec spec, Object v) {
        Object value = switch (spec.type()) {
            case INTEGER, INTEGER_LIST -> v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    && Math.abs(n.doubleValue()) < 9e15 ? (Object) n.longValue() : null;
            case NUMBER, NUMBER_LIST -> v instanceof Number n && Double.isFinite(n.doubleValue()) ? (Object) n.doubleValue() : null;
            case BOOLEAN -> v instanceof Boolean ? v : null;
            case STRING, PATH, CHOICE, STRING_LIST -> v instanceof String ? v : null;
        };
        String name = spec.name();
        if (value == null) {
            throw new ParameterException(name, name + ": expected " + spec.typeText() + ", found " + v);
        }
        if (value instanceof String word && !spec.choices().isEmpty()
                && (spec.type() == ParameterType.CHOICE || spec.type() == ParameterType.STRING_LIST)
                && !spec.choices().contains(word)) {
            throw new ParameterException(name, name + ": '" + word + "' is not one of " + String.join(", ", spec.choices()));
        }
        if (value instanceof Number n && !spec.inRange(n.doubleValue())) {
            throw new ParameterException(name, name + ": value " + v + " is out of range " + spec.rangeText());
        }
        return value;
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

    /**
     * The value of a {@linkplain ParameterSpec#isDerived() derived} integer parameter as an int, or
     * {@code derived} when the pipeline left it out.
     */
    public int getInt(String name, int derived) {
        return values.containsKey(name) ? getInt(name) : derived;
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

    /**
     * The value of a {@linkplain ParameterSpec#isDerived() derived} text parameter, or {@code derived} when the
     * pipeline left it out.
     */
    public String getString(String name, String derived) {
        return values.containsKey(name) ? getString(name) : derived;
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
