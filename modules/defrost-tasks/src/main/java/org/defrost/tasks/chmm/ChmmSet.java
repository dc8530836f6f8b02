package org.defrost.tasks.chmm;

import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskRole;

/**
 * The sets a CHMM task pair draws, each from its own stream {@code seed/sample/<streamName>}, row r from
 * {@code seed/sample/<streamName>/r}. {@link #PAIRED_PROBES} gives two views of one latent draw.
 */
public enum ChmmSet {
    SOURCE_TRAIN("source-train", TaskPairSet.SOURCE_TRAIN),
    SOURCE_TEST("source-test", TaskPairSet.SOURCE_TEST),
    TARGET_POOL("target-pool", TaskPairSet.TARGET_POOL),
    TARGET_TEST("target-test", TaskPairSet.TARGET_TEST),
    TARGET_PROBES("probe-target", TaskPairSet.PROBE_TARGET),
    SOURCE_PROBES("probe-source", TaskPairSet.PROBE_SOURCE),
    /** Latent c of dimension Ds + Dt - Dshared; rows of the source view go to PROBE_PAIRED_SOURCE. */
    PAIRED_PROBES("probe-paired", TaskPairSet.PROBE_PAIRED_SOURCE);

    private final String streamName;
    private final TaskPairSet file;

    ChmmSet(String streamName, TaskPairSet file) {
        this.streamName = streamName;
        this.file = file;
    }

    /** Name of this set's random stream under {@code seed/sample}. */
    public String streamName() {
        return streamName;
    }

    /** The task whose features and teacher make the inputs and labels: that of its file (the source view for pairs). */
    public TaskRole role() {
        return file.role();
    }

    /** Whether label noise applies: only to the training sets, the source training set and the target pool. */
    public boolean isTraining() {
        return this == SOURCE_TRAIN || this == TARGET_POOL;
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
