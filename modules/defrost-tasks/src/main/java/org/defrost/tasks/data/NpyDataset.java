package org.defrost.tasks.data;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.defrost.npy.Npy;
import org.defrost.npy.NpyArray;
import org.defrost.npy.NpyFormatException;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;

/**
 * A labelled part stored as two NumPy files: inputs of shape (n, d1, ...) in any numeric dtype and labels
 * of shape (n) or (n, 1) in an integer or boolean dtype.
 */
public final class NpyDataset {
    private NpyDataset() {
    }

    /**
     * Reads one part.
     *
     * @param classes number of declared classes K; labels must be in {@code 0..K-1}
     * @throws InvalidDatasetException naming the file for a missing or malformed file, a shape or count
     *                                 mismatch, a non-finite input or a label outside the classes
     */
    public static DatasetPart read(Path inputs, Path labels, int classes) throws IOException {
        DataChecks.requireClassCount(classes);
        NpyArray x = load(inputs);
        NpyArray y = load(labels);
        int[] xs = x.shape();
        int[] ys = y.shape();
        if (xs.length < 2) {
            throw new InvalidDatasetException(inputs, "expected inputs of shape (n, features...), found "
                    + Arrays.toString(xs));
        }
        if (ys.length != 1 && !(ys.length == 2 && ys[1] == 1)) {
            throw new InvalidDatasetException(labels, "expected labels of shape (n) or (n, 1), found "
                    + Arrays.toString(ys));
        }
        if (y.isFloatingPoint()) {
            throw new InvalidDatasetException(labels, "labels must have an integer dtype, found " + y.dtype());
        }
        DataChecks.requireSameCount(inputs, xs[0], labels, ys[0]);
        int features = DataChecks.product(xs, 1);
        float[] values = x.asFloats();
        DataChecks.requireFinite(inputs, values, features);
        int[] classIndex = new int[ys[0]];
        for (int i = 0; i < classIndex.length; i++) {
            long v = y.longs()[i];
            classIndex[i] = v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? -1 : (int) v;
            if (classIndex[i] != v) {
                throw new InvalidDatasetException(labels, "label " + v + " in row " + i
                        + " is outside the declared classes 0.." + (classes - 1));
            }
        }
        DataChecks.requireClasses(labels, classIndex, classes);
        return new DatasetPart(new LabelledSet(values, classIndex, features), Arrays.copyOfRange(xs, 1, xs.length),
                inputs + " + " + labels);
    }

    private static NpyArray load(Path file) throws IOException {
        try {
            return Npy.read(file);
        } catch (NoSuchFileException e) {
            throw new InvalidDatasetException(file, "file not found");
        } catch (NpyFormatException e) {
            String prefix = file + ": ";
            String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw new InvalidDatasetException(file, problem, e);
        }
    }
}
