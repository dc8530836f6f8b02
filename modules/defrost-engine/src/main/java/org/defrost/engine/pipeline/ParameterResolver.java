package org.defrost.engine.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defrost.engine.yaml.Location;
import org.defrost.engine.yaml.YamlNode;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.ParameterType;
import org.defrost.spi.Parameters;
import org.defrost.spi.StageDescriptor;

/**
 * Turns the {@code with:} mapping of one stage into {@link Parameters} for one matrix cell: fills
 * defaults, substitutes {@code ${matrix.KEY}} references, converts and checks every value against its
 * {@link ParameterSpec}, and reports each problem with its location.
 */
final class ParameterResolver {
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern MATRIX_REFERENCE = Pattern.compile("matrix\\.([A-Za-z0-9_-]+)");

    /** Where relative paths start and which paths are allowed. */
    record PathContext(java.nio.file.Path base, PathPolicy policy) {
    }

    /** Collects problems; {@code field} is relative to the stage, e.g. {@code with.maxEpochs}. */
    interface Sink {
        void add(Location location, String field, String message);
    }

    private ParameterResolver() {
    }

    /**
     * Resolves the parameters of one stage for one matrix cell.
     *
     * @param missingAt where to report a missing required parameter: the {@code with:} key, or the stage
     * @return the parameters, or null when any problem was reported
     */
    static Parameters resolve(StageDescriptor descriptor, YamlNode.Mapping with, Location missingAt, Map<String, Object> cell,
                              PathContext paths, Sink sink) {
        Map<String, Object> values = new LinkedHashMap<>();
        boolean ok = true;
        for (String key : with.entries().keySet()) {
            if (descriptor.parameter(key).isEmpty()) {
                List<String> known = descriptor.parameters().stream().map(ParameterSpec::name).toList();
                sink.add(with.keyLocation(key), "with." + key, "stage type '" + descriptor.type()
                        + "' has no parameter '" + key + "'" + Suggestions.hint(key, known)
                        + (known.isEmpty() ? "" : " (parameters: " + String.join(", ", known) + ")"));
                ok = false;
            }
        }
        for (ParameterSpec spec : descriptor.parameters()) {
            YamlNode node = with.entries().get(spec.name());
            String field = "with." + spec.name();
            if (node == null) {
                if (spec.isRequired()) {
                    sink.add(missingAt, field, "missing required parameter '" + spec.name() + "' ("
                            + spec.typeText() + "): " + spec.description());
                    ok = false;
                } else if (!spec.isDerived()) {
                    values.put(spec.name(), spec.defaultValue());
                }
                continue;
            }
            Object value = convert(spec, substitute(node, cell, field, sink), field, sink);
            if (value != null && spec.type() == ParameterType.PATH) {
                try {
                    value = paths.policy().resolve(paths.base(), (String) value).toString();
                } catch (IllegalArgumentException e) {
                    sink.add(node.location(), field, e.getMessage());
                    value = null;
                }
            }
            if (value == null) {
                ok = false;
            } else {
                values.put(spec.name(), value);
            }
        }
        return ok ? new Parameters(values) : null;
    }

    /** Checks a stage's own cross-parameter rules and reports them at the parameter's location. */
    static boolean checkStageRules(List<ParameterProblem> problems, YamlNode.Mapping with, Sink sink) {
        for (ParameterProblem p : problems) {
            sink.add(with.keyLocation(p.parameter()), "with." + p.parameter(), p.message());
        }
        return problems.isEmpty();
    }

