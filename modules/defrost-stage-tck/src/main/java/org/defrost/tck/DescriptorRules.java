package org.defrost.tck;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.ParameterType;
import org.defrost.spi.StageDescriptor;

/**
 * What a complete stage declaration looks like. Each rule returns its problems, one readable sentence each,
 * empty when the declaration follows it.
 */
final class DescriptorRules {
    /** Lower-case words joined by hyphens: stage types and artifact kinds. */
    static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** Parameter names as written under {@code with:}. */
    static final Pattern CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Set<ParameterType> NUMERIC = Set.of(ParameterType.INTEGER, ParameterType.NUMBER,
            ParameterType.INTEGER_LIST, ParameterType.NUMBER_LIST);
    private static final Set<ParameterType> LISTS = Set.of(ParameterType.INTEGER_LIST, ParameterType.NUMBER_LIST,
            ParameterType.STRING_LIST);

    private DescriptorRules() {
    }

    /** The type is lower-case words joined by hyphens; version and description are present. */
    static List<String> identity(StageDescriptor d) {
        List<String> problems = new ArrayList<>();
        if (!KEBAB.matcher(d.type()).matches()) {
            problems.add("type '" + d.type() + "' is not lower-case words joined by hyphens");
        }
        if (d.version().isBlank() || !d.version().equals(d.version().strip())) {
            problems.add("version '" + d.version() + "' is blank or has surrounding spaces");
        }
        sentence("the stage's description", d.description(), problems);
        return problems;
    }

    /** At least one output; every kind is lower-case words joined by hyphens and listed once. */
    static List<String> artifactKinds(StageDescriptor d) {
        List<String> problems = new ArrayList<>();
        if (d.produces().isEmpty()) {
            problems.add("produces no artifact kind: every stage writes at least one output");
        }
        kinds("produces", d.produces(), problems);
        kinds("consumes", d.consumes(), problems);
        kinds("optionalConsumes", d.optionalConsumes(), problems);
        for (String kind : d.optionalConsumes()) {
            if (d.consumes().contains(kind)) {
                problems.add("kind '" + kind + "' is listed both as consumed and as optionally consumed");
            }
        }
        return problems;
    }

    private static void kinds(String list, List<String> kinds, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (String kind : kinds) {
            if (!KEBAB.matcher(kind).matches()) {
                problems.add(list + ": kind '" + kind + "' is not lower-case words joined by hyphens");
            }
            if (!seen.add(kind)) {
                problems.add(list + ": kind '" + kind + "' is listed twice");
            }
        }
    }

