package org.defrost.engine.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.engine.yaml.YamlNode;

/**
 * A validated pipeline.
 *
 * @param file   the file it was read from
 * @param text   the file's text, kept for provenance
 * @param name   the {@code pipeline:} name
 * @param seed   the root seed
 * @param seeds  how many independent repetitions (seed indices 0..seeds-1) each matrix cell runs
 * @param matrix matrix keys to their values, in file order (for a matrix listed cell by cell: each key's
 *               distinct values in order of first appearance)
 * @param listed the matrix cells when the file lists them one by one, in file order; empty for a matrix given as
 *               keys and values (a cartesian product) or no matrix
 * @param stages the stages in order
 * @param root   the YAML tree that was validated (command-line overrides applied), kept so that messages about
 *               a valid pipeline can point into the file without parsing it again
 */
public record Pipeline(Path file, String text, String name, long seed, int seeds, Map<String, List<Object>> matrix,
                       List<Map<String, Object>> listed, List<PipelineStage> stages, YamlNode.Mapping root) {

    /**
     * The matrix cells: the listed cells, or every combination of matrix values with the last key varying
     * fastest; a single empty cell when there is no matrix.
     */
    public List<Map<String, Object>> matrixCells() {
        if (!listed.isEmpty()) {
            return listed.stream().map(c -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(c))).toList();
        }
        List<Map<String, Object>> cells = new ArrayList<>();
        cells.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> e : matrix.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> cell : cells) {
                for (Object v : e.getValue()) {
                    Map<String, Object> c = new LinkedHashMap<>(cell);
                    c.put(e.getKey(), v);
                    next.add(c);
                }
            }
            cells = next;
        }
        return cells.stream().map(java.util.Collections::unmodifiableMap).toList();
    }
}