    /** Replaces {@code ${matrix.KEY}} scalars (also inside lists) with the cell's value; null on error. */
    private static YamlNode substitute(YamlNode node, Map<String, Object> cell, String field, Sink sink) {
        if (node instanceof YamlNode.Sequence seq) {
            List<YamlNode> items = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                YamlNode item = substitute(seq.items().get(i), cell, field + "[" + i + "]", sink);
                if (item == null) {
                    return null;
                }
                items.add(item);
            }
            return new YamlNode.Sequence(seq.location(), items);
        }
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String text) {
            Matcher m = REFERENCE.matcher(text);
            if (m.find()) {
                Matcher key = MATRIX_REFERENCE.matcher(m.group(1).strip());
                if (!m.matches() || !key.matches()) {
                    sink.add(s.location(), field, "'" + text + "' is not a reference of the form ${matrix.KEY}");
                    return null;
                }
                if (!cell.containsKey(key.group(1))) {
                    sink.add(s.location(), field, "no matrix key '" + key.group(1) + "'"
                            + Suggestions.hint(key.group(1), cell.keySet())
                            + (cell.isEmpty() ? "; the pipeline has no matrix" : "; matrix keys: " + String.join(", ", cell.keySet())));
                    return null;
                }
                return toNode(cell.get(key.group(1)), s.location());
            }
        }
        return node;
    }

    private static YamlNode toNode(Object plain, Location at) {
        if (plain instanceof List<?> list) {
            return new YamlNode.Sequence(at, list.stream().map(o -> toNode(o, at)).toList());
        }
        return new YamlNode.Scalar(at, plain);
    }

    private static Object convert(ParameterSpec spec, YamlNode node, String field, Sink sink) {
        if (node == null) {
            return null;
        }
        ParameterType type = spec.type();
        boolean list = type == ParameterType.INTEGER_LIST || type == ParameterType.NUMBER_LIST
                || type == ParameterType.STRING_LIST;
        if (!list) {
            return scalar(spec, node, field, sink);
        }
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String word && type != ParameterType.STRING_LIST
                && spec.choices().contains(word)) {
            return word;
        }
        List<YamlNode> items = node instanceof YamlNode.Sequence seq ? seq.items() : List.of(node);
        if (items.isEmpty()) {
            sink.add(node.location(), field, "expected a non-empty list");
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemField = node instanceof YamlNode.Sequence ? field + "[" + i + "]" : field;
            Object v = scalar(spec, items.get(i), itemField, sink);
            if (v == null) {
                return null;
            }
            out.add(v);
        }
        return List.copyOf(out);
    }

    private static Object scalar(ParameterSpec spec, YamlNode node, String field, Sink sink) {
        Object raw = node instanceof YamlNode.Scalar s ? s.value() : null;
        Location at = node.location();
        String expected = spec.typeText();
        if (!(node instanceof YamlNode.Scalar) || raw == null) {
            sink.add(at, field, "expected " + expected + ", found " + node.describe());
            return null;
        }
        Object value = switch (spec.type()) {
            case INTEGER, INTEGER_LIST -> raw instanceof Long l ? l
                    : raw instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15 ? (Object) d.longValue() : null;
            case NUMBER, NUMBER_LIST -> raw instanceof Number n ? (Object) n.doubleValue() : parseDouble(raw);
            case BOOLEAN -> raw instanceof Boolean ? raw : null;
            case STRING -> raw instanceof Boolean ? null : String.valueOf(raw);
            case PATH -> raw instanceof String text && !text.isBlank() ? text : null;
            case CHOICE, STRING_LIST -> raw instanceof String ? raw : null;
        };
        if (value == null) {
            sink.add(at, field, "expected " + expected + ", found " + node.describe());
            return null;
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            sink.add(at, field, "expected a finite number, found " + node.describe());
            return null;
        }
        if (value instanceof String word && !spec.choices().isEmpty()
                && (spec.type() == ParameterType.CHOICE || spec.type() == ParameterType.STRING_LIST)
                && !spec.choices().contains(word)) {
            sink.add(at, field, "'" + word + "' is not one of " + String.join(", ", spec.choices())
                    + Suggestions.hint(word, spec.choices()));
            return null;
        }
        if (value instanceof Number n && !spec.inRange(n.doubleValue())) {
            sink.add(at, field, "value " + raw + " is out of range " + spec.rangeText()
                    + (spec.isDerived() ? "; leave it out to derive it: " + spec.derivation() : ""));
            return null;
        }
        return value;
    }

    private static Object parseDouble(Object raw) {
        if (raw instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
