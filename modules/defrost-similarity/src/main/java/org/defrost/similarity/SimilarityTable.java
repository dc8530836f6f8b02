package org.defrost.similarity;

/**
 * A measure over all pairs of layers: {@code value[i][j]} compares layer i of the first network with
 * layer j of the second (layer 0 is the input).
 *
 * @param value   {@code L₁ × L₂} values
 * @param stderr  {@code L₁ × L₂} standard errors across point subsets; NaN when all points were used together
 * @param subsets number of point subsets averaged (1 when all points were used together)
 */
public record SimilarityTable(double[][] value, double[][] stderr, int subsets) {

    /** {@code value[i][i]} for {@code i < min(L₁, L₂)}: layer i of one network against layer i of the other. */
    public double[] diagonal() {
        return diagonalOf(value);
    }

    /** Standard errors of {@link #diagonal()}. */
    public double[] diagonalStderr() {
        return diagonalOf(stderr);
    }

    private static double[] diagonalOf(double[][] m) {
        int size = m.length == 0 ? 0 : Math.min(m.length, m[0].length);
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = m[i][i];
        }
        return d;
    }
}
