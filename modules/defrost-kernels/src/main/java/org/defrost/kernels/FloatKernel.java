package org.defrost.kernels;

/** One implementation of the float32 products behind {@link FloatGemm}. */
interface FloatKernel {
    /**
     * c (= or +=) A·B for non-empty shapes. Each operand is either a strided array or, when its patches are
     * given, the lowered matrix of the images the array holds (pixel rows × patch columns), read in place.
     *
     * @param a          A, m×k: element (i, p) at {@code a[i·aRow + p·aCol]}, or element (i, p) of {@code aPatches}
     *                   over the images in {@code a} (i the pixel row). Not modified.
     * @param b          B, k×n: element (p, j) at {@code b[p·bRow + j·bCol]}, or element (p, j) of {@code bPatches}
     *                   over the images in {@code b} (p the pixel row). Not modified.
     * @param c          row-major m×n in its first m·n elements. Modified.
     * @param accumulate add to c instead of overwriting it
     * @param epilogue   applied to every element of c once its sum is complete
     */
    void product(float[] a, int aRow, int aCol, ImagePatches aPatches, float[] b, int bRow, int bCol,
            ImagePatches bPatches, float[] c, int m, int n, int k, boolean accumulate, Epilogue epilogue,
            KernelThreads threads);

    /** "vector" or "plain". */
    String name();
}
