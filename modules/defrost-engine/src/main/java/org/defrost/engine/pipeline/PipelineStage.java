package org.defrost.engine.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.defrost.engine.registry.RegisteredStage;
import org.defrost.spi.Parameters;
import org.defrost.spi.Stage;
import org.defrost.spi.StageDescriptor;

/**
 * One validated stage of a pipeline.
 *
 * @param index              position in the pipeline (0-based)
 * @param id                 the stage's {@code id}
 * @param stage              the registered stage it {@code uses}
 * @param parametersByCell   resolved parameters for each matrix cell, in {@link Pipeline#matrixCells()} order
 * @param inputSources       for each consumed kind, the index of the stage whose artifacts feed it
 * @param timeout            time limit per invocation, or null for none
 */
public record PipelineStage(int index, String id, RegisteredStage stage, List<Parameters> parametersByCell,
                            Map<String, Integer> inputSources, Duration timeout) {

    public String type() {
        return stage.type();
    }

    /** What the stage declares about itself. */
    public StageDescriptor descriptor() {
        return stage.descriptor();
    }

    /** The stage instance that runs the invocations. */
    public Stage implementation() {
        return stage.stage();
    }
}
