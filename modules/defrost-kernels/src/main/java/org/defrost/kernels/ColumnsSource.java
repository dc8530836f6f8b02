package org.defrost.kernels;

/**
 * The leading {@code extent} columns of a row-major matrix X of {@code depth} rows with row stride {@code ld},
 * used as {@code element(k, i) = X[k][i]}: the summed index runs over rows, so a product with this a-side is
 * {@code Xᵀ(·)}. Packing is a row-segment copy per summed index.
 *
 * @param x      row-major values, {@code depth} rows of stride {@code ld >= extent}. Not modified.
 * @param depth  rows of X, the length of the summed index
 * @param extent columns of X used, the free index
 */
record ColumnsSource(double[] x, int depth, int extent, int ld) implements PanelSource {

    @Override
    public void pack(int k0, int kc, int i0, int width, double[] dst, int dstOff) {
        int valid = Math.min(width, extent - i0);
        for (int r = 0; r < kc; r++) {
            int d = dstOff + r * width;
            System.arraycopy(x, (k0 + r) * ld + i0, dst, d, valid);
            for (int i = valid; i < width; i++) {
                dst[d + i] = 0;
            }
        }
    }

    /** Row by row, so that each row segment of X is read once, in order, for all panels. */
    @Override
    public void packPanels(int k0, int kc, int i0, int count, int width, double[] dst) {
        int full = Math.max(0, Math.min(count, (extent - i0) / width));
        for (int r = 0; r < kc; r++) {
            int src = (k0 + r) * ld + i0;
            int d = r * width;
            int panelStride = kc * width;
            for (int j = 0; j < full; j++) {
                int s = src + j * width;
                int t = d + j * panelStride;
                for (int i = 0; i < width; i++) {
                    dst[t + i] = x[s + i];
                }
            }
        }
        for (int j = full; j < count; j++) {
            pack(k0, kc, i0 + j * width, width, dst, j * kc * width);
        }
    }
}
