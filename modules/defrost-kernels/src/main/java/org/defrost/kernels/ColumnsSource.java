package org.defrost.kernels;

/**
 * The leading {@code extent} columns of a row-major matrix X of {@code depth} rows with row stride {@code ld},
 * used as {@code element(k, i) = X[k][i]}: the summed index runs over rows, so a product with this a-side is
 * {@code Xᵀ(·)}. Packing is a row-segment copy per summed index. With a {@code shift}, the source is
 * {@code X[k][i] − shift[i]}, formed while packing: a column-centred X is used without being stored, and
 * every packed value is the same double as in a stored {@code X − 1·shiftᵀ}.
 *
 * @param x      row-major values, {@code depth} rows of stride {@code ld >= extent}. Not modified.
 * @param depth  rows of X, the length of the summed index
 * @param extent columns of X used, the free index
 * @param shift  subtracted from each column ({@code extent} values), or null. Not modified.
 */
record ColumnsSource(double[] x, int depth, int extent, int ld, double[] shift) implements PanelSource {

    ColumnsSource(double[] x, int depth, int extent, int ld) {
        this(x, depth, extent, ld, null);
    }

    @Override
    public void pack(int k0, int kc, int i0, int width, double[] dst, int dstOff) {
        int valid = Math.min(width, extent - i0);
        for (int r = 0; r < kc; r++) {
            int d = dstOff + r * width;
            int src = (k0 + r) * ld + i0;
            if (shift == null) {
                System.arraycopy(x, src, dst, d, valid);
            } else {
                for (int i = 0; i < valid; i++) {
                    dst[d + i] = x[src + i] - shift[i0 + i];
                }
            }
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
                if (shift == null) {
                    for (int i = 0; i < width; i++) {
                        dst[t + i] = x[s + i];
                    }
                } else {
                    int c = i0 + j * width;
                    for (int i = 0; i < width; i++) {
                        dst[t + i] = x[s + i] - shift[c + i];
                    }
                }
            }
        }
        for (int j = full; j < count; j++) {
            pack(k0, kc, i0 + j * width, width, dst, j * kc * width);
        }
    }
}
