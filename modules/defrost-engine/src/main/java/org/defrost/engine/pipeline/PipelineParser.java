package org.defrost.engine.pipeline;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defrost.engine.registry.RegisteredStage;
import org.defrost.engine.registry.StageRegistry;
import org.defrost.engine.yaml.Location;
import org.defrost.engine.yaml.YamlNode;
import org.defrost.engine.yaml.YamlReader;
import org.defrost.engine.yaml.YamlSyntaxException;
import org.defrost.spi.Parameters;
import org.defrost.spi.StageDescriptor;

/**
 * Reads a pipeline file and validates all of it before anything runs, collecting every problem
 * (syntax, unknown or duplicate keys, unknown stage types, parameter types and ranges, matrix
 * references, missing inputs) with its location.
 */
public final class PipelineParser {
    private static final Set<String> TOP_KEYS = Set.of("pipeline", "description", "seed", "seeds", "matrix", "stages");
    private static final Set<String> STAGE_KEYS = Set.of("id", "uses", "with", "inputs", "timeout");
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h)");
    /** Upper bound on seeds, matrix values per key and matrix cells: a typo should not plan a million runs. */
    static final int MAX_SEEDS = 1000;
    static final int MAX_CELLS = 10_000;

    private final StageRegistry registry;
    private final YamlReader reader;
    private final PathPolicy paths;

    /** A parser that allows paths anywhere. */
    public PipelineParser(StageRegistry registry) {
        this(registry, new YamlReader(), PathPolicy.unrestricted());
    }

    /**
     * @param paths where path parameters may point
     */
    public PipelineParser(StageRegistry registry, YamlReader reader, PathPolicy paths) {
        this.registry = registry;
        this.reader = reader;
        this.paths = paths;
    }

    /** Reads and validates {@code file}. */
    public Pipeline parse(Path file) throws InvalidPipelineException {
        return parse(file, ParameterOverrides.NONE);
    }

    /** Reads {@code file}, applies command-line {@code overrides} and validates the result. */
    public Pipeline parse(Path file, ParameterOverrides overrides) throws InvalidPipelineException {
        String text;
        try {
            long size = Files.size(file);
            if (size > YamlReader.DEFAULT_MAX_CHARS * 4L) {
                throw problem(file, Location.START, "", "file has " + size + " bytes; a pipeline file is at most "
                        + YamlReader.DEFAULT_MAX_CHARS + " characters");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw problem(file, Location.START, "", "not a UTF-8 text file");
        } catch (IOException e) {
            throw problem(file, Location.START, "", "cannot read the file: " + org.defrost.engine.store.OsErrors.reason(e));
        }
        return parse(file, text, overrides);
    }

    /** Validates {@code text} as the content of {@code file}. */
    public Pipeline parse(Path file, String text) throws InvalidPipelineException {
        return parse(file, text, ParameterOverrides.NONE);
    }

    /**
     * Validates {@code text} as the content of {@code file} with command-line {@code overrides} applied; the
     * pipeline's text, kept with its runs, then ends with a comment listing them.
     */
    public Pipeline parse(Path file, String text, ParameterOverrides overrides) throws InvalidPipelineException {
        YamlNode root;
        try {
            root = reader.parse(text);
        } catch (YamlSyntaxException e) {
            Location tab = YamlHints.indentationTab(text);
            if (tab != null && e.getMessage().contains("TAB")) {
                throw problem(file, tab, "", "a tab character in the indentation; YAML indents with spaces only");
            }
            String hint = YamlHints.hint(text, e.location());
            throw problem(file, e.location(), "", "invalid YAML: " + (hint.isEmpty() ? e.getMessage() : hint));
        }
        ParameterOverrides.Applied applied = overrides.apply(root, file);
        Validation validation = new Validation(file, overrides.isEmpty() ? text : text + overrides.asComment());
        validation.problems.addAll(applied.problems());
        return validation.run(applied.root());
    }

    private static InvalidPipelineException problem(Path file, Location at, String field, String message) {
        return new InvalidPipelineException(List.of(new Problem(file, at, field, message)));
    }

    /** The state of validating one file. */
    private final class Validation {
        private final Path file;
        private final String text;
        private final List<Problem> problems = new ArrayList<>();

        Validation(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        private void add(Location at, String field, String message) {
            problems.add(new Problem(file, at, field, message));
        }

        Pipeline run(YamlNode root) throws InvalidPipelineException {
            if (!(root instanceof YamlNode.Mapping top)) {
                throw problem(file, root.location(), "", "a pipeline file is a mapping with keys pipeline, seed, stages, ...; found "
                        + root.describe());
            }
            for (String key : top.entries().keySet()) {
                if (!TOP_KEYS.contains(key)) {
                    add(top.keyLocation(key), key, "unknown key '" + key + "'" + Suggestions.hint(key, TOP_KEYS)
                            + " (allowed: " + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)) + ")");
                }
            }
            String name = requiredText(top, "pipeline", "");
            if (name != null && !ID.matcher(name).matches()) {
                add(top.entries().get("pipeline").location(), "pipeline", "a pipeline name is a letter followed by letters, digits, '-' or '_' (at most 64)");
            }
            long seed = integer(top, "seed", "", 0, Long.MIN_VALUE, Long.MAX_VALUE);
            int seeds = (int) integer(top, "seeds", "", 1, 1, MAX_SEEDS);
            List<Map<String, Object>> listed = new ArrayList<>();
            Map<String, List<Object>> matrix = matrix(top, listed);
            long cellCount = 1;
            for (List<Object> values : matrix.values()) {
                cellCount = Math.min(Long.MAX_VALUE / 1000, cellCount * values.size());
            }
            if (!listed.isEmpty()) {
                cellCount = listed.size();
            }
            List<Map<String, Object>> cells;
            if (cellCount > MAX_CELLS) {
                add(top.keyLocation("matrix"), "matrix", "the matrix has " + cellCount + " cells; the limit is " + MAX_CELLS);
                cells = List.of(Map.of());
            } else {
                cells = new Pipeline(file, text, name, seed, seeds, matrix, listed, List.of(), top).matrixCells();
            }
            List<PipelineStage> stages = stages(top, cells);
            if (!problems.isEmpty()) {
                throw new InvalidPipelineException(problems);
            }
            return new Pipeline(file, text, name, seed, seeds, matrix, listed, stages, top);
        }

        private String requiredText(YamlNode.Mapping m, String key, String prefix) {
            YamlNode n = m.entries().get(key);
            if (n == null) {
                add(m.location(), prefix + key, "missing required key '" + key + "'");
                return null;
            }
            if (n instanceof YamlNode.Scalar s && s.value() instanceof String t && !t.isBlank()) {
                return t;
            }
            add(n.location(), prefix + key, "expected a text, found " + n.describe());
            return null;
        }

        private long integer(YamlNode.Mapping m, String key, String prefix, long dflt, long min, long max) {
            YamlNode n = m.entries().get(key);
            if (n == null) {
                return dflt;
            }
            if (n instanceof YamlNode.Scalar s && s.value() instanceof Long v) {
                if (v >= min && v <= max) {
                    return v;
                }
                add(n.location(), prefix + key, "value " + v + " is out of range [" + min + ", " + max + "]");
                return dflt;
            }
            add(n.location(), prefix + key, "expected an integer, found " + n.describe());
            return dflt;
        }

        /**
         * The matrix: a mapping from keys to lists of values (a cartesian product), or a list of cells, each a
         * mapping from every key to its value (listed cells go to {@code listed}).
         */
        private Map<String, List<Object>> matrix(YamlNode.Mapping top, List<Map<String, Object>> listed) {
            Map<String, List<Object>> matrix = new LinkedHashMap<>();
            YamlNode n = top.entries().get("matrix");
            if (n == null) {
                return matrix;
            }
            if (n instanceof YamlNode.Sequence seq) {
                return listedCells(seq, listed);
            }
            if (!(n instanceof YamlNode.Mapping m)) {
                add(n.location(), "matrix", "expected a mapping from keys to lists of values, or a list of cells, found "
                        + n.describe());
                return matrix;
            }
            m.entries().forEach((key, value) -> {
                String field = "matrix." + key;
                if (!ID.matcher(key).matches()) {
                    add(m.keyLocation(key), field, "a matrix key is a letter followed by letters, digits, '-' or '_'");
                } else if (!(value instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
                    add(value.location(), field, "expected a non-empty list of values, found " + value.describe());
                } else {
                    List<Object> values = new ArrayList<>();
                    for (YamlNode item : seq.items()) {
                        if (item instanceof YamlNode.Mapping || item instanceof YamlNode.Scalar s && s.value() == null) {
                            add(item.location(), field, "a matrix value is a number, text, boolean or list; found " + item.describe());
                        } else {
                            values.add(item.toPlain());
                        }
                    }
                    matrix.put(key, values);
                }
            });
            return matrix;
        }

        /** A matrix listed cell by cell: every cell a mapping with the same keys, no cell twice. */
        private Map<String, List<Object>> listedCells(YamlNode.Sequence seq, List<Map<String, Object>> listed) {
            Map<String, List<Object>> matrix = new LinkedHashMap<>();
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                YamlNode item = seq.items().get(i);
                String field = "matrix[" + i + "]";
                if (!(item instanceof YamlNode.Mapping cell) || cell.entries().isEmpty()) {
                    add(item.location(), field, "a listed matrix cell is a mapping from keys to values, found " + item.describe());
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                cell.entries().forEach((key, value) -> {
                    if (!ID.matcher(key).matches()) {
                        add(cell.keyLocation(key), field + "." + key, "a matrix key is a letter followed by letters, digits, '-' or '_'");
                    } else if (value instanceof YamlNode.Mapping || value instanceof YamlNode.Scalar s && s.value() == null) {
                        add(value.location(), field + "." + key, "a matrix value is a number, text, boolean or list; found "
                                + value.describe());
                    } else {
                        values.put(key, value.toPlain());
                    }
                });
                if (!cells.isEmpty() && !cells.get(0).keySet().equals(values.keySet())) {
                    add(item.location(), field, "every listed cell has the same keys (" + String.join(", ", cells.get(0).keySet())
                            + "); this one has " + String.join(", ", values.keySet()));
                    continue;
                }
                if (cells.contains(values)) {
                    add(item.location(), field, "the cell " + values + " is listed twice");
                    continue;
                }
                cells.add(values);
            }
            if (seq.items().isEmpty()) {
                add(seq.location(), "matrix", "expected at least one listed cell");
            }
            for (Map<String, Object> c : cells) {
                Map<String, Object> ordered = new LinkedHashMap<>();
                cells.get(0).keySet().forEach(k -> ordered.put(k, c.get(k)));
                ordered.forEach((k, v) -> {
                    List<Object> values = matrix.computeIfAbsent(k, x -> new ArrayList<>());
                    if (!values.contains(v)) {
                        values.add(v);
                    }
                });
                listed.add(ordered);
            }
            return matrix;
        }

        private List<PipelineStage> stages(YamlNode.Mapping top, List<Map<String, Object>> cells) {
            YamlNode n = top.entries().get("stages");
            List<PipelineStage> stages = new ArrayList<>();
            if (n == null) {
                add(top.location(), "stages", "missing required key 'stages' (a list of stages)");
                return stages;
            }
            if (!(n instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
                add(n.location(), "stages", "expected a non-empty list of stages, found " + n.describe());
                return stages;
            }
            Map<String, Integer> indexById = new HashMap<>();
            List<StageDescriptor> descriptors = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                PipelineStage s = stage(seq.items().get(i), i, cells, indexById, descriptors);
                if (s != null) {
                    stages.add(s);
                }
            }
            return stages;
        }

        private PipelineStage stage(YamlNode node, int index, List<Map<String, Object>> cells,
                                    Map<String, Integer> indexById, List<StageDescriptor> descriptors) {
            String prefix = "stages[" + index + "].";
            descriptors.add(null);
            if (!(node instanceof YamlNode.Mapping m)) {
                add(node.location(), "stages[" + index + "]", "expected a stage (a mapping with id, uses, with), found " + node.describe());
                return null;
            }
            for (String key : m.entries().keySet()) {
                if (!STAGE_KEYS.contains(key)) {
                    add(m.keyLocation(key), prefix + key, "unknown key '" + key + "'" + Suggestions.hint(key, STAGE_KEYS)
                            + " (allowed: id, uses, with, inputs, timeout)");
                }
            }
            String id = requiredText(m, "id", prefix);
            if (id != null) {
                if (!ID.matcher(id).matches()) {
                    add(m.entries().get("id").location(), prefix + "id", "a stage id is a letter followed by letters, digits, '-' or '_'");
                } else if (indexById.containsKey(id)) {
                    add(m.entries().get("id").location(), prefix + "id", "duplicate stage id '" + id + "' (also stages["
                            + indexById.get(id) + "])");
                } else {
                    indexById.put(id, index);
                }
            }
            String uses = requiredText(m, "uses", prefix);
            RegisteredStage registered = null;
            if (uses != null) {
                registered = registry.find(uses).orElse(null);
                if (registered == null) {
                    add(m.entries().get("uses").location(), prefix + "uses", "unknown stage type '" + uses + "'"
                            + Suggestions.hint(uses, registry.types())
                            + " (available: " + String.join(", ", registry.types()) + ")");
                }
            }
            Duration timeout = timeout(m, prefix);
            YamlNode withNode = m.entries().get("with");
            YamlNode.Mapping with = new YamlNode.Mapping(m.keyLocation("with"), Map.of(), Map.of());
            if (withNode instanceof YamlNode.Mapping wm) {
                with = wm;
            } else if (withNode != null && !(withNode instanceof YamlNode.Scalar s && s.value() == null)) {
                add(withNode.location(), prefix + "with", "expected a mapping of parameters, found " + withNode.describe());
                return null;
            }
            List<Integer> explicitInputs = explicitInputs(m, prefix, indexById, index);
            if (registered == null || id == null) {
                return null;
            }
            StageDescriptor d = registered.descriptor();
            descriptors.set(index, d);
            List<Parameters> byCell = new ArrayList<>();
            boolean ok = true;
            Path base = file.toAbsolutePath().getParent();
            ParameterResolver.PathContext pathContext = new ParameterResolver.PathContext(base, paths);
            for (Map<String, Object> cell : cells) {
                Parameters p = ParameterResolver.resolve(d, with, m.keyLocation("with"), cell, pathContext, (at, field, msg) -> {
                    String where = cells.size() > 1 && !cell.isEmpty() && msg.contains("${") ? " (matrix cell " + cell + ")" : "";
                    Problem pr = new Problem(file, at, prefix + field, msg + where);
                    if (!problems.contains(pr)) {
                        problems.add(pr);
                    }
                });
                if (p == null) {
                    ok = false;
                    continue;
                }
                YamlNode.Mapping w = with;
                if (!ParameterResolver.checkStageRules(registered.stage().validate(p), w,
                        (at, field, msg) -> add(at, prefix + field, msg + (cell.isEmpty() ? "" : " (matrix cell " + cell + ")")))) {
                    ok = false;
                    break;
                }
                byCell.add(p);
            }
            Map<String, Integer> sources = inputSources(d, m, prefix, index, explicitInputs, descriptors);
            return ok && sources != null ? new PipelineStage(index, id, registered, byCell, sources, timeout) : null;
        }

        private Duration timeout(YamlNode.Mapping m, String prefix) {
            YamlNode n = m.entries().get("timeout");
            if (n == null) {
                return null;
            }
            if (n instanceof YamlNode.Scalar s && s.value() != null) {
                Matcher t = DURATION.matcher(String.valueOf(s.value()).strip());
                if (t.matches() && Long.parseLong(t.group(1)) > 0) {
                    long v = Long.parseLong(t.group(1));
                    return switch (t.group(2)) {
                        case "s" -> Duration.ofSeconds(v);
                        case "m" -> Duration.ofMinutes(v);
                        default -> Duration.ofHours(v);
                    };
                }
            }
            add(n.location(), prefix + "timeout", "expected a duration such as 90s, 30m or 2h, found " + n.describe());
            return null;
        }

        private List<Integer> explicitInputs(YamlNode.Mapping m, String prefix, Map<String, Integer> indexById, int index) {
            YamlNode n = m.entries().get("inputs");
            List<Integer> out = new ArrayList<>();
            if (n == null) {
                return out;
            }
            List<YamlNode> items = n instanceof YamlNode.Sequence seq ? seq.items() : List.of(n);
            for (YamlNode item : items) {
                if (item instanceof YamlNode.Scalar s && s.value() instanceof String ref) {
                    Integer at = indexById.get(ref);
                    if (at == null || at >= index) {
                        add(item.location(), prefix + "inputs", "no earlier stage has id '" + ref + "'"
                                + Suggestions.hint(ref, indexById.keySet()));
                    } else {
                        out.add(at);
                    }
                } else {
                    add(item.location(), prefix + "inputs", "expected a stage id, found " + item.describe());
                }
            }
            return out;
        }

        private Map<String, Integer> inputSources(StageDescriptor d, YamlNode.Mapping m, String prefix, int index,
                                                  List<Integer> explicit, List<StageDescriptor> descriptors) {
            Map<String, Integer> sources = new LinkedHashMap<>();
            boolean ok = true;
            for (String kind : d.allConsumed()) {
                boolean optional = !d.consumes().contains(kind);
                Integer source = null;
                for (int s : explicit) {
                    if (descriptors.get(s) != null && descriptors.get(s).produces().contains(kind)) {
                        source = s;
                    }
                }
                for (int s = index - 1; s >= 0 && source == null; s--) {
                    if (descriptors.get(s) != null && descriptors.get(s).produces().contains(kind)) {
                        source = s;
                    }
                }
                if (source == null && optional) {
                    continue;
                } else if (source == null && descriptors.subList(0, index).contains(null)) {
                    ok = false; // an earlier stage is invalid and already reported
                } else if (source == null) {
                    List<String> producers = registry.producersOf(kind);
                    add(m.keyLocation("uses"), prefix + "uses", "stage type '" + d.type() + "' needs an artifact of kind '"
                            + kind + "' that no earlier stage produces"
                            + (producers.isEmpty() ? "" : "; add a stage that uses " + String.join(" or ", producers)));
                    ok = false;
                } else {
                    sources.put(kind, source);
                }
            }
            return ok ? sources : null;
        }
    }
}
