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
     * c = a·b followed by an epilogue in the same pass, e.g. a dense layer's bias and rectifier ({@link
     * Epilogue#of}): each element is exactly what {@link #mult} followed by the separate additions and
     * {@code Math.max(0, ·)} gives.
     *
     * @param a        m×k. Not modified.
     * @param b        k×n. Not modified.
     * @param epilogue its bias, if any, has n values
     * @param c        m×n, reshaped. Modified.
     */
    public static void mult(FMatrixRMaj a, FMatrixRMaj b, Epilogue epilogue, FMatrixRMaj c, KernelThreads t) {
        run(ProductForm.PLAIN, a, b, c, false, epilogue, t, KERNEL);
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
        run(form, a, b, c, accumulate, Epilogue.NONE, t, kernel);
    }

    static void run(ProductForm form, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, boolean accumulate,
            Epilogue epilogue, KernelThreads t, FloatKernel kernel) {
        form.prepare(a, b, c, accumulate);
        int m = form.rows(a);
        int n = form.cols(b);
        int k = form.inner(a);
        requireBias(epilogue, n, "columns");
        boolean transA = form == ProductForm.TRANS_A;
        boolean transB = form == ProductForm.TRANS_B;
        product(a.data, transA ? 1 : k, transA ? m : 1, null, b.data, transB ? 1 : n, transB ? k : 1, null, c, m, n,
                k, accumulate, epilogue, t, kernel);
    }

    private static void requireBias(Epilogue epilogue, int n, String what) {
        if (epilogue.bias != null && epilogue.bias.length < n) {
            throw new IllegalArgumentException(n + " " + what + " need " + n + " bias values, got "
                    + epilogue.bias.length);
        }
    }

    /** The kernel's product for non-negative shapes; c already has its shape. */
    private static void product(float[] a, int aRow, int aCol, ImagePatches aPatches, float[] b, int bRow, int bCol,
            ImagePatches bPatches, FMatrixRMaj c, int m, int n, int k, boolean accumulate, Epilogue epilogue,
            KernelThreads t, FloatKernel kernel) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                Arrays.fill(c.data, 0, m * n, 0f);
            }
            epilogue.applyRows(c.data, n, 0, m);
            return;
        }
        kernel.product(a, aRow, aCol, aPatches, b, bRow, bCol, bPatches, c.data, m, n, k, accumulate, epilogue, t);
    }

    /**
     * A convolution as one product over the whole batch, without writing the lowered matrix:
     * {@code out = L·w}, L the {@code (batch·Ho·Wo) × (kh·kw·C)} lowered matrix of the images ({@link ImagePatches}),
     * so that out is the NHWC output. Each output element is one chain of fused multiply-adds (or, in plain Java,
     * of separately rounded products and sums) over the patch columns in increasing order, whatever the threads.
     *
     * @param images  at least {@code batch} NHWC images of the patches' geometry. Not modified.
     * @param weights {@code (kh·kw·C) × F}. Not modified.
     * @param out     reshaped to {@code (batch·Ho·Wo) × F}. Modified.
     */
    public static void convolve(ImagePatches patches, float[] images, int batch, FMatrixRMaj weights,
            FMatrixRMaj out, KernelThreads t) {
        convolve(patches, images, batch, weights, Epilogue.NONE, out, t, KERNEL);
    }

    /**
     * A convolution followed by an epilogue in the same pass, e.g. its bias and rectifier
     * ({@link Epilogue#of}): each element is exactly what {@link #convolve} followed by the separate additions and
     * maxima gives, but the output is written once, each tile while it is still in cache.
     *
     * @param epilogue its bias, if any, has F values
     */
    public static void convolve(ImagePatches patches, float[] images, int batch, FMatrixRMaj weights,
            Epilogue epilogue, FMatrixRMaj out, KernelThreads t) {
        convolve(patches, images, batch, weights, epilogue, out, t, KERNEL);
    }

    static void convolve(ImagePatches patches, float[] images, int batch, FMatrixRMaj weights, Epilogue epilogue,
            FMatrixRMaj out, KernelThreads t, FloatKernel kernel) {
        ImageLowering.Geometry g = patches.geometry();
        if (weights.numRows != g.patchSize()) {
            throw new IllegalArgumentException("a " + g.patchSize() + "-value patch needs " + g.patchSize()
                    + " weight rows, got " + weights.numRows);
        }
        int m = batch * g.outPixels();
        int n = weights.numCols;
        requireBias(epilogue, n, "filters");
        out.reshape(m, n);
        product(images, 0, 0, patches, weights.data, n, 1, null, out, m, n, g.patchSize(), false, epilogue, t,
                kernel);
    }

    /**
     * The weight gradient of a convolution, transposed: {@code c = aᵀ·L}, or {@code c += aᵀ·L}, L the lowered
     * matrix of the images as in {@link #convolve}; with {@code a} the output gradient, c is {@code dWᵀ}.
     *
     * @param a      {@code (batch·Ho·Wo) × F}. Not modified.
     * @param images at least {@code batch} NHWC images of the patches' geometry. Not modified.
     * @param c      {@code F × (kh·kw·C)}, reshaped when not accumulating. Modified.
     */
    public static void multTransAPatches(FMatrixRMaj a, ImagePatches patches, float[] images, int batch,
            FMatrixRMaj c, boolean accumulate, KernelThreads t) {
        multTransAPatches(a, patches, images, batch, c, accumulate, t, KERNEL);
    }

    static void multTransAPatches(FMatrixRMaj a, ImagePatches patches, float[] images, int batch, FMatrixRMaj c,
            boolean accumulate, KernelThreads t, FloatKernel kernel) {
        ImageLowering.Geometry g = patches.geometry();
        int k = batch * g.outPixels();
        if (a.numRows != k || c == a) {
            throw new IllegalArgumentException("aᵀ·L over " + k + " pixel rows with a " + a.numRows + "×"
                    + a.numCols + (c == a ? " that is also the output" : ""));
        }
        int m = a.numCols;
        int n = g.patchSize();
        if (!accumulate) {
            c.reshape(m, n);
        } else if (c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("aᵀ·L accumulates into a " + m + "×" + n + " matrix, got "
                    + c.numRows + "×" + c.numCols);
        }
        product(a.data, 1, m, null, images, 0, 0, patches, c, m, n, k, accumulate, Epilogue.NONE, t, kernel);
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
