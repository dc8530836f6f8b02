package org.defrost.engine.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defrost.engine.yaml.Location;
import org.defrost.engine.yaml.YamlNode;
import org.defrost.engine.yaml.YamlReader;
import org.defrost.engine.yaml.YamlSyntaxException;

/**
 * Parameter values given on the command line as {@code --set STAGE.PARAM=VALUE}, which replace or add
 * {@code PARAM} under the {@code with:} of the stage whose id is {@code STAGE} before validation, so that they
 * are checked exactly like values in the file. {@code VALUE} is read as YAML ({@code 3}, {@code 1e-3},
 * {@code [60, 300]}, {@code "${matrix.etaF}"}). Nodes that come from an override carry the location
 * {@code 0:N} (line 0: not in the file; N: the override's 1-based position), which {@link #describe} turns back
 * into the argument.
 */
public final class ParameterOverrides {
    /** No overrides. */
    public static final ParameterOverrides NONE = new ParameterOverrides(List.of());
    private static final Pattern ARGUMENT = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\.([A-Za-z][A-Za-z0-9_]*)=(.*)",
            Pattern.DOTALL);

    /** One {@code --set} argument, parsed. */
    private record Override(String argument, String stage, String parameter, YamlNode value) {
    }

    /** The tree with the overrides applied, and the overrides that name no stage. */
    public record Applied(YamlNode root, List<Problem> problems) {
    }

    private final List<Override> overrides;

    private ParameterOverrides(List<Override> overrides) {
        this.overrides = List.copyOf(overrides);
    }

    /**
     * Parses {@code STAGE.PARAM=VALUE} arguments.
     *
     * @throws IllegalArgumentException naming the first malformed argument
     */
    public static ParameterOverrides parse(List<String> arguments) {
        List<Override> out = new ArrayList<>();
        for (String argument : arguments) {
            Matcher m = ARGUMENT.matcher(argument);
            if (!m.matches()) {
                throw new IllegalArgumentException("--set " + argument + ": expected STAGE.PARAM=VALUE, e.g. "
                        + "finetune.maxEpochs=50 or finetune.targetSizes=[60,300]");
            }
            Location at = new Location(0, out.size() + 1);
            YamlNode value;
            try {
                value = m.group(3).isBlank() ? new YamlNode.Scalar(at, m.group(3)) : relocate(new YamlReader().parse(m.group(3)), at);
            } catch (YamlSyntaxException e) {
                throw new IllegalArgumentException("--set " + argument + ": the value is not valid YAML: " + e.getMessage());
            }
            out.add(new Override(argument, m.group(1), m.group(2), value));
        }
        return new ParameterOverrides(out);
    }

    public boolean isEmpty() {
        return overrides.isEmpty();
    }

    /** Applies the overrides to a pipeline's YAML tree (which is not modified). */
    public Applied apply(YamlNode root, java.nio.file.Path file) {
        List<Problem> problems = new ArrayList<>();
        if (overrides.isEmpty() || !(root instanceof YamlNode.Mapping top)
                || !(top.entries().get("stages") instanceof YamlNode.Sequence stages)) {
            return new Applied(root, problems);
        }
        List<YamlNode> items = new ArrayList<>(stages.items());
        List<String> ids = new ArrayList<>();
        for (YamlNode item : items) {
            if (item instanceof YamlNode.Mapping m && m.entries().get("id") instanceof YamlNode.Scalar s && s.value() instanceof String id) {
                ids.add(id);
            } else {
                ids.add(null);
            }
        }
        for (Override o : overrides) {
            int index = ids.indexOf(o.stage());
            if (index < 0) {
                problems.add(new Problem(file, o.value().location(), "", "no stage has id '" + o.stage() + "'"
                        + Suggestions.hint(o.stage(), ids.stream().filter(java.util.Objects::nonNull).toList())));
                continue;
            }
            YamlNode.Mapping stage = (YamlNode.Mapping) items.get(index);
            YamlNode.Mapping with = stage.entries().get("with") instanceof YamlNode.Mapping w ? w
                    : new YamlNode.Mapping(o.value().location(), Map.of(), Map.of());
            items.set(index, put(stage, "with", put(with, o.parameter(), o.value())));
        }
        return new Applied(put(top, "stages", new YamlNode.Sequence(stages.location(), items)), problems);
    }

    /**
     * A problem as the user should read it: one located at an override names the {@code --set} argument
     * instead of a place in the file.
     */
    public String describe(Problem problem) {
        Location at = problem.location();
        if (at.line() != 0 || at.column() < 1 || at.column() > overrides.size()) {
            return problem.toString();
        }
        return "--set " + overrides.get(at.column() - 1).argument() + ": "
                + (problem.field().isEmpty() ? "" : problem.field() + ": ") + problem.message();
    }

    /** Comment lines recording the overrides, appended to the pipeline text kept with a run. */
    String asComment() {
        StringBuilder sb = new StringBuilder("\n# Overridden on the command line:\n");
        for (Override o : overrides) {
            sb.append("#   --set ").append(o.argument().replace('\n', ' ')).append('\n');
        }
        return sb.toString();
    }

    private static YamlNode.Mapping put(YamlNode.Mapping m, String key, YamlNode value) {
        Map<String, YamlNode> entries = new LinkedHashMap<>(m.entries());
        Map<String, Location> keys = new LinkedHashMap<>(m.keyLocations());
        entries.put(key, value);
        keys.putIfAbsent(key, value.location());
        if (value.location().line() == 0) {
            keys.put(key, value.location());
        }
        return new YamlNode.Mapping(m.location(), entries, keys);
    }

    private static YamlNode relocate(YamlNode node, Location at) {
        if (node instanceof YamlNode.Mapping m) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, Location> keys = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> {
                entries.put(k, relocate(v, at));
                keys.put(k, at);
            });
            return new YamlNode.Mapping(at, entries, keys);
        }
        if (node instanceof YamlNode.Sequence s) {
            return new YamlNode.Sequence(at, s.items().stream().map(i -> relocate(i, at)).toList());
        }
        return new YamlNode.Scalar(at, ((YamlNode.Scalar) node).value());
    }
}
