package org.defrost.tasks;

import java.util.Arrays;
import org.ejml.data.FMatrixRMaj;

/**
 * Examples with integer class labels: {@code size()} rows of {@code features} inputs each.
 *
 * <p>The arrays are held, not copied: a set returned by this module is owned by the caller, and
 * {@link #inputMatrix()} shares its storage.
 *
 * @param inputs   row-major inputs, length {@code labels.length * features}
 * @param labels   class index of each row, in {@code 0..K-1}
 * @param features number of inputs per row (the input dimension N)
 */
public record LabelledSet(float[] inputs, int[] labels, int features) {

    public LabelledSet {
        if (features < 0) {
            throw new IllegalArgumentException("features must be >= 0, got " + features);
        }
        if ((long) labels.length * features != inputs.length) {
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values, expected "
                    + labels.length + " rows x " + features + " features");
        }
    }

    /** Number of rows. */
    public int size() {
        return labels.length;
    }

    /** The first {@code n} rows, copied. */
    public LabelledSet prefix(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("cannot take " + n + " rows of a set of " + size());
        }
        return new LabelledSet(Arrays.copyOf(inputs, n * features), Arrays.copyOf(labels, n), features);
    }

    /** The rows listed in {@code rows}, in that order, copied. {@code rows} is not modified. */
    public LabelledSet select(int[] rows) {
        float[] x = new float[rows.length * features];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(inputs, rows[i] * features, x, i * features, features);
            y[i] = labels[rows[i]];
        }
        return new LabelledSet(x, y, features);
    }

    /** The inputs as a {@code size() x features} matrix sharing this set's storage. */
    public FMatrixRMaj inputMatrix() {
        return FMatrixRMaj.wrap(size(), features, inputs);
    }

    @Override
    public String toString() {
        return "LabelledSet[" + size() + " x " + features + "]";
    }
}
