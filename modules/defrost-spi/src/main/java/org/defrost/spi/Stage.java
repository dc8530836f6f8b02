package org.defrost.spi;

import java.io.IOException;
import java.util.List;
import java.util.Map;

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
     * Names of the counters this stage adds to through {@link StageMetrics#count} (e.g. {@code diverged_total}).
     * They exist at zero from the start of every run that uses the stage, so that a dashboard shows 0 rather
     * than no data and Prometheus sees the first count as an increase. Counters not declared still work; they
     * appear at their first count.
     */
    default List<String> counters() {
        return List.of();
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

    /**
     * Sizes that the artifacts of {@code kind} written by this stage will have, known from its parameters alone,
     * so that the stages consuming them can check theirs before anything runs ({@link #checkInputSizes}); for
     * example the {@code targetPoolSize} of a task pair. Empty (the default) when unknown.
     *
     * @return sizes by name, e.g. {@code {targetPoolSize=300}}
     */
    default Map<String, Long> outputSizes(String kind, Parameters parameters) {
        return Map.of();
    }

    /**
     * Checks parameters against the sizes that the producers of this stage's inputs declare through
     * {@link #outputSizes}, before anything runs (for example "a target size larger than the task pair's
     * target pool"). The same conditions should still be checked when the stage runs.
     *
     * @param inputSizes for each consumed kind whose producer declares sizes, those sizes by name; kinds whose
     *                   producer declares none are absent
     * @return the problems found, each naming a parameter of this stage; empty when consistent
     */
    default List<ParameterProblem> checkInputSizes(Parameters parameters, Map<String, Map<String, Long>> inputSizes) {
        return List.of();
    }

    /**
     * Digests of the files this stage reads besides its input artifacts (a model or a data file that a path
     * parameter names), by a name of the stage's choosing, e.g. {@code {file=sha256:...}}. They are part of the
     * stage's output keys, so that changing such a file computes the stage again (and, through the content digests of
     * its outputs, whatever depends on it), while unchanged bytes are reused. Empty (the default) for a stage whose
     * results depend only on its parameters, seed and input artifacts; an empty map leaves the keys as they were.
     *
     * @throws IOException when a file cannot be read; the invocation fails with it
     */
    default Map<String, String> fileDigests(Parameters parameters) throws IOException {
        return Map.of();
    }
}
