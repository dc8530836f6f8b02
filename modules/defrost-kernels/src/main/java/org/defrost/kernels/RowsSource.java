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
    /** Summed indices transposed for all points of a panel before moving on to the next ones. */
    private static final int DEPTH_CHUNK = 64;

    @Override
    public int depth() {
        return cols;
    }

    @Override
    public int extent() {
        return count;
    }

    /**
     * Transposes in chunks of {@value #DEPTH_CHUNK} summed indices, so that the panel rows written for one point
     * are still in L1 when the next point writes beside them; a whole {@code kc × width} panel written one
     * point at a time (a stride of one cache line) was measured slower.
     */
    @Override
    public void pack(int k0, int kc, int i0, int width, double[] dst, int dstOff) {
        int valid = Math.min(width, count - i0);
        for (int r0 = 0; r0 < kc; r0 += DEPTH_CHUNK) {
            int r1 = Math.min(kc, r0 + DEPTH_CHUNK);
            for (int i = 0; i < valid; i++) {
                int src = (rows == null ? i0 + i : rows[i0 + i]) * cols + k0;
                int d = dstOff + i;
                for (int r = r0; r < r1; r++) {
                    dst[d + r * width] = x[src + r];
                }
            }
        }
        for (int i = valid; i < width; i++) {
            for (int r = 0; r < kc; r++) {
                dst[dstOff + r * width + i] = 0;
            }
        }
    }
}
