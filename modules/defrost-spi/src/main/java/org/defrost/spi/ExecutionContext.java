package org.defrost.spi;

import java.util.List;

/** What both a stage invocation and a work unit receive from the engine. */
public interface ExecutionContext {

    /** The stage's resolved parameters. */
    Parameters parameters();

    /** This invocation's or unit's seed; derive named streams from it. */
    Seed seed();

    /**
     * The input artifacts of the given kind, in seed order (and matrix-cell order for whole-pipeline
     * stages); for a unit, those among its declared inputs.
     */
    List<Artifact> inputs(String kind);

    /**
     * The single input artifact of the given kind.
     *
     * @throws IllegalStateException naming the kind when there is none or more than one
     */
    default Artifact input(String kind) {
        List<Artifact> found = inputs(kind);
        if (found.size() != 1) {
            throw new IllegalStateException("expected one input artifact of kind '" + kind + "', found " + found.size());
        }
        return found.get(0);
    }

    /** How many threads the stage may keep busy (for the kernels of one network, say); at least 1. */
    int threads();

    ProgressReporter progress();

    StageMetrics metrics();

    Cancellation cancellation();

    /** Logger named after the stage type; messages carry the run id. */
    System.Logger log();
}
