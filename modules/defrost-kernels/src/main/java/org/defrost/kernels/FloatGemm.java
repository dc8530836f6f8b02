package org.defrost.kernels;

import java.util.Arrays;
import org.ejml.data.FMatrixRMaj;

/**
 * float32 matrix products on row-major EJML matrices, for the training loop.
 *
 * <p>Results are bit-identical whatever the number of threads: every output element is summed over the inner
 * dimension in the same order however the work is split. With {@code accumulate == false} the output is
 * reshaped to the product's shape; with {@code accumulate == true} it must already have that shape and the
 * product is added to it. The operands are not modified and must not be the output.
 *
 * <p>The implementation uses the Vector API when the {@code jdk.incubator.vector} module is present at run
 * time and plain Java loops otherwise; the system property {@code defrost.kernels=plain|vector} forces one.
 *
 * <p>Packing buffers are per thread and reused: once they have grown to the largest shapes, a product that
 * runs on the caller allocates nothing, and one split across {@link KernelThreads} allocates two small
 * objects. The Vector API kernel allocates a box per vector operation until the JIT has compiled it (the
 * first few hundred calls), so time it after a warm-up.
 */
public final class FloatGemm {
    private static final FloatKernel KERNEL = VectorSupport.ENABLED
            ? VectorSupport.create("VectorFloatKernel", FloatKernel.class) : new PlainFloatKernel();

    private FloatGemm() {
    }

    /**
     * c = a·b, or c += a·b.
     *
     * @param a m×k. Not modified.
     * @param b k×n. Not modified.
     * @param c m×n. Modified.
     */
    public static void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean accumulate, KernelThreads t) {
        run(ProductForm.PLAIN, a, b, c, accumulate, t);
    }

    /**
     * c = aᵀ·b, or c += aᵀ·b.
     *
     * @param a k×m. Not modified.
     * @param b k×n. Not modified.
     * @param c m×n. Modified.
     */
    public static void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean accumulate,
            KernelThreads t) {
        run(ProductForm.TRANS_A, a, b, c, accumulate, t);
    }

    /**
     * c = a·bᵀ, or c += a·bᵀ.
     *
     * @param a m×k. Not modified.
     * @param b n×k. Not modified.
     * @param c m×n. Modified.
     */
    public static void multTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean accumulate,
            KernelThreads t) {
        run(ProductForm.TRANS_B, a, b, c, accumulate, t);
    }

    /** The implementation in use: "vector" or "plain". */
    public static String implementation() {
        return KERNEL.name();
    }

    static void run(ProductForm form, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean accumulate,
            KernelThreads t, FloatKernel kernel) {
        form.prepare(a, b, c, accumulate);
        int m = form.rows(a);
        int n = form.cols(b);
        int k = form.inner(a);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                Arrays.fill(c.data, 0, m * n, 0f);
            }
            return;
        }
        kernel.product(form, a.data, b.data, c.data, m, n, k, accumulate, t);
    }

    private static void run(ProductForm form, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean accumulate,
            KernelThreads t) {
        run(form, a, b, c, accumulate, t, KERNEL);
    }

    /** The kernel for a {@code defrost.kernels} value (null: automatic); see {@link VectorSupport}. */
    static FloatKernel select(String forced) {
        return VectorSupport.enabled(forced) ? VectorSupport.create("VectorFloatKernel", FloatKernel.class)
                : new PlainFloatKernel();
    }
}
