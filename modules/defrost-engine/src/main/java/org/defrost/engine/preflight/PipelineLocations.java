package org.defrost.engine.preflight;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.yaml.Location;
import org.defrost.engine.yaml.YamlNode;

/**
 * Where the parts of a validated pipeline stand in its YAML tree, for messages about a whole stage, one of its
 * parameters or a matrix key; and which matrix keys the stages refer to.
 */
public final class PipelineLocations {
    private static final Pattern MATRIX_REFERENCE = Pattern.compile("\\$\\{\\s*matrix\\.([A-Za-z0-9_-]+)\\s*}");
    private final YamlNode.Mapping top;

    /** @param root the pipeline's YAML tree, as validated (with any command-line overrides applied) */
    private PipelineLocations(YamlNode root) {
        this.top = root instanceof YamlNode.Mapping m ? m : new YamlNode.Mapping(Location.START, java.util.Map.of(),
                java.util.Map.of());
    }

    /** The locations in the tree {@code pipeline} was validated from; nothing is parsed again. */
    public static PipelineLocations of(Pipeline pipeline) {
        return new PipelineLocations(pipeline.root());
    }

    /** The top-level key {@code name} (e.g. {@code seeds}), or the start of the file. */
    public Location key(String name) {
        return top.keyLocations().getOrDefault(name, Location.START);
    }

    /** The {@code uses:} key of stage {@code index}, or the start of the file. */
    public Location stage(int index) {
        YamlNode.Mapping stage = stageNode(index);
        return stage == null ? Location.START : stage.keyLocation("uses");
    }

    /** The key of parameter {@code name} of stage {@code index}, else its {@code with:} key, else {@link #stage}. */
    public Location parameter(int index, String name) {
        YamlNode.Mapping stage = stageNode(index);
        if (stage == null) {
            return Location.START;
        }
        if (stage.entries().get("with") instanceof YamlNode.Mapping with && with.entries().containsKey(name)) {
            return with.keyLocation(name);
        }
        return stage.keyLocations().containsKey("with") ? stage.keyLocation("with") : stage(index);
    }

    /** Whether stage {@code index} gives parameter {@code name} under {@code with:} rather than taking its default. */
    public boolean isGiven(int index, String name) {
        YamlNode.Mapping stage = stageNode(index);
        return stage != null && stage.entries().get("with") instanceof YamlNode.Mapping with && with.entries().containsKey(name);
    }

    /** The matrix key {@code key}, or the {@code matrix:} key. */
    public Location matrixKey(String key) {
        return top.entries().get("matrix") instanceof YamlNode.Mapping matrix ? matrix.keyLocation(key) : top.keyLocation("matrix");
    }

    /** The matrix keys that some stage refers to as {@code ${matrix.KEY}}, in order of appearance. */
    public Set<String> referencedMatrixKeys() {
        Set<String> keys = new LinkedHashSet<>();
        collect(top.entries().get("stages"), keys);
        return keys;
    }

    private static void collect(YamlNode node, Set<String> keys) {
        if (node instanceof YamlNode.Mapping m) {
            m.entries().values().forEach(v -> collect(v, keys));
        } else if (node instanceof YamlNode.Sequence s) {
            s.items().forEach(v -> collect(v, keys));
        } else if (node instanceof YamlNode.Scalar s && s.value() instanceof String text) {
            Matcher m = MATRIX_REFERENCE.matcher(text);
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
    }

    private YamlNode.Mapping stageNode(int index) {
        if (top.entries().get("stages") instanceof YamlNode.Sequence stages && index >= 0 && index < stages.items().size()
                && stages.items().get(index) instanceof YamlNode.Mapping stage) {
            return stage;
        }
        return null;
    }
}
