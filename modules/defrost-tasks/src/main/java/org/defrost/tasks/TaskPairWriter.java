package org.defrost.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.npy.Npy;
import org.defrost.npy.NpyStreamWriter;
import org.defrost.spi.Seed;
import org.defrost.tasks.TaskPairManifest.FileDescription;
import org.defrost.tasks.TaskPairManifest.TaskDescription;

/**
 * Writes a task-pair directory: the sets of {@link TaskPairSet}, streamed block by block, any extra
 * arrays a generator records, and last {@code task-pair.json}. A directory without the manifest is
 * therefore an unfinished one; {@link #create} removes a stale manifest before anything is written.
 */
public final class TaskPairWriter {
    private final Path directory;
    private final Map<String, FileDescription> files = new LinkedHashMap<>();
    private final EnumSet<TaskPairSet> completed = EnumSet.noneOf(TaskPairSet.class);
    private int inputDim = -1;

    private TaskPairWriter(Path directory) {
        this.directory = directory;
    }

    /** Prepares {@code directory} (created if absent; files of an earlier pair are replaced). */
    public static TaskPairWriter create(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.deleteIfExists(directory.resolve(TaskPairManifest.FILE_NAME));
        return new TaskPairWriter(directory);
    }

    /** The directory being written. */
    public Path directory() {
        return directory;
    }

    /**
     * Opens one set for streaming; append exactly {@code rows} rows, then close it.
     *
     * @param features inputs per row; the same for every set of the pair
     */
    public SetWriter open(TaskPairSet set, int rows, int features) throws IOException {
        if (inputDim >= 0 && features != inputDim) {
            throw new IllegalArgumentException(set + " has " + features + " features, earlier sets " + inputDim);
        }
        inputDim = features;
        Path x = resolve(set.inputsFile());
        Path y = resolve(set.labelsFile());
        files.put(set.inputsFile(), new FileDescription(List.of(rows, features), "<f4", "inputs: " + set.meaning()));
        files.put(set.labelsFile(), new FileDescription(List.of(rows), "<i4",
                "labels (class index, " + set.role().name().toLowerCase() + " classes): " + set.meaning()));
        NpyStreamWriter inputs = NpyStreamWriter.open(x, "<f4", rows, features);
        try {
            return new SetWriter(set, inputs, NpyStreamWriter.open(y, "<i4", rows), features);
        } catch (IOException | RuntimeException e) {
            inputs.close();
            throw e;
        }
    }

    /** Writes a whole set at once. {@code samples} is not modified. */
    public void write(TaskPairSet set, LabelledSet samples) throws IOException {
        try (SetWriter w = open(set, samples.size(), samples.features())) {
            w.append(samples);
        }
    }

    /**
     * Writes an extra float32 array a generator records beside the sets (e.g. the CHMM feature matrices).
     *
     * @param relativePath path inside the directory, e.g. {@code chmm/source_features.npy}
     * @param data         values in C order. Not modified.
     */
    public void writeArray(String relativePath, float[] data, String meaning, int... shape) throws IOException {
        Npy.write(resolve(relativePath), data, shape);
        files.put(relativePath, new FileDescription(dims(shape), "<f4", meaning));
    }

    /** Writes an extra int32 array; see {@link #writeArray(String, float[], String, int...)}. Not modified. */
    public void writeArray(String relativePath, int[] data, String meaning, int... shape) throws IOException {
        Npy.write(resolve(relativePath), data, shape);
        files.put(relativePath, new FileDescription(dims(shape), "<i4", meaning));
    }

    private static List<Integer> dims(int[] shape) {
        List<Integer> dims = new ArrayList<>();
        for (int d : shape) {
            dims.add(d);
        }
        return dims;
    }

    private Path resolve(String relativePath) throws IOException {
        Path p = directory.resolve(relativePath);
        Files.createDirectories(p.getParent());
        return p;
    }

    /**
     * Writes {@code task-pair.json} and returns the finished pair, read back.
     *
     * @param source     the source task, or null for a target-only pair (no source sets written)
     * @param parameters the generator's parameters by name, recorded as given
     * @throws IllegalStateException if a required set, or one of the two paired probe sets, is missing
     */
    public TaskPair finish(String generator, Seed seed, String relation, int[] inputShape, TaskDescription source,
                           TaskDescription target, Map<String, Object> parameters) throws IOException {
        for (TaskPairSet s : TaskPairSet.values()) {
            if (s.isRequired(source != null) && !completed.contains(s)) {
                throw new IllegalStateException("task pair in " + directory + " lacks the set " + s);
            }
        }
        if (completed.contains(TaskPairSet.PROBE_PAIRED_SOURCE) != completed.contains(TaskPairSet.PROBE_PAIRED_TARGET)) {
            throw new IllegalStateException("task pair in " + directory + " has only one side of the paired probes");
        }
        new TaskPairManifest(TaskPairManifest.FORMAT, generator, seed.value(), relation, inputDim, dims(inputShape), source,
                target, new LinkedHashMap<>(parameters), files).write(directory.resolve(TaskPairManifest.FILE_NAME));
        return TaskPair.read(directory);
    }

    /** Streams the rows of one set to its two files. */
    public final class SetWriter implements AutoCloseable {
        private final TaskPairSet set;
        private final NpyStreamWriter inputs;
        private final NpyStreamWriter labels;
        private final int features;
        private boolean failed;

        private SetWriter(TaskPairSet set, NpyStreamWriter inputs, NpyStreamWriter labels, int features) {
            this.set = set;
            this.inputs = inputs;
            this.labels = labels;
            this.features = features;
        }

        /** Appends the rows of {@code block}. Not modified. */
        public void append(LabelledSet block) throws IOException {
            if (block.features() != features) {
                throw new IllegalArgumentException(set + ": block has " + block.features() + " features, expected "
                        + features);
            }
            try {
                inputs.write(block.inputs(), 0, block.inputs().length);
                labels.write(block.labels(), 0, block.labels().length);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        /** Closes both files; the set counts as written only if every declared row arrived. */
        @Override
        public void close() throws IOException {
            try {
                inputs.close();
            } finally {
                labels.close();
            }
            if (!failed) {
                completed.add(set);
            }
        }
    }
}