    /** Parameter names are camelCase and unique. */
    static List<String> parameterNames(StageDescriptor d) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ParameterSpec p : d.parameters()) {
            if (!CAMEL.matcher(p.name()).matches()) {
                problems.add("parameter '" + p.name() + "' is not a camelCase name (a lower-case letter, then letters and digits)");
            }
            if (!seen.add(p.name())) {
                problems.add("parameter '" + p.name() + "' is declared twice");
            }
        }
        return problems;
    }

    /** Every parameter has a description that ends with a period. */
    static List<String> parameterDescriptions(StageDescriptor d) {
        List<String> problems = new ArrayList<>();
        for (ParameterSpec p : d.parameters()) {
            sentence("the description of parameter '" + p.name() + "'", p.description(), problems);
        }
        return problems;
    }

    private static void sentence(String what, String text, List<String> problems) {
        if (text.isBlank()) {
            problems.add(what + " is blank");
        } else if (!text.strip().endsWith(".")) {
            problems.add(what + " does not end with a period: \"" + text + "\"");
        }
    }

    /** Each default has the Java type of its parameter type; list defaults are not empty. */
    static List<String> defaults(StageDescriptor d) {
        List<String> problems = new ArrayList<>();
        for (ParameterSpec p : d.parameters()) {
            Object v = p.defaultValue();
            if (v == null) {
                continue;
            }
            String expected = switch (p.type()) {
                case INTEGER -> v instanceof Long ? null : "a Long";
                case NUMBER -> v instanceof Double ? null : "a Double";
                case BOOLEAN -> v instanceof Boolean ? null : "a Boolean";
                case STRING, PATH, CHOICE -> v instanceof String ? null : "a String";
                case INTEGER_LIST -> listOf(v, Long.class, p) ? null : "a non-empty List of Long or one of its words";
                case NUMBER_LIST -> listOf(v, Double.class, p) ? null : "a non-empty List of Double or one of its words";
                case STRING_LIST -> listOf(v, String.class, p) ? null : "a non-empty List of String";
            };
            if (expected != null) {
                problems.add("parameter '" + p.name() + "' of type " + p.type() + " has default " + v + " ("
                        + v.getClass().getSimpleName() + "); expected " + expected);
            } else if (p.type() == ParameterType.PATH && ((String) v).isBlank()) {
                problems.add("parameter '" + p.name() + "' has a blank default path");
            }
        }
        return problems;
    }

    private static boolean listOf(Object v, Class<?> element, ParameterSpec p) {
        if (v instanceof String word) {
            return element != String.class && p.choices().contains(word);
        }
        return v instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(element::isInstance);
    }

    /** Bounds sit on numeric parameters only, are finite with min ≤ max, and contain the default. */
    static List<String> ranges(StageDescriptor d) {
        List<String> problems = new ArrayList<>();
        for (ParameterSpec p : d.parameters()) {
            if (p.min() == null && p.max() == null) {
                continue;
            }
            String name = "parameter '" + p.name() + "'";
            if (!NUMERIC.contains(p.type())) {
                problems.add(name + " of type " + p.type() + " has a range; only numbers and number lists have one");
                continue;
            }
            if (p.min() != null && !Double.isFinite(p.min()) || p.max() != null && !Double.isFinite(p.max())) {
                problems.add(name + " has a bound that is not a finite number: [" + p.min() + ", " + p.max() + "]");
                continue;
            }
            if (p.min() != null && p.max() != null && p.min() > p.max()) {
                problems.add(name + " has an empty range: min " + p.min() + " > max " + p.max());
                continue;
            }
            for (Object v : p.defaultValue() instanceof List<?> list ? list : java.util.Collections.singletonList(p.defaultValue())) {
                if (v instanceof Number n && (p.min() != null && n.doubleValue() < p.min()
                        || p.max() != null && n.doubleValue() > p.max())) {
                    problems.add(name + " has default " + v + " outside its range [" + p.min() + ", " + p.max() + "]");
                }
            }
        }
        return problems;
    }

    /**
     * Choice parameters list their words, the default among them; words appear only where the engine reads
     * them (choices, lists of words, and number lists, where a word stands for a whole list).
     */
    static List<String> choices(StageDescriptor d) {
        List<String> problems = new ArrayList<>();
        for (ParameterSpec p : d.parameters()) {
            String name = "parameter '" + p.name() + "'";
            boolean mayHaveWords = p.type() == ParameterType.CHOICE || LISTS.contains(p.type());
            if (!mayHaveWords && !p.choices().isEmpty()) {
                problems.add(name + " of type " + p.type() + " lists words " + p.choices() + ", which the engine ignores");
                continue;
            }
            if (p.type() == ParameterType.CHOICE && p.choices().isEmpty()) {
                problems.add(name + " is a CHOICE without choices");
            }
            Set<String> seen = new HashSet<>();
            for (String word : p.choices()) {
                if (word.isBlank()) {
                    problems.add(name + " lists a blank word");
                } else if (!seen.add(word)) {
                    problems.add(name + " lists '" + word + "' twice");
                }
            }
            Object v = p.defaultValue();
            if (p.type() == ParameterType.CHOICE && v instanceof String word && !p.choices().contains(word)) {
                problems.add(name + " has default '" + word + "', which is not one of " + p.choices());
            }
            if (p.type() == ParameterType.STRING_LIST && !p.choices().isEmpty() && v instanceof List<?> list) {
                for (Object item : list) {
                    if (!p.choices().contains(item)) {
                        problems.add(name + " has default item '" + item + "', which is not one of " + p.choices());
                    }
                }
            }
        }
        return problems;
    }
}
