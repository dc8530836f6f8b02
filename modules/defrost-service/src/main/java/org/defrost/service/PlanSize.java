package org.defrost.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.Problem;
import org.defrost.engine.yaml.YamlNode;
import org.defrost.engine.yaml.YamlReader;
import org.defrost.engine.yaml.YamlSyntaxException;

/**
 * Counts a pipeline's matrix cells and seeds from its YAML before it is validated, so that a few lines
 * declaring a huge cartesian product are refused without building every cell in memory.
 */
final class PlanSize {
    /** Matrix cells a pipeline may have (the validator's own limit). */
    static final long MAX_CELLS = 10_000;
    /** Invocations one per-seed stage may have: matrix cells times seeds. */
    static final long MAX_CELL_SEEDS = 100_000;

    private PlanSize() {
    }

    /**
     * Refuses a pipeline whose matrix or cells × seeds exceed the limits. Files that are not YAML mappings are
     * left for the validator to report.
     */
    static void check(Path file, String text) throws InvalidPipelineException {
        YamlNode root;
        try {
            root = new YamlReader().parse(text);
        } catch (YamlSyntaxException e) {
            return;
        }
        if (!(root instanceof YamlNode.Mapping top) || !(top.entries().get("matrix") instanceof YamlNode.Mapping matrix)) {
            return;
        }
        long cells = 1;
        for (Map.Entry<String, YamlNode> e : matrix.entries().entrySet()) {
            if (e.getValue() instanceof YamlNode.Sequence values && !values.items().isEmpty()) {
                cells = times(cells, values.items().size());
            }
        }
        if (cells > MAX_CELLS) {
            throw refuse(file, top, "matrix", "the matrix has " + count(cells) + " cells; the limit is " + MAX_CELLS);
        }
        long seeds = top.entries().get("seeds") instanceof YamlNode.Scalar s && s.value() instanceof Long n ? n : 1;
        if (seeds > 0 && times(cells, seeds) > MAX_CELL_SEEDS) {
            throw refuse(file, top, "seeds", cells + " matrix cells × " + seeds + " seeds make " + count(times(cells, seeds))
                    + " runs of each per-seed stage; the limit is " + MAX_CELL_SEEDS);
        }
    }

    private static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static String count(long cells) {
        return cells == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : Long.toString(cells);
    }

    private static InvalidPipelineException refuse(Path file, YamlNode.Mapping top, String key, String message) {
        return new InvalidPipelineException(List.of(new Problem(file, top.keyLocation(key), key, message)));
    }
}
