package org.defrost.study;

/** The artifact kinds the study stages read and write: the names {@link org.defrost.spi.ArtifactKinds} declares. */
public final class ArtifactKinds {
    /** The source task's training and test sets only: what S is trained from (shared across target variants). */
    public static final String SOURCE_TASK = org.defrost.spi.ArtifactKinds.SOURCE_TASK;
    /** A whole task pair (source, target pool, target test, probes). */
    public static final String TASK_PAIR = org.defrost.spi.ArtifactKinds.TASK_PAIR;
    /** A trained source network S with its training history. */
    public static final String SOURCE_NETWORK = org.defrost.spi.ArtifactKinds.SOURCE_NETWORK;
    /** The starting points of the sweep: depths, initialisations, seeds. */
    public static final String TRANSFER_PLAN = org.defrost.spi.ArtifactKinds.TRANSFER_PLAN;
    /** One trained sweep cell (a work unit's output). */
    public static final String TRANSFER_CELL = org.defrost.spi.ArtifactKinds.TRANSFER_CELL;
    /** The sweep's tidy table, its summary and the optimal depths. */
    public static final String TRANSFER_RESULTS = org.defrost.spi.ArtifactKinds.TRANSFER_RESULTS;
    /** One seed's similarity of S and T* (a work unit's output). */
    public static final String SIMILARITY_SEED = org.defrost.spi.ArtifactKinds.SIMILARITY_SEED;
    /** Layer-wise similarity profiles and layer × layer matrices, averaged over seeds. */
    public static final String SIMILARITY_RESULTS = org.defrost.spi.ArtifactKinds.SIMILARITY_RESULTS;

    private ArtifactKinds() {
    }
}
