package org.defrost.kernels;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * float64 matrix products with the contract of {@link FloatGemm}, for reference computations and gradient
 * checks. Plain loops: each element is summed in increasing order of the inner index, so results do not
 * depend on the number of threads.
 */
public final class DoubleGemm {
    private DoubleGemm() {
    }

    /**
     * c = a·b, or c += a·b.
     *
     * @param a m×k. Not modified.
     * @param b k×n. Not modified.
     * @param c m×n. Modified.
     */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean accumulate, KernelThreads t) {
        run(ProductForm.PLAIN, a, b, c, accumulate, t);
    }

    /**
     * c = aᵀ·b, or c += aᵀ·b.
     *
     * @param a k×m. Not modified.
     * @param b k×n. Not modified.
     * @param c m×n. Modified.
     */
    public static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean accumulate,
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
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean accumulate,
            KernelThreads t) {
        run(ProductForm.TRANS_B, a, b, c, accumulate, t);
    }

    private static void run(ProductForm form, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean accumulate,
            KernelThreads t) {
        form.prepare(a, b, c, accumulate);
        int m = form.rows(a);
        int n = form.cols(b);
        int k = form.inner(a);
        if (m == 0 || n == 0) {
            return;
        }
        int parts = t.partsFor((long) m * n * k, m);
        if (parts == 1) {
            rows(form, a.data, b.data, c.data, m, n, k, accumulate, 0, m);
        } else {
            t.run(parts, (w, ws) -> rows(form, a.data, b.data, c.data, m, n, k, accumulate,
                    KernelThreads.bound(m, w, ws), KernelThreads.bound(m, w + 1, ws)));
        }
    }

    /** Rows [i0, i1) of c. */
    private static void rows(ProductForm form, double[] a, double[] b, double[] c, int m, int n, int k,
            boolean accumulate, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            int ci = i * n;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + n, 0.0);
            }
            for (int p = 0; p < k; p++) {
                double aip = form == ProductForm.TRANS_A ? a[p * m + i] : a[i * k + p];
                if (form == ProductForm.TRANS_B) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[j * k + p];
                    }
                } else {
                    int bp = p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }
    }
}
