package org.defrost.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.defrost.npy.Npy;
import org.defrost.npy.NpyArray;
import org.defrost.tasks.TaskPairManifest.FileDescription;

/**
 * A task pair on disk (see the package documentation for the layout), read back set by set.
 *
 * <p>{@link #read} checks the manifest and the header of every file it lists, so a damaged directory is
 * reported before any training starts. Each set accessor then reads its two files (nothing is cached)
 * and checks that the inputs are finite and the labels lie in the classes of the set's task.
 */
public final class TaskPair {
    /**
     * The name under which task-pair producers declare the target pool's row count before running
     * ({@link org.defrost.spi.Stage#outputSizes}), for the stages that train on target subsets.
     */
    public static final String TARGET_POOL_SIZE = "targetPoolSize";
    /**
     * The name under which a task-pair producer that knows it declares N, the input values per row, so that a given
     * source network can be checked against it before anything runs.
     */
    public static final String INPUT_DIM = "inputDim";
    private final Path directory;
    private final TaskPairManifest manifest;

    private TaskPair(Path directory, TaskPairManifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    /**
     * Opens the task pair in {@code directory}.
     *
     * @throws InvalidDatasetException if the manifest is missing or malformed, or a listed file is missing
     *                                 or does not have the listed shape and dtype
     */
    public static TaskPair read(Path directory) throws IOException {
        Path manifestFile = directory.resolve(TaskPairManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new InvalidDatasetException(manifestFile,
                    "missing: not a task-pair directory, or its generation did not finish");
        }
        TaskPairManifest manifest = TaskPairManifest.read(manifestFile);
        for (Map.Entry<String, FileDescription> e : manifest.files().entrySet()) {
            checkHeader(directory.resolve(e.getKey()), e.getValue());
        }
        TaskPair pair = new TaskPair(directory, manifest);
        for (TaskPairSet s : TaskPairSet.values()) {
            if (s.isRequired(manifest.hasSource()) && !pair.has(s)) {
                throw new InvalidDatasetException(manifestFile, "lists no " + s.inputsFile() + " / " + s.labelsFile());
            }
        }
        return pair;
    }

    private static void checkHeader(Path file, FileDescription expected) throws IOException {
        NpyArray header;
        try {
            header = Npy.readHeader(file);
        } catch (NoSuchFileException e) {
            throw new InvalidDatasetException(file, "missing (listed in " + TaskPairManifest.FILE_NAME + ")");
        }
        List<Integer> shape = java.util.Arrays.stream(header.shape()).boxed().toList();
        if (!shape.equals(expected.shape()) || !header.dtype().equals(expected.dtype())) {
            throw new InvalidDatasetException(file, "has shape " + shape + " and dtype " + header.dtype()
                    + ", the manifest says " + expected.shape() + " and " + expected.dtype());
        }
    }

    /** The directory holding the pair. */
    public Path directory() {
        return directory;
    }

    /** The parsed {@code task-pair.json}. */
    public TaskPairManifest manifest() {
        return manifest;
    }

    /** N, the number of inputs per row. */
    public int inputDim() {
        return manifest.inputDim();
    }

    /** Number of classes of the source or target task. */
    public int classes(TaskRole role) {
        return manifest.task(role).classes();
    }

    /** Whether the directory holds {@code set} (always true for required sets). */
    public boolean has(TaskPairSet set) {
        return manifest.files().containsKey(set.inputsFile()) && manifest.files().containsKey(set.labelsFile());
    }

    /** Number of rows of {@code set}, from the manifest. */
    public int size(TaskPairSet set) {
        requirePresent(set);
        return manifest.files().get(set.labelsFile()).shape().get(0);
    }

    /** Reads a whole set. */
    public LabelledSet load(TaskPairSet set) throws IOException {
        requirePresent(set);
        Path xFile = directory.resolve(set.inputsFile());
        Path yFile = directory.resolve(set.labelsFile());
        NpyArray x = Npy.read(xFile);
        NpyArray y = Npy.read(yFile);
        float[] inputs = x.asFloats();
        int[] labels = y.asInts();
        if (x.rows() != labels.length || x.cols() != inputDim()) {
            throw new InvalidDatasetException(xFile, x.rows() + " x " + x.cols() + " inputs for " + labels.length
                    + " labels in " + yFile.getFileName() + " (input dimension " + inputDim() + ")");
        }
        int classes = classes(set.role());
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidDatasetException(yFile, "label " + labels[i] + " at row " + i
                        + " is outside the " + classes + " classes of the " + set.role().name().toLowerCase() + " task");
            }
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!Float.isFinite(inputs[i])) {
                throw new InvalidDatasetException(xFile, "non-finite value " + inputs[i] + " at row "
                        + i / inputDim() + ", column " + i % inputDim());
            }
        }
        return new LabelledSet(inputs, labels, inputDim());
    }

    /** The target training set of size {@code n}: the first {@code n} rows of the target pool. */
    public LabelledSet targetTrain(int n) throws IOException {
        int pool = size(TaskPairSet.TARGET_POOL);
        if (n < 0 || n > pool) {
            throw new InvalidDatasetException(directory.resolve(TaskPairSet.TARGET_POOL.inputsFile()),
                    "target training size " + n + " requested, the pool has " + pool + " rows");
        }
        return load(TaskPairSet.TARGET_POOL).prefix(n);
    }

    private void requirePresent(TaskPairSet set) {
        if (!has(set) && set.role() == TaskRole.SOURCE && !manifest.hasSource()) {
            throw new IllegalArgumentException("task pair in " + directory + " has no " + set + ": "
                    + TaskPairManifest.TARGET_ONLY);
        }
        if (!has(set)) {
            throw new IllegalArgumentException("task pair in " + directory + " has no " + set
                    + " (paired probes exist only when examples can be paired; see " + TaskPairManifest.FILE_NAME + ")");
        }
    }
}
