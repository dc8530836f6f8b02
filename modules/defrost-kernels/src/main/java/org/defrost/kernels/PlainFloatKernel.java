package org.defrost.kernels;

import java.util.Arrays;

/**
 * float32 products as loops that the JIT vectorises: each row of c is built as a sum of scaled rows of op(b),
 * in increasing inner index, two rows of c and four inner indices at a time. An operand that is the lowered
 * matrix of a convolution ({@link ImagePatches}) is gathered from the images row by row: op(b) whole, op(a) two
 * rows at a time.
 *
 * <p>The JIT vectorises a loop over {@code j} only when every array in it is indexed by {@code j} itself (it
 * cannot prove that {@code c[ci + j]} and {@code b[bp + j]} never overlap), so op(b) is first copied into one
 * array per row and each row of c is accumulated in an array of its own. Every element of c is
 * {@code c + a·b} (separately rounded) applied in increasing inner index, whether its row is computed alone
 * or paired, so results do not depend on how rows are split across threads.
 */
final class PlainFloatKernel implements FloatKernel {
    @Override
    public String name() {
        return "plain";
    }

    @Override
    public void product(float[] a, int aRow, int aCol, ImagePatches aPatches, float[] b, int bRow, int bCol,
            ImagePatches bPatches, float[] c, int m, int n, int k, boolean accumulate, Epilogue epilogue,
            KernelThreads threads) {
        float[][] rowsB = Workspace.current().operandRows(k, n);
        if (bPatches != null) {
            for (int p = 0; p < k; p++) {
                bPatches.pack(b, k, p, 1, 0, n, rowsB[p], 0, n, 1);
            }
        } else if (bCol == 1) {
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, p * bRow, rowsB[p], 0, n);
            }
        } else {
            transposeInto(b, n, k, rowsB);
        }
        int parts = threads.partsFor((long) m * n * k, m);
        if (parts == 1) {
            rows(a, aRow, aCol, aPatches, rowsB, c, m, n, k, accumulate, 0, m);
            if (!epilogue.none()) {
                epilogue.applyRows(c, n, 0, m);
            }
            return;
        }
        threads.run(parts, (w, ws) -> {
            int i0 = KernelThreads.bound(m, w, ws);
            int i1 = KernelThreads.bound(m, w + 1, ws);
            rows(a, aRow, aCol, aPatches, rowsB, c, m, n, k, accumulate, i0, i1);
            if (!epilogue.none()) {
                epilogue.applyRows(c, n, i0, i1);
            }
        });
    }

    /**
     * Rows [i0, i1) of c; element (i, p) of op(a) is at {@code a[i·aRow + p·aCol]}, or element (i, p) of the
     * patches of the images in {@code a} when {@code patches} is given (then gathered two rows at a time).
     */
    private static void rows(float[] a, int aRow, int aCol, ImagePatches patches, float[][] rowsB, float[] c,
            int m, int n, int k, boolean accumulate, int i0, int i1) {
        Workspace workspace = Workspace.current();
        float[][] out = workspace.outputRows(n);
        float[] gathered = patches == null ? null : workspace.first(2 * k);
        float[] c0 = out[0];
        float[] c1 = out[1];
        int i = i0;
        for (; i < i1; i += 2) {
            boolean pair = i + 2 <= i1;
            float[] x = a;
            int a0 = i * aRow;
            int a1 = a0 + aRow;
            int col = aCol;
            if (patches != null) {
                patches.pack(a, m, i, pair ? 2 : 1, 0, k, gathered, 0, k, 1);
                x = gathered;
                a0 = 0;
                a1 = k;
                col = 1;
            }
            if (pair) {
                twoRows(x, a0, a1, col, rowsB, c, i, n, k, accumulate, c0, c1);
            } else {
                start(c, i * n, n, accumulate, c0);
                for (int p = 0; p < k; p++) {
                    float s = x[a0 + p * col];
                    float[] bp = rowsB[p];
                    for (int j = 0; j < n; j++) {
                        c0[j] += s * bp[j];
                    }
                }
                System.arraycopy(c0, 0, c, i * n, n);
            }
        }
    }

    /** Rows i and i + 1 of c, whose rows of op(a) start at {@code a[a0]} and {@code a[a1]} with step {@code col}. */
    private static void twoRows(float[] a, int a0, int a1, int aCol, float[][] rowsB, float[] c, int i, int n, int k,
            boolean accumulate, float[] c0, float[] c1) {
        start(c, i * n, n, accumulate, c0);
        start(c, (i + 1) * n, n, accumulate, c1);
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            int q = p * aCol;
            float s00 = a[a0 + q];
            float s01 = a[a0 + q + aCol];
            float s02 = a[a0 + q + 2 * aCol];
            float s03 = a[a0 + q + 3 * aCol];
            float s10 = a[a1 + q];
            float s11 = a[a1 + q + aCol];
            float s12 = a[a1 + q + 2 * aCol];
            float s13 = a[a1 + q + 3 * aCol];
            float[] b0 = rowsB[p];
            float[] b1 = rowsB[p + 1];
            float[] b2 = rowsB[p + 2];
            float[] b3 = rowsB[p + 3];
            for (int j = 0; j < n; j++) {
                float x0 = b0[j];
                float x1 = b1[j];
                float x2 = b2[j];
                float x3 = b3[j];
                c0[j] = c0[j] + s00 * x0 + s01 * x1 + s02 * x2 + s03 * x3;
                c1[j] = c1[j] + s10 * x0 + s11 * x1 + s12 * x2 + s13 * x3;
            }
        }
        for (; p < k; p++) {
            float s0 = a[a0 + p * aCol];
            float s1 = a[a1 + p * aCol];
            float[] bp = rowsB[p];
            for (int j = 0; j < n; j++) {
                c0[j] += s0 * bp[j];
                c1[j] += s1 * bp[j];
            }
        }
        System.arraycopy(c0, 0, c, i * n, n);
        System.arraycopy(c1, 0, c, (i + 1) * n, n);
    }

    /**
     * rows[p][j] = b[j·k + p] for b n×k, eight rows of the result at a time so that both the reads and the
     * writes run along memory.
     */
    private static void transposeInto(float[] b, int n, int k, float[][] rows) {
        int p0 = 0;
        for (; p0 + 8 <= k; p0 += 8) {
            float[] r0 = rows[p0];
            float[] r1 = rows[p0 + 1];
            float[] r2 = rows[p0 + 2];
            float[] r3 = rows[p0 + 3];
            float[] r4 = rows[p0 + 4];
            float[] r5 = rows[p0 + 5];
            float[] r6 = rows[p0 + 6];
            float[] r7 = rows[p0 + 7];
            for (int j = 0; j < n; j++) {
                int src = j * k + p0;
                r0[j] = b[src];
                r1[j] = b[src + 1];
                r2[j] = b[src + 2];
                r3[j] = b[src + 3];
                r4[j] = b[src + 4];
                r5[j] = b[src + 5];
                r6[j] = b[src + 6];
                r7[j] = b[src + 7];
            }
        }
        for (; p0 < k; p0++) {
            float[] r = rows[p0];
            for (int j = 0; j < n; j++) {
                r[j] = b[j * k + p0];
            }
        }
    }

    /** Loads row {@code ci / n} of c into {@code row}, or zeroes it. */
    private static void start(float[] c, int ci, int n, boolean accumulate, float[] row) {
        if (accumulate) {
            System.arraycopy(c, ci, row, 0, n);
        } else {
            Arrays.fill(row, 0, n, 0f);
        }
    }
}
