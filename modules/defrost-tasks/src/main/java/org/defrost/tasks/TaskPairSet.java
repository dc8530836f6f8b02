package org.defrost.tasks;

/**
 * The labelled sets of a task-pair directory. Each is stored as two files, {@code <stem>_x.npy}
 * (float32, rows x N) and {@code <stem>_y.npy} (int32, rows), with labels in the classes of its
 * {@link #role()}.
 */
public enum TaskPairSet {
    SOURCE_TRAIN("source/train", TaskRole.SOURCE, "source training set"),
    SOURCE_TEST("source/test", TaskRole.SOURCE, "source test set"),
    TARGET_POOL("target/pool", TaskRole.TARGET,
            "target training pool: the target training set of size n is its first n rows"),
    TARGET_TEST("target/test", TaskRole.TARGET, "target test set"),
    PROBE_TARGET("probes/target", TaskRole.TARGET, "probe inputs drawn like the target's, for similarity analysis"),
    PROBE_SOURCE("probes/source", TaskRole.SOURCE, "probe inputs drawn like the source's, for similarity analysis"),
    PROBE_PAIRED_SOURCE("probes/paired_source", TaskRole.SOURCE,
            "paired probes, source view: row i shows the source input of the same example as row i of "
                    + "probes/paired_target"),
    PROBE_PAIRED_TARGET("probes/paired_target", TaskRole.TARGET,
            "paired probes, target view: row i shows the target input of the same example as row i of "
                    + "probes/paired_source");

    private final String stem;
    private final TaskRole role;
    private final String meaning;

    TaskPairSet(String stem, TaskRole role, String meaning) {
        this.stem = stem;
        this.role = role;
        this.meaning = meaning;
    }

    /** Path of the inputs file relative to the task-pair directory, e.g. {@code source/train_x.npy}. */
    public String inputsFile() {
        return stem + "_x.npy";
    }

    /** Path of the labels file relative to the task-pair directory, e.g. {@code source/train_y.npy}. */
    public String labelsFile() {
        return stem + "_y.npy";
    }

    /** The task whose classes the labels use. */
    public TaskRole role() {
        return role;
    }

    /** One sentence for the manifest. */
    public String meaning() {
        return meaning;
    }

    /**
     * Whether every task pair with a source task has this set (the paired probes exist only when examples can be
     * paired). A target-only pair ({@link TaskPairManifest#hasSource()} false) has only the required target sets.
     */
    public boolean isRequired() {
        return this != PROBE_PAIRED_SOURCE && this != PROBE_PAIRED_TARGET;
    }

    /** Whether a pair with a source task ({@code withSource}) or a target-only pair must have this set. */
    public boolean isRequired(boolean withSource) {
        return isRequired() && (withSource || role == TaskRole.TARGET);
    }
}
