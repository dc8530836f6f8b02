package org.defrost.spi;

import java.util.List;
import java.util.Map;

/** What one invocation of {@link Stage#run} receives. */
public interface StageContext extends ExecutionContext {

    /** The run this invocation belongs to. */
    RunInfo run();

    /** The stage's id in the pipeline file. */
    String stageId();

    /** The matrix values of this invocation's cell; empty for whole-pipeline stages. */
    Map<String, Object> matrixCell();

    /** The seed index (0-based) for {@link StageScope#EACH_SEED} stages, else -1. */
    int seedIndex();

    /** How many seeds the pipeline runs. */
    int seedCount();

    /** The seed this stage gets for seed index {@code index}; for stages that aggregate seeds. */
    Seed seedFor(int index);

    /**
     * The writer of this invocation's output of the given kind.
     *
     * @throws IllegalArgumentException if the stage does not declare the kind in {@code produces}
     */
    ArtifactWriter output(String kind);

    /**
     * Runs the units in parallel (bounded by the run's thread setting), each through
     * {@link Stage#runUnit} of this stage, and returns their artifacts in the order of {@code units}.
     * Units whose artifacts already exist are not run again. Blocks until all finish.
     *
     * @throws Exception the first unit failure, after every other unit has finished or been cancelled;
     *                   finished units' artifacts stay in the store
     */
    List<Artifact> fanOut(List<WorkUnit> units) throws Exception;
}
