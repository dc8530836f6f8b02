package org.defrost.tasks.data;

import org.defrost.tasks.LabelledSet;

/**
 * A fitted standardisation {@code x' = (x - mean) * scale}.
 *
 * @param mean  length 1 (one value for all features) or N
 * @param scale same length as {@code mean}; 1 / standard deviation, or 1 where the deviation is 0
 */
public record Standardiser(float[] mean, float[] scale) {

    /**
     * Fits {@code mode} to {@code rows} of {@code data} (the source training rows). Statistics are
     * accumulated in double. {@code data} and {@code rows} are not modified.
     */
    public static Standardiser fit(Standardisation mode, LabelledSet data, int[] rows) {
        int n = data.features();
        float[] x = data.inputs();
        switch (mode) {
            case NONE -> {
                return new Standardiser(new float[] {0f}, new float[] {1f});
            }
            case GLOBAL -> {
                double sum = 0;
                for (int r : rows) {
                    for (int j = 0; j < n; j++) {
                        sum += x[r * n + j];
                    }
                }
                double count = (double) rows.length * n;
                double mean = sum / count;
                double squares = 0;
                for (int r : rows) {
                    for (int j = 0; j < n; j++) {
                        double d = x[r * n + j] - mean;
                        squares += d * d;
                    }
                }
                return new Standardiser(new float[] {(float) mean}, new float[] {inverse(Math.sqrt(squares / count))});
            }
            default -> {
                double[] sum = new double[n];
                for (int r : rows) {
                    for (int j = 0; j < n; j++) {
                        sum[j] += x[r * n + j];
                    }
                }
                float[] mean = new float[n];
                double[] squares = new double[n];
                for (int j = 0; j < n; j++) {
                    sum[j] /= rows.length;
                    mean[j] = (float) sum[j];
                }
                for (int r : rows) {
                    for (int j = 0; j < n; j++) {
                        double d = x[r * n + j] - sum[j];
                        squares[j] += d * d;
                    }
                }
                float[] scale = new float[n];
                for (int j = 0; j < n; j++) {
                    scale[j] = inverse(Math.sqrt(squares[j] / rows.length));
                }
                return new Standardiser(mean, scale);
            }
        }
    }

    private static float inverse(double std) {
        return std > 1e-12 ? (float) (1 / std) : 1f;
    }

    /** Standardises {@code row[0..N)} in place. {@code row} is modified. */
    public void apply(float[] row) {
        if (mean.length == 1) {
            float m = mean[0];
            float s = scale[0];
            for (int j = 0; j < row.length; j++) {
                row[j] = (row[j] - m) * s;
            }
        } else {
            for (int j = 0; j < row.length; j++) {
                row[j] = (row[j] - mean[j]) * scale[j];
            }
        }
    }
}
