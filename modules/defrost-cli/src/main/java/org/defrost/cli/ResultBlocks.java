package org.defrost.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineStage;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.ArtifactKinds;

/**
 * The results a run prints at its end: each output's summary and main file, labelled by the stage and the matrix
 * cell it belongs to. Cells whose outputs are the same artifact (their parameters do not differ, e.g. through a
 * matrix key no stage uses) share one block that names them all.
 */
final class ResultBlocks {
    private ResultBlocks() {
    }

    /**
     * Prints the blocks of {@code outputs} (the stored artifacts by stage id, in invocation order, as the run returned
     * them). The report's page is left out: the run names it as {@code runs/<run-id>/report.html}.
     */
    static void print(Pipeline pipeline, Map<String, List<StoredArtifact>> outputs, PrintStream out) {
        List<Map<String, Object>> cells = pipeline.matrixCells();
        for (Map.Entry<String, List<StoredArtifact>> e : outputs.entrySet()) {
            // by key: the same artifact, computed by one cell and found by another, has two (unequal) manifest copies
            Map<String, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
            Map<String, StoredArtifact> artifacts = new LinkedHashMap<>();
            List<Map<String, Object>> owners = owners(pipeline, e.getKey(), e.getValue().size(), cells);
            for (int i = 0; i < e.getValue().size(); i++) {
                StoredArtifact artifact = e.getValue().get(i);
                artifacts.putIfAbsent(artifact.key(), artifact);
                List<Map<String, Object>> sharing = byKey.computeIfAbsent(artifact.key(), k -> new ArrayList<>());
                Map<String, Object> owner = owners.get(i);
                if (owner != null && !owner.isEmpty() && !sharing.contains(owner)) {
                    sharing.add(owner);
                }
            }
            for (Map.Entry<String, List<Map<String, Object>>> a : byKey.entrySet()) {
                StoredArtifact artifact = artifacts.get(a.getKey());
                Map<String, Object> meta = artifact.manifest().metadata();
                String label = e.getKey() + label(a.getValue());
                if (meta.get("summary") != null) {
                    out.println("[" + label + "]" + (a.getValue().size() > 1 ? " (the same result for each of these cells)" : ""));
                    out.println(meta.get("summary"));
                }
                if (meta.get("mainFile") != null && !ArtifactKinds.REPORT.equals(artifact.kind())) {
                    out.println(label + ": " + artifact.directory().resolve(String.valueOf(meta.get("mainFile"))));
                }
            }
        }
    }

    /** The matrix cell of each output of stage {@code stageId}, or null where it has none (whole-pipeline stages). */
    private static List<Map<String, Object>> owners(Pipeline pipeline, String stageId, int count, List<Map<String, Object>> cells) {
        PipelineStage stage = pipeline.stages().stream().filter(s -> s.id().equals(stageId)).findFirst().orElse(null);
        List<Map<String, Object>> owners = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> cell = null;
            if (stage != null) {
                switch (stage.descriptor().scope()) {
                    case EACH_MATRIX_CELL -> cell = count == cells.size() ? cells.get(i) : null;
                    case EACH_SEED -> cell = count == cells.size() * pipeline.seeds() ? cells.get(i / pipeline.seeds()) : null;
                    case WHOLE_PIPELINE -> cell = null;
                }
            }
            owners.add(cell);
        }
        return owners;
    }

    /** {@code " etaF=0.5"}, {@code " etaF=0.5; etaF=1.0"} or the empty string. */
    private static String label(List<Map<String, Object>> cells) {
        if (cells.isEmpty()) {
            return "";
        }
        return " " + cells.stream().map(c -> c.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue())
                .collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
    }
}
