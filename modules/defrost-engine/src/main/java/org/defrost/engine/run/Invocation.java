package org.defrost.engine.run;

import java.util.Map;
import org.defrost.engine.pipeline.PipelineStage;
import org.defrost.spi.Parameters;
import org.defrost.spi.Seed;
import org.defrost.spi.StageScope;

/**
 * One execution of a stage: for a matrix cell and seed index, per the stage's scope.
 *
 * @param stage      the pipeline stage
 * @param cellIndex  index into the pipeline's matrix cells, or -1 for whole-pipeline stages
 * @param cell       the cell's matrix values (empty for whole-pipeline stages)
 * @param seedIndex  the seed index for each-seed stages, else -1
 * @param parameters resolved parameters for the cell
 * @param seed       the invocation's seed
 */
public record Invocation(PipelineStage stage, int cellIndex, Map<String, Object> cell, int seedIndex,
                         Parameters parameters, Seed seed) {

    /** The seed a stage of type {@code type} gets for seed index {@code seedIndex} under root seed {@code root}. */
    static Seed seedFor(long root, int seedIndex, String type) {
        return Seed.of(root).derive(seedIndex).derive(type);
    }

    /** The seed of a stage of type {@code type} that spans seeds. */
    static Seed seedAcrossSeeds(long root, String type) {
        return Seed.of(root).derive("all-seeds").derive(type);
    }

    StageScope scope() {
        return stage.descriptor().scope();
    }

    /** A readable label, e.g. {@code finetune [featurePerturbation=0.5, seed 2]}. */
    public String label() {
        StringBuilder sb = new StringBuilder(stage.id());
        if (!cell.isEmpty() || seedIndex >= 0) {
            sb.append(" [");
            String sep = "";
            for (Map.Entry<String, Object> e : cell.entrySet()) {
                sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ", ";
            }
            if (seedIndex >= 0) {
                sb.append(sep).append("seed ").append(seedIndex);
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
