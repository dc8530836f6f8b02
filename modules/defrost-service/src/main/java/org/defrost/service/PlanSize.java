package org.defrost.service;

import java.util.List;
import org.defrost.engine.pipeline.InvalidPipelineException;
import org.defrost.engine.pipeline.Pipeline;
import org.defrost.engine.pipeline.Problem;
import org.defrost.engine.preflight.PipelineLocations;

/**
 * Bounds the work one pipeline may plan in the service: the validator already bounds the matrix cells and the
 * seeds on their own (without building the cells of a huge matrix); the service also bounds their product.
 */
final class PlanSize {
    /** Invocations one per-seed stage may have: matrix cells times seeds. */
    static final long MAX_CELL_SEEDS = 100_000;

    private PlanSize() {
    }

    /** Refuses a validated pipeline whose matrix cells × seeds exceed {@link #MAX_CELL_SEEDS}. */
    static void check(Pipeline pipeline, PipelineLocations where) throws InvalidPipelineException {
        long cells = pipeline.matrixCells().size();
        long runs = cells * pipeline.seeds();
        if (runs > MAX_CELL_SEEDS) {
            throw new InvalidPipelineException(List.of(new Problem(pipeline.file(), where.key("seeds"), "seeds",
                    cells + " matrix cells × " + pipeline.seeds() + " seeds make " + runs
                            + " runs of each per-seed stage; the limit is " + MAX_CELL_SEEDS)));
        }
    }
}
