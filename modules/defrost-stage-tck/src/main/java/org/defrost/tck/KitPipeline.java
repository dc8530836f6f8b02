package org.defrost.tck;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline text the kit runs: the sample-input stage (when the kit has sample artifacts), the upstream
 * stages, then the stage under test; parameters one per line in name order, so that each parameter's line is
 * known.
 */
final class KitPipeline {
    /** The id of the stage under test in every kit pipeline. */
    static final String STAGE_ID = "under-test";
    /** The root seed of every kit pipeline. */
    static final long SEED = 7;

    private final StringBuilder text = new StringBuilder();
    private final Map<String, Integer> parameterLines = new HashMap<>();
    private int lines;
    private int stageIndex;
    private int stageLine;
    private int withLine;

    private KitPipeline() {
    }

    /**
     * The pipeline running {@code type} with {@code parameters} after the given stages.
     *
     * @param samples whether the sample-input stage runs first
     */
    static KitPipeline of(String type, int seeds, boolean samples, List<Upstream> upstream, Map<String, ?> parameters) {
        KitPipeline p = new KitPipeline();
        String name = ("tck-" + type).length() > 64 ? ("tck-" + type).substring(0, 64) : "tck-" + type;
        p.line("pipeline: " + name);
        p.line("seed: " + SEED);
        p.line("seeds: " + seeds);
        p.line("stages:");
        int index = 0;
        if (samples) {
            p.stage(SampleInputsStage.TYPE, SampleInputsStage.TYPE, Map.of());
            index++;
        }
        for (Upstream u : upstream) {
            p.stage(u.id(), u.stage().descriptor().type(), u.parameters());
            index++;
        }
        p.stageIndex = index;
        p.stageLine = p.lines + 1;
        p.parameterLines.clear();
        p.stage(STAGE_ID, type, parameters);
        return p;
    }

    private void stage(String id, String type, Map<String, ?> parameters) {
        line("  - id: " + id);
        line("    uses: " + type);
        if (parameters.isEmpty()) {
            line("    with: {}");
            withLine = lines;
            return;
        }
        line("    with:");
        withLine = lines;
        new java.util.TreeMap<String, Object>(parameters).forEach((name, value) -> {
            String written;
            try {
                written = YamlText.value(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter '" + name + "' of stage '" + id + "': " + e.getMessage(), e);
            }
            line("      " + name + ": " + written);
            parameterLines.put(name, lines);
        });
    }

    private void line(String s) {
        text.append(s).append('\n');
        lines++;
    }

    String text() {
        return text.toString();
    }

    /** The stage under test's position in the pipeline: its problems' fields start {@code stages[i].}. */
    int stageIndex() {
        return stageIndex;
    }

    /** The line of the stage under test's {@code - id:}. */
    int stageLine() {
        return stageLine;
    }

    /** The line of the stage under test's {@code with:}. */
    int withLine() {
        return withLine;
    }

    /** The line of a parameter of the stage under test, or -1 when it is not written. */
    int lineOf(String parameter) {
        return parameterLines.getOrDefault(parameter, -1);
    }
}
