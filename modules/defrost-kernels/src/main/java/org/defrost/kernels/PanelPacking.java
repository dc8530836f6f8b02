package org.defrost.kernels;

import static org.defrost.kernels.VectorMicroKernels.MR;
import static org.defrost.kernels.VectorMicroKernels.NR;
import static org.defrost.kernels.VectorMicroKernels.PITCH;

import java.util.Arrays;

/**
 * Copies operands into the contiguous, zero-padded layouts {@link VectorMicroKernels} stream through. An operand is a
 * float array with a row stride and a column stride (element (i, p) at {@code i·rowStride + p·colStride}), so
 * transposed operands need no separate code; one of the two strides is always 1.
 *
 * <p>Where a copy transposes, it reads whole rows of the operand and moves two of them at a time, so that each
 * step writes adjacent floats, and the unit stride is written as a literal so that the JIT removes the bounds
 * checks: several times faster than a strided loop, which matters because packing is not amortised over many
 * rows at batch 64 (the transposed output gradient of a convolution's weight gradient). Where it does not, it is
 * one {@code System.arraycopy} per row or inner index.
 */
final class PanelPacking {
    private PanelPacking() {
    }

    /**
     * Packs slivers [s0, s1) of MR rows of the left operand, inner indices [pc, pc + kc): element (r, p) of
     * sliver s goes to {@code (s - s0)·MR·PITCH + r·PITCH + p}, that is row {@code (s - s0)·MR + r} of a block of
     * rows PITCH apart; rows at or beyond {@code rows} are zero.
     *
     * @param x      left operand; rowStride or colStride is 1. Not modified.
     * @param packed destination. Modified.
     */
    static void packRows(float[] x, int rowStride, int colStride, int rows, int pc, int kc, int s0, int s1,
            float[] packed) {
        // sliver s, row r is packed row (s - s0)·MR + r
        int i0 = s0 * MR;
        int valid = Math.min(s1 * MR, rows) - i0;
        if (colStride == 1) {
            for (int i = 0; i < valid; i++) {
                System.arraycopy(x, (i0 + i) * rowStride + pc, packed, i * PITCH, kc);
            }
        } else {
            // each step reads the rows' values of two inner indices, adjacent in x, and writes two adjacent
            // values of each packed row
            int p = 0;
            for (; p + 2 <= kc; p += 2) {
                int src0 = i0 + (pc + p) * colStride;
                int src1 = src0 + colStride;
                for (int i = 0; i < valid; i++) {
                    packed[i * PITCH + p] = x[src0 + i];
                    packed[i * PITCH + p + 1] = x[src1 + i];
                }
            }
            for (; p < kc; p++) {
                int src = i0 + (pc + p) * colStride;
                for (int i = 0; i < valid; i++) {
                    packed[i * PITCH + p] = x[src + i];
                }
            }
        }
        for (int i = Math.max(valid, 0); i < (s1 - s0) * MR; i++) {
            Arrays.fill(packed, i * PITCH, i * PITCH + kc, 0f);
        }
    }

    /**
     * Packs columns [j0, j0 + NR) of the right operand, inner indices [pc, pc + kc): element (p, j) goes to
     * {@code p·NR + j}; columns at or beyond {@code cols} are zero.
     *
     * @param y      right operand; rowStride or colStride is 1. Not modified.
     * @param packed destination. Modified.
     */
    static void packColumns(float[] y, int rowStride, int colStride, int cols, int pc, int kc, int j0,
            float[] packed) {
        int valid = Math.min(NR, cols - j0);
        if (colStride == 1) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(y, (pc + p) * rowStride + j0, packed, p * NR, valid);
            }
        } else {
            int j = 0;
            for (; j + 2 <= valid; j += 2) {
                int src0 = (j0 + j) * colStride + pc;
                int src1 = src0 + colStride;
                for (int p = 0; p < kc; p++) {
                    packed[p * NR + j] = y[src0 + p];
                    packed[p * NR + j + 1] = y[src1 + p];
                }
            }
            for (; j < valid; j++) {
                int src = (j0 + j) * colStride + pc;
                for (int p = 0; p < kc; p++) {
                    packed[p * NR + j] = y[src + p];
                }
            }
        }
        if (valid < NR) {
            for (int p = 0; p < kc; p++) {
                Arrays.fill(packed, p * NR + valid, (p + 1) * NR, 0f);
            }
        }
    }
}
