package org.defrost.kernels;

/**
 * Selected rows of a row-major {@code n × p} matrix X used as {@code element(k, i) = X[rows[i]][k]}: the
 * summed index runs over columns, so the product of such a source with itself is the Gram matrix of the
 * selected points, and with a {@link ColumnsSource} on V it is {@code XV}. Packing transposes.
 *
 * @param x    row-major values with {@code cols} columns. Not modified.
 * @param rows indices of the {@code count} rows used, in order, or null for rows {@code 0 .. count-1}.
 *             Not modified.
 */
record RowsSource(double[] x, int cols, int[] rows, int count) implements PanelSource {

    @Override
    public int depth() {
        return cols;
    }

    @Override
    public int extent() {
        return count;
    }

    @Override
    public void pack(int k0, int kc, int i0, int width, double[] dst, int dstOff) {
        int valid = Math.min(width, count - i0);
        for (int i = 0; i < valid; i++) {
            int src = (rows == null ? i0 + i : rows[i0 + i]) * cols + k0;
            int d = dstOff + i;
            for (int r = 0; r < kc; r++) {
                dst[d + r * width] = x[src + r];
            }
        }
        for (int i = valid; i < width; i++) {
            for (int r = 0; r < kc; r++) {
                dst[dstOff + r * width + i] = 0;
            }
        }
    }
}
