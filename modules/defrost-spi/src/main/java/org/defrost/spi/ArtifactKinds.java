package org.defrost.spi;

/**
 * The artifact kinds of the built-in stages: the one place their names are declared. A stage declares the
 * kinds it consumes and produces in its {@link StageDescriptor}; a plugin that reads or writes these kinds
 * names them through these constants. The file layout of each kind is described in {@code docs/architecture.md}
 * ("The artifact contract").
 */
public final class ArtifactKinds {
    /** The source task's training and test sets only: what S is trained from (shared across target variants). */
    public static final String SOURCE_TASK = "source-task";
    /** A whole task pair (source, target pool, target test, probes). */
    public static final String TASK_PAIR = "task-pair";
    /** A trained source network S with its training history. */
    public static final String SOURCE_NETWORK = "source-network";
    /** The starting points of the sweep: depths, initialisations, seeds. */
    public static final String TRANSFER_PLAN = "transfer-plan";
    /** One trained sweep cell (a work unit's output). */
    public static final String TRANSFER_CELL = "transfer-cell";
    /** The sweep's tidy table, its summary and the optimal depths. */
    public static final String TRANSFER_RESULTS = "transfer-results";
    /** One seed's similarity of S and T* (a work unit's output). */
    public static final String SIMILARITY_SEED = "similarity-seed";
    /** Layer-wise similarity profiles and layer × layer matrices, averaged over seeds. */
    public static final String SIMILARITY_RESULTS = "similarity-results";
    /** The HTML report with its tables. */
    public static final String REPORT = "report";

    private ArtifactKinds() {
    }
}
