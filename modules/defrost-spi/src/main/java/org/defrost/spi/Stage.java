package org.defrost.spi;

import java.util.List;

/**
 * One step of a pipeline. Implementations must have a public no-argument constructor (they are found
 * by {@link java.util.ServiceLoader}) and be stateless: the engine may call {@link #run} and
 * {@link #runUnit} concurrently for different invocations.
 */
public interface Stage {

    /** What this stage is: its type name, version, parameters, inputs, outputs and scope. */
    StageDescriptor descriptor();

    /**
     * Runs one invocation of the stage: reads inputs, writes every declared output kind. A stage with
     * independent pieces of work hands them to {@link StageContext#fanOut} and combines the results.
     *
     * @throws Exception any failure; the engine records it against this stage and invocation
     */
    void run(StageContext context) throws Exception;

    /**
     * Runs one unit of work that {@link #run} handed to {@link StageContext#fanOut}. Only stages that
     * fan out override this.
     */
    default void runUnit(UnitContext context) throws Exception {
        throw new IllegalStateException("stage type '" + descriptor().type() + "' does not run work units");
    }

    /**
     * Estimates the peak memory one invocation needs, in bytes, so that a run that cannot fit in the JVM is
     * refused before it starts. Count the large arrays (datasets, activations, weights and optimiser state);
     * 0 means negligible.
     */
    default long estimatedMemoryBytes(Parameters parameters) {
        return 0;
    }

    /**
     * Checks relations between parameters that single-parameter declarations cannot express (for
     * example "validationFraction must leave at least one training sample"). Types, ranges and
     * required values are already checked from the descriptor when this is called.
     *
     * @return the problems found, empty when the parameters are acceptable
     */
    default List<ParameterProblem> validate(Parameters parameters) {
        return List.of();
    }
}
