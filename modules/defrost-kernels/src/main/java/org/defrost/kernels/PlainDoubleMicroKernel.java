package org.defrost.kernels;

/**
 * A 4 × 4 kernel in plain Java, used when the JDK's vector module is not available. Sixteen scalar
 * accumulators fit in registers, so each packed value is loaded once per four multiply-adds.
 */
final class PlainDoubleMicroKernel extends DoubleMicroKernel {
    static final int MR = 4;
    static final int NR = 4;

    PlainDoubleMicroKernel() {
        super(MR, NR);
    }

    @Override
    void multiply(double[] a, int ao, double[] b, int bo, int kc, double[] c, int co, int ldc, boolean accumulate) {
        int o1 = co + ldc, o2 = co + 2 * ldc, o3 = co + 3 * ldc;
        // Sums continue from the tile's values, so a depth cut into blocks sums in the same order as one block.
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        if (accumulate) {
            c00 = c[co]; c01 = c[co + 1]; c02 = c[co + 2]; c03 = c[co + 3];
            c10 = c[o1]; c11 = c[o1 + 1]; c12 = c[o1 + 2]; c13 = c[o1 + 3];
            c20 = c[o2]; c21 = c[o2 + 1]; c22 = c[o2 + 2]; c23 = c[o2 + 3];
            c30 = c[o3]; c31 = c[o3 + 1]; c32 = c[o3 + 2]; c33 = c[o3 + 3];
        }
        for (int r = 0; r < kc; r++) {
            int ai = ao + r * MR;
            int bi = bo + r * NR;
            double b0 = b[bi], b1 = b[bi + 1], b2 = b[bi + 2], b3 = b[bi + 3];
            double a0 = a[ai], a1 = a[ai + 1], a2 = a[ai + 2], a3 = a[ai + 3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        storeRow(c, co, c00, c01, c02, c03);
        storeRow(c, o1, c10, c11, c12, c13);
        storeRow(c, o2, c20, c21, c22, c23);
        storeRow(c, o3, c30, c31, c32, c33);
    }

    private static void storeRow(double[] c, int o, double v0, double v1, double v2, double v3) {
        c[o] = v0;
        c[o + 1] = v1;
        c[o + 2] = v2;
        c[o + 3] = v3;
    }
}
