package org.defrost.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products of {@link VectorFloatKernel} too thin for packed panels: one output column (a matrix times a
 * vector, such as a one-unit readout layer and its weight gradient) or one inner index (an outer product, such
 * as the input gradient below that readout). Packed, nearly every value would be copied (and transposed) for
 * one multiply-add, and 15 of the 16 columns of each tile would be padding; here each operand is read in place.
 * Every element of c is the same chain of fused multiply-adds in increasing inner index as in the panel kernel,
 * starting from c or zero, so results are the same bits. Loaded only with the {@code jdk.incubator.vector}
 * module.
 */
final class ThinProducts {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Rows of a matrix-vector product whose sums run at once, as independent chains. */
    private static final int CHAINS = 8;

    private ThinProducts() {
    }

    /** Whether {@link #product} computes this product: no image patches, and one output column or inner index. */
    static boolean handles(ImagePatches aPatches, ImagePatches bPatches, int n, int k) {
        return aPatches == null && bPatches == null && (n == 1 || k == 1);
    }

    /**
     * c (m×n, row-major) (= or +=) op(a)·op(b), then the epilogue; element (i, p) of op(a) at
     * {@code a[i·aRow + p·aCol]}, element (p, j) of op(b) at {@code b[p·bRow + j·bCol]}. Rows are split across
     * the threads when the product is large enough.
     */
    static void product(float[] a, int aRow, int aCol, float[] b, int bRow, int bCol, float[] c, int m, int n,
            int k, boolean accumulate, Epilogue epilogue, KernelThreads threads) {
        long work = (long) m * n * k;
        if (!threads.splits(m, work)) { // no lambda: a product on one thread allocates nothing
            rows(a, aRow, aCol, b, bRow, bCol, c, n, k, accumulate, epilogue, 0, m);
            return;
        }
        threads.forRanges(m, work, (i0, i1) -> rows(a, aRow, aCol, b, bRow, bCol, c, n, k, accumulate, epilogue,
                i0, i1));
    }

    private static void rows(float[] a, int aRow, int aCol, float[] b, int bRow, int bCol, float[] c, int n, int k,
            boolean accumulate, Epilogue epilogue, int i0, int i1) {
        if (k == 1) {
            outer(a, aRow, b, bCol, c, n, accumulate, i0, i1);
        } else if (aRow == 1) {
            columnCombination(a, aCol, b, bRow, c, k, accumulate, i0, i1);
        } else {
            rowDots(a, aRow, b, bRow, c, k, accumulate, i0, i1);
        }
        if (!epilogue.none()) {
            epilogue.applyRows(c, n, i0, i1);
        }
    }

    /** One inner index: c[i, j] = fma(a[i], b[j], c[i, j] or 0). */
    private static void outer(float[] a, int aRow, float[] b, int bCol, float[] c, int n, boolean accumulate,
            int i0, int i1) {
        int l = S.length();
        int vectorEnd = bCol == 1 ? n - n % l : 0;
        for (int i = i0; i < i1; i++) {
            float ai = a[i * aRow];
            FloatVector av = FloatVector.broadcast(S, ai);
            int o = i * n;
            for (int j = 0; j < vectorEnd; j += l) {
                FloatVector start = accumulate ? FloatVector.fromArray(S, c, o + j) : FloatVector.zero(S);
                av.fma(FloatVector.fromArray(S, b, j), start).intoArray(c, o + j);
            }
            for (int j = vectorEnd; j < n; j++) {
                c[o + j] = Math.fma(ai, b[j * bCol], accumulate ? c[o + j] : 0f);
            }
        }
    }

    /**
     * One output column, op(a) read down its columns (unit row stride): c[i0..i1) is built as a combination of
     * the columns of op(a), inner index by inner index, each lane its own chain.
     */
    private static void columnCombination(float[] a, int aCol, float[] b, int bRow, float[] c, int k,
            boolean accumulate, int i0, int i1) {
        if (!accumulate) {
            Arrays.fill(c, i0, i1, 0f);
        }
        int l = S.length();
        int vectorEnd = i1 - (i1 - i0) % l;
        for (int p = 0; p < k; p++) {
            float bp = b[p * bRow];
            FloatVector bv = FloatVector.broadcast(S, bp);
            int o = p * aCol;
            for (int i = i0; i < vectorEnd; i += l) {
                FloatVector.fromArray(S, a, o + i).fma(bv, FloatVector.fromArray(S, c, i)).intoArray(c, i);
            }
            for (int i = vectorEnd; i < i1; i++) {
                c[i] = Math.fma(a[o + i], bp, c[i]);
            }
        }
    }

    /**
     * One output column, op(a) read along its rows (unit column stride): dot products of rows with the vector,
     * {@value #CHAINS} rows at a time so that their chains overlap.
     */
    private static void rowDots(float[] a, int aRow, float[] b, int bRow, float[] c, int k, boolean accumulate,
            int i0, int i1) {
        int i = i0;
        for (; i + CHAINS <= i1; i += CHAINS) {
            float s0 = accumulate ? c[i] : 0f;
            float s1 = accumulate ? c[i + 1] : 0f;
            float s2 = accumulate ? c[i + 2] : 0f;
            float s3 = accumulate ? c[i + 3] : 0f;
            float s4 = accumulate ? c[i + 4] : 0f;
            float s5 = accumulate ? c[i + 5] : 0f;
            float s6 = accumulate ? c[i + 6] : 0f;
            float s7 = accumulate ? c[i + 7] : 0f;
            int o = i * aRow;
            for (int p = 0; p < k; p++) {
                float bp = b[p * bRow];
                s0 = Math.fma(a[o + p], bp, s0);
                s1 = Math.fma(a[o + aRow + p], bp, s1);
                s2 = Math.fma(a[o + 2 * aRow + p], bp, s2);
                s3 = Math.fma(a[o + 3 * aRow + p], bp, s3);
                s4 = Math.fma(a[o + 4 * aRow + p], bp, s4);
                s5 = Math.fma(a[o + 5 * aRow + p], bp, s5);
                s6 = Math.fma(a[o + 6 * aRow + p], bp, s6);
                s7 = Math.fma(a[o + 7 * aRow + p], bp, s7);
            }
            c[i] = s0;
            c[i + 1] = s1;
            c[i + 2] = s2;
            c[i + 3] = s3;
            c[i + 4] = s4;
            c[i + 5] = s5;
            c[i + 6] = s6;
            c[i + 7] = s7;
        }
        for (; i < i1; i++) {
            float s = accumulate ? c[i] : 0f;
            int o = i * aRow;
            for (int p = 0; p < k; p++) {
                s = Math.fma(a[o + p], b[p * bRow], s);
            }
            c[i] = s;
        }
    }
}
