package org.defrost.kernels;

import static org.defrost.kernels.VectorMicroKernels.MR;
import static org.defrost.kernels.VectorMicroKernels.NR;

import java.util.Arrays;

/**
 * Copies operands into the contiguous, zero-padded layouts {@link VectorMicroKernels} stream through. An operand is a
 * float array with a row stride and a column stride (element (i, p) at {@code i·rowStride + p·colStride}), so
 * transposed operands need no separate code; one of the two strides is always 1.
 *
 * <p>Where a copy transposes, it moves two rows at a time so that each step writes adjacent floats, and the
 * unit stride is written as a literal so that the JIT removes the bounds checks: together about three times
 * faster than a strided loop, which matters because packing is not amortised over many rows at batch 64.
 */
final class PanelPacking {
    private PanelPacking() {
    }

    /**
     * Packs slivers [s0, s1) of MR rows of the left operand, inner indices [pc, pc + kc): element
     * (r, p) of sliver s goes to {@code (s - s0)·MR·kc + p·MR + r}; rows at or beyond {@code rows} are zero.
     *
     * @param x      left operand; rowStride or colStride is 1. Not modified.
     * @param packed destination. Modified.
     */
    static void packRows(float[] x, int rowStride, int colStride, int rows, int pc, int kc, int s0, int s1,
            float[] packed) {
        for (int s = s0; s < s1; s++) {
            int base = (s - s0) * MR * kc;
            int i0 = s * MR;
            int valid = Math.min(MR, rows - i0);
            if (rowStride == 1) {
                for (int p = 0; p < kc; p++) {
                    int src = i0 + (pc + p) * colStride;
                    int dst = base + p * MR;
                    for (int r = 0; r < valid; r++) {
                        packed[dst + r] = x[src + r];
                    }
                    for (int r = valid; r < MR; r++) {
                        packed[dst + r] = 0f;
                    }
                }
                continue;
            }
            int r = 0;
            for (; r + 2 <= valid; r += 2) {
                int src0 = (i0 + r) * rowStride + pc;
                int src1 = src0 + rowStride;
                int dst = base + r;
                for (int p = 0; p < kc; p++) {
                    packed[dst + p * MR] = x[src0 + p];
                    packed[dst + p * MR + 1] = x[src1 + p];
                }
            }
            for (; r < valid; r++) {
                int src = (i0 + r) * rowStride + pc;
                for (int p = 0; p < kc; p++) {
                    packed[base + p * MR + r] = x[src + p];
                }
            }
            for (; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    packed[base + p * MR + r] = 0f;
                }
            }
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
