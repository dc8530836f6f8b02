package org.defrost.linearprobe;

import org.ejml.data.FMatrixRMaj;

/**
 * Per-feature standardisation {@code x' = (x - mean) * scale}, fitted on the rows a readout is trained on
 * and applied unchanged to its validation and test rows. A feature that is constant on the fitting rows
 * (a dead ReLU unit, say) is only centred.
 *
 * @param mean  length = number of features
 * @param scale length = number of features; 1 / standard deviation, or 1 where the deviation is 0
 */
record Standardisation(float[] mean, float[] scale) {

    /** Fits the mean and population standard deviation of every column of {@code x} (not modified), in double. */
    static Standardisation fit(FMatrixRMaj x) {
        int rows = x.numRows;
        int cols = x.numCols;
        double[] sum = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                sum[j] += x.data[r * cols + j];
            }
        }
        double[] squares = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double d = x.data[r * cols + j] - sum[j] / rows;
                squares[j] += d * d;
            }
        }
        float[] mean = new float[cols];
        float[] scale = new float[cols];
        for (int j = 0; j < cols; j++) {
            mean[j] = (float) (sum[j] / rows);
            double std = Math.sqrt(squares[j] / rows);
            scale[j] = std > 1e-12 ? (float) (1 / std) : 1f;
        }
        return new Standardisation(mean, scale);
    }

    /** Standardises every row of {@code x} in place. {@code x} is modified. */
    void apply(FMatrixRMaj x) {
        int cols = x.numCols;
        if (cols != mean.length) {
            throw new IllegalArgumentException("fitted on " + mean.length + " features, applied to " + cols);
        }
        for (int r = 0; r < x.numRows; r++) {
            for (int j = 0; j < cols; j++) {
                int i = r * cols + j;
                x.data[i] = (x.data[i] - mean[j]) * scale[j];
            }
        }
    }
}
