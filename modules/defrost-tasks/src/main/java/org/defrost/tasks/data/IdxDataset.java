package org.defrost.tasks.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.defrost.tasks.InvalidDatasetException;
import org.defrost.tasks.LabelledSet;

/** A labelled part stored as an IDX image file (n x d1 x ...) and an IDX label file (n), as in MNIST. */
public final class IdxDataset {
    private IdxDataset() {
    }

    /**
     * Reads one part.
     *
     * @param images  IDX file of rank >= 2 (n inputs of shape d1 x ...), values converted to float as stored
     * @param labels  IDX file of rank 1 with integer class indices
     * @param classes number of declared classes K; labels must be in {@code 0..K-1}
     * @throws InvalidDatasetException naming the file for a missing or malformed file, a count mismatch,
     *                                 a non-finite input or a label outside the classes
     */
    public static DatasetPart read(Path images, Path labels, int classes) throws IOException {
        DataChecks.requireClassCount(classes);
        IdxFile.Contents x = IdxFile.read(images);
        IdxFile.Contents y = IdxFile.read(labels);
        if (x.dims().length < 2) {
            throw new InvalidDatasetException(images, "expected inputs of rank >= 2 (n x features...), found dimensions "
                    + Arrays.toString(x.dims()));
        }
        if (y.dims().length != 1) {
            throw new InvalidDatasetException(labels, "expected a rank-1 label file, found dimensions "
                    + Arrays.toString(y.dims()));
        }
        if (!y.isInteger()) {
            throw new InvalidDatasetException(labels, "labels must have an integer type, found floating point");
        }
        int rows = x.dims()[0];
        DataChecks.requireSameCount(images, rows, labels, y.dims()[0]);
        int features = DataChecks.product(x.dims(), 1);
        DataChecks.requireFinite(images, x.values(), features);
        int[] classIndex = new int[rows];
        for (int i = 0; i < rows; i++) {
            classIndex[i] = (int) y.values()[i];
        }
        DataChecks.requireClasses(labels, classIndex, classes);
        return new DatasetPart(new LabelledSet(x.values(), classIndex, features),
                Arrays.copyOfRange(x.dims(), 1, x.dims().length), images + " + " + labels);
    }
}
