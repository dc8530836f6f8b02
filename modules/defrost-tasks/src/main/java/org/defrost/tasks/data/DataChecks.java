package org.defrost.tasks.data;

import java.nio.file.Path;
import org.defrost.tasks.InvalidDatasetException;

/** Checks shared by the readers; each failure names the file and the first offending row. */
final class DataChecks {
    private DataChecks() {
    }

    static void requireFinite(Path file, float[] values, int features) throws InvalidDatasetException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidDatasetException(file, "non-finite value " + values[i] + " in row " + i / features
                        + ", feature " + i % features);
            }
        }
    }

    static void requireClassCount(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
    }

    static void requireClasses(Path file, int[] labels, int classes) throws InvalidDatasetException {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new InvalidDatasetException(file, "label " + labels[i] + " in row " + i
                        + " is outside the declared classes 0.." + (classes - 1));
            }
        }
    }

    static void requireSameCount(Path inputs, int inputRows, Path labels, int labelRows) throws InvalidDatasetException {
        if (inputRows != labelRows) {
            throw new InvalidDatasetException(labels, labelRows + " labels for the " + inputRows + " inputs of " + inputs);
        }
    }

    static int product(int[] dims, int from) {
        long p = 1;
        for (int i = from; i < dims.length; i++) {
            p *= dims[i];
        }
        return (int) Math.min(p, Integer.MAX_VALUE);
    }
}
