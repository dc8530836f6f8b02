package org.defrost.tasks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code task-pair.json} file of a task-pair directory: what made the pair and what each file means.
 *
 * @param format     {@link #FORMAT}
 * @param generator  {@code chmm}, {@code dataset} or {@code labelled-data}
 * @param seed       raw value of the seed the pair was generated from
 * @param relation   how the target relates to the source, in words
 * @param inputDim   N, the number of inputs per row of every {@code _x} file
 * @param inputShape shape of one input before flattening: {@code [C, H, W]} for images (e.g. {@code [1, 28, 28]}
 *                   for Fashion-MNIST, {@code [3, 32, 32]} for CIFAR-10), {@code [N]} for vectors; manifests written
 *                   before images carried their channel hold {@code [H, W]}, which readers take as one channel
 * @param source     the source task's classes, or null for a target-only pair: the user's own labelled data,
 *                   whose source network comes from elsewhere, so the directory holds no source sets
 * @param target     the target task's classes
 * @param parameters the generator's parameters, by name, as given to it
 * @param files      every file of the directory (paths relative to it) with its shape, dtype and meaning
 */
public record TaskPairManifest(String format, String generator, long seed, String relation, int inputDim,
                               List<Integer> inputShape, TaskDescription source, TaskDescription target,
                               Map<String, Object> parameters, Map<String, FileDescription> files) {

    /** Identifies this layout; changes when the layout changes incompatibly. */
    public static final String FORMAT = "defrost-task-pair/1";
    /** Name of the manifest file inside a task-pair directory. */
    public static final String FILE_NAME = "task-pair.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One task of the pair.
     *
     * @param classes     number of classes K; labels are {@code 0..K-1}
     * @param classNames  a name for each label, in label order
     * @param description what the task is, in words
     */
    public record TaskDescription(int classes, List<String> classNames, String description) {
    }

    /**
     * One file of the directory.
     *
     * @param shape   array shape
     * @param dtype   numpy dtype, {@code <f4} or {@code <i4}
     * @param meaning what the array holds
     */
    public record FileDescription(List<Integer> shape, String dtype, String meaning) {
    }

    /** Whether the pair has a source task with its sets; false for a target-only pair. */
    public boolean hasSource() {
        return source != null;
    }

    /**
     * The task description for {@code role}.
     *
     * @throws IllegalStateException for the source of a target-only pair
     */
    public TaskDescription task(TaskRole role) {
        if (role == TaskRole.SOURCE && source == null) {
            throw new IllegalStateException(TARGET_ONLY);
        }
        return role == TaskRole.SOURCE ? source : target;
    }

    /** Why a target-only pair has no source data, for the messages of whatever asks for it. */
    static final String TARGET_ONLY = "this task pair has target data only (generator labelled-data: the source "
            + "network is given, e.g. by the source-network stage, not trained on source data); it has no source sets, "
            + "source probes or source classes";

    /** Writes this manifest as JSON to {@code file}. */
    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /** Reads a manifest; a malformed file gives an {@link InvalidDatasetException} naming it. */
    public static TaskPairManifest read(Path file) throws IOException {
        TaskPairManifest m;
        try {
            m = JSON.readValue(file.toFile(), TaskPairManifest.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidDatasetException(file, "malformed task-pair manifest: " + e.getOriginalMessage(), e);
        }
        if (!FORMAT.equals(m.format())) {
            throw new InvalidDatasetException(file, "unsupported task-pair format '" + m.format()
                    + "', expected '" + FORMAT + "'");
        }
        if (m.target() == null || m.files() == null || m.inputShape() == null) {
            throw new InvalidDatasetException(file, "task-pair manifest lacks target, inputShape or files");
        }
        return m;
    }
}
