package org.defrost.study.support;

import java.io.IOException;
import java.nio.file.Path;
import org.defrost.npy.Npy;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TargetSplit;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;

/**
 * The target rows one network of size n trains and early-stops on: their indices into the target pool and
 * the sets themselves. {@link #write} records the indices beside the network's results
 * ({@code training-rows.npy} and {@code validation-rows.npy}, int32), so every result says which examples
 * made it.
 *
 * @param targetSize    n as requested
 * @param training      indices of the training rows in the target pool, ascending
 * @param validation    indices of the validation rows in the target pool, ascending
 * @param trainingSet   the training rows
 * @param validationSet the validation rows
 */
public record TargetRows(int targetSize, int[] training, int[] validation, LabelledSet trainingSet,
                         LabelledSet validationSet) {
    public static final String TRAINING_FILE = "training-rows.npy";
    public static final String VALIDATION_FILE = "validation-rows.npy";

    /**
     * The rows of size {@code n} of the pair's target pool under {@code split}.
     *
     * @throws IllegalArgumentException when the pool cannot supply them (the message says how to fix it)
     */
    public static TargetRows of(TaskPair pair, int n, TargetSplit split) throws IOException {
        String problem = split.problem(n, pair.size(TaskPairSet.TARGET_POOL));
        if (problem != null) {
            throw new IllegalArgumentException(TargetSizes.SIZES + ": " + problem);
        }
        LabelledSet pool = pair.load(TaskPairSet.TARGET_POOL);
        int[] training = split.trainingRows(n, pool.size());
        int[] validation = split.validationRows(n, pool.size());
        return new TargetRows(n, training, validation, pool.select(training), pool.select(validation));
    }

    /** Number of rows trained on. */
    public int trainSize() {
        return trainingSet.size();
    }

    /** Number of rows early-stopped on. */
    public int validationSize() {
        return validationSet.size();
    }

    /** Writes the row indices into {@code dir}. */
    public void write(Path dir) throws IOException {
        Npy.write(dir.resolve(TRAINING_FILE), training, training.length);
        Npy.write(dir.resolve(VALIDATION_FILE), validation, validation.length);
    }
}
