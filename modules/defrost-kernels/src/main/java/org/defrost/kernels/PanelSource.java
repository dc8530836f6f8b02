package org.defrost.kernels;

/**
 * One operand of a product {@code C[i][j] = Σ_k a(k, i) · b(k, j)}, seen as a {@code depth × extent}
 * array that packs itself into contiguous panels for a {@link DoubleMicroKernel}. Implementations read the
 * caller's storage in place (centring or gathering rows on the fly), so no operand is ever copied whole.
 */
interface PanelSource {

    /** Length of the summed index k. */
    int depth();

    /** Length of the free index (rows of C for the a-side, columns for the b-side). */
    int extent();

    /**
     * Writes {@code dst[dstOff + r*width + i] = element(k0 + r, i0 + i)} for {@code r < kc, i < width},
     * with zeros where {@code i0 + i >= extent()}.
     *
     * @param dst destination panel. Modified.
     */
    void pack(int k0, int kc, int i0, int width, double[] dst, int dstOff);

    /**
     * Packs {@code count} consecutive panels, panel j holding indices {@code i0 + j*width ..} at
     * {@code dst[j*kc*width ..]}; the same as {@code count} calls of {@link #pack}, in whatever traversal
     * order reads the storage best.
     *
     * @param dst destination panels. Modified.
     */
    default void packPanels(int k0, int kc, int i0, int count, int width, double[] dst) {
        for (int j = 0; j < count; j++) {
            pack(k0, kc, i0 + j * width, width, dst, j * kc * width);
        }
    }
}
