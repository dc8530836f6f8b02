package org.defrost.tasks.chmm;

import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;

/**
 * The sets a CHMM task pair draws, each from its own stream {@code seed/sample/<streamName>}, row r from
 * {@code seed/sample/<streamName>/r}. {@link #PAIRED_PROBES} gives two views of one latent draw.
 */
public enum ChmmSet {
    SOURCE_TRAIN("source-train", TaskRole.SOURCE, true, TaskPairSet.SOURCE_TRAIN),
    SOURCE_TEST("source-test", TaskRole.SOURCE, false, TaskPairSet.SOURCE_TEST),
    TARGET_POOL("target-pool", TaskRole.TARGET, true, TaskPairSet.TARGET_POOL),
    TARGET_TEST("target-test", TaskRole.TARGET, false, TaskPairSet.TARGET_TEST),
    TARGET_PROBES("probe-target", TaskRole.TARGET, false, TaskPairSet.PROBE_TARGET),
    SOURCE_PROBES("probe-source", TaskRole.SOURCE, false, TaskPairSet.PROBE_SOURCE),
    /** Latent c of dimension Ds + Dt - Dshared; rows of the source view go to PROBE_PAIRED_SOURCE. */
    PAIRED_PROBES("probe-paired", TaskRole.SOURCE, false, TaskPairSet.PROBE_PAIRED_SOURCE);

    private final String streamName;
    private final TaskRole role;
    private final boolean training;
    private final TaskPairSet file;

    ChmmSet(String streamName, TaskRole role, boolean training, TaskPairSet file) {
        this.streamName = streamName;
        this.role = role;
        this.training = training;
        this.file = file;
    }

    /** Name of this set's random stream under {@code seed/sample}. */
    public String streamName() {
        return streamName;
    }

    /** The task whose features and teacher make the inputs and labels (the source view for pairs). */
    public TaskRole role() {
        return role;
    }

    /** Whether label noise applies (training sets only). */
    public boolean isTraining() {
        return training;
    }

    /** Where the set is stored (the source view, for {@link #PAIRED_PROBES}). */
    public TaskPairSet file() {
        return file;
    }

    /** Number of rows under {@code p}. */
    public int rows(ChmmParameters p) {
        return switch (this) {
            case SOURCE_TRAIN -> p.sourceTrainSize();
            case SOURCE_TEST -> p.sourceTestSize();
            case TARGET_POOL -> p.targetPoolSize();
            case TARGET_TEST -> p.targetTestSize();
            case TARGET_PROBES, SOURCE_PROBES, PAIRED_PROBES -> p.probeSize();
        };
    }
}
