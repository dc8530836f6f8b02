package org.defrost.kernels;

/** One implementation of the float32 products behind {@link FloatGemm}. */
interface FloatKernel {
    /**
     * c (= or +=) op(a)·op(b) for non-empty shapes, with the operand layout given by {@code form}.
     *
     * @param a          row-major; m×k, or k×m for {@link ProductForm#TRANS_A}. Not modified.
     * @param b          row-major; k×n, or n×k for {@link ProductForm#TRANS_B}. Not modified.
     * @param c          row-major m×n in its first m·n elements. Modified.
     * @param accumulate add to c instead of overwriting it
     */
    void product(ProductForm form, float[] a, float[] b, float[] c, int m, int n, int k, boolean accumulate,
            KernelThreads threads);

    /** "vector" or "plain". */
    String name();
}
