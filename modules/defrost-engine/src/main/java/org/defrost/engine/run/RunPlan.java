package org.defrost.engine.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.PipelineStage;
import org.defrost.engine.store.ArtifactStore;
import org.defrost.engine.store.StoredArtifact;
import org.defrost.spi.StageDescriptor;

/**
 * What a run of a pipeline would do, without running anything: each stage's invocations (matrix cells × seeds,
 * as its scope says) and how many of them the workspace already holds. An invocation counts as cached when every
 * output exists intact under the key a run would compute; that key depends on the content of the inputs, so an
 * invocation whose inputs are not all cached yet counts as to compute. Work units are planned by the stages while
 * they run and are not counted here.
 */
public final class RunPlan {
    private RunPlan() {
    }

    /**
     * One stage of the plan.
     *
     * @param stage       the pipeline stage
     * @param invocations how many times it runs
     * @param cached      how many of those the workspace holds
     */
    public record StagePlan(PipelineStage stage, int invocations, int cached) {
        public int toCompute() {
            return invocations - cached;
        }
    }

    /** The plan of {@code pipeline} against the artifacts in {@code store}. */
    public static List<StagePlan> of(Pipeline pipeline, ArtifactStore store) {
        List<Map<String, Object>> cells = pipeline.matrixCells();
        Map<String, Map<String, StoredArtifact>> available = new HashMap<>();
        List<StagePlan> plan = new ArrayList<>();
        for (PipelineStage stage : pipeline.stages()) {
            StageDescriptor d = stage.descriptor();
            List<Invocation> invocations = invocations(pipeline, stage, cells);
            int cached = 0;
            for (Invocation inv : invocations) {
                Optional<Map<String, StoredArtifact>> outputs = d.reusable() ? cachedOutputs(pipeline, inv, cells, available, store)
                        : Optional.empty();
                if (outputs.isPresent()) {
                    cached++;
                    available.put(slot(inv), outputs.get());
                }
            }
            plan.add(new StagePlan(stage, invocations.size(), cached));
        }
        return plan;
    }

    private static Optional<Map<String, StoredArtifact>> cachedOutputs(Pipeline pipeline, Invocation inv,
            List<Map<String, Object>> cells, Map<String, Map<String, StoredArtifact>> available, ArtifactStore store) {
        StageDescriptor d = inv.stage().descriptor();
        List<ArtifactView> inputs = new ArrayList<>();
        for (String kind : d.allConsumed()) {
            Integer source = inv.stage().inputSources().get(kind);
            if (source == null) {
                continue;
            }
            for (Invocation producer : invocations(pipeline, pipeline.stages().get(source), cells)) {
                if (feeds(producer, inv)) {
                    Map<String, StoredArtifact> out = available.get(slot(producer));
                    if (out == null || !out.containsKey(kind)) {
                        return Optional.empty();
                    }
                    inputs.add(new ArtifactView(out.get(kind), producer.cell(), producer.seedIndex()));
                }
            }
        }
        Map<String, String> files;
        try {
            files = inv.stage().implementation().fileDigests(inv.parameters());
        } catch (IOException e) {
            return Optional.empty(); // the run reports the unreadable file; the plan counts the stage as to compute
        }
        Map<String, StoredArtifact> outputs = new LinkedHashMap<>();
        for (String kind : d.produces()) {
            String key = ArtifactKeys.forInvocation(d, inv.parameters().asMap(), inputs, files, inv.seed().value(), kind, null);
            Optional<StoredArtifact> stored = store.find(key);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            outputs.put(kind, stored.get());
        }
        return Optional.of(outputs);
    }

    /** The invocations of a stage, in cell then seed order. */
    static List<Invocation> invocations(Pipeline pipeline, PipelineStage stage, List<Map<String, Object>> cells) {
        String type = stage.type();
        List<Invocation> out = new ArrayList<>();
        switch (stage.descriptor().scope()) {
            case WHOLE_PIPELINE -> out.add(new Invocation(stage, -1, Map.of(), -1, stage.parametersByCell().get(0),
                    Invocation.seedAcrossSeeds(pipeline.seed(), type)));
            case EACH_MATRIX_CELL -> {
                for (int c = 0; c < cells.size(); c++) {
                    out.add(new Invocation(stage, c, cells.get(c), -1, stage.parametersByCell().get(c),
                            Invocation.seedAcrossSeeds(pipeline.seed(), type)));
                }
            }
            case EACH_SEED -> {
                for (int c = 0; c < cells.size(); c++) {
                    for (int s = 0; s < pipeline.seeds(); s++) {
                        out.add(new Invocation(stage, c, cells.get(c), s, stage.parametersByCell().get(c),
                                Invocation.seedFor(pipeline.seed(), s, type)));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether {@code producer}'s outputs feed {@code consumer}: same cell when both have cells, same seed index
     * when both run per seed.
     */
    static boolean feeds(Invocation producer, Invocation consumer) {
        boolean cellMatches = producer.cellIndex() < 0 || consumer.cellIndex() < 0 || producer.cellIndex() == consumer.cellIndex();
        boolean seedMatches = producer.seedIndex() < 0 || consumer.seedIndex() < 0 || producer.seedIndex() == consumer.seedIndex();
        return cellMatches && seedMatches;
    }

    private static String slot(Invocation inv) {
        return inv.stage().index() + "/" + inv.cellIndex() + "/" + inv.seedIndex();
    }
}
