package org.defrost.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 micro-kernels on the Vector API, with the tile shapes of {@link VectorMicroKernels}: 8 × 2 vectors
 * (8 × 16) where 512-bit vectors and so 32 vector registers exist, else 6 × 2 vectors (6 × 8 on 256-bit
 * vectors), whose 12 accumulators, two loads and one broadcast fit the 16 registers of AVX2. The 8 × 16 tile
 * was measured as fast in L1 as wider ones (8 × 24, 6 × 32), while its 16-column panels divide the usual
 * layer widths (128, 256, 512) exactly and a {@code 192 × 16} b-panel (24 KiB) stays in a 32 KiB L1 cache.
 * Loaded only when the vector kernels run ({@link VectorSupport}). The accumulators are loaded from and
 * stored to C inline: passing vectors to a helper method makes C2 box them, which was measured ten times
 * slower.
 */
final class VectorDoubleMicroKernel extends DoubleMicroKernel {
    private static final VectorSpecies<Double> S = VectorSupport.BITS >= 512
            ? DoubleVector.SPECIES_512 : DoubleVector.SPECIES_256;
    /** Lanes of one vector. */
    private static final int L = S.length();
    static final int MR = L >= 8 ? 8 : 6;
    static final int NR = 2 * L;

    VectorDoubleMicroKernel() {
        super(MR, NR);
    }

    @Override
    void multiply(double[] a, int ao, double[] b, int bo, int kc, double[] c, int co, int ldc, boolean accumulate) {
        if (MR == 8) {
            multiply8(a, ao, b, bo, kc, c, co, ldc, accumulate);
        } else {
            multiply6(a, ao, b, bo, kc, c, co, ldc, accumulate);
        }
    }

    /** 8 × 2 vectors: 16 accumulators, two loads and eight broadcasts per 16 fused multiply-adds. */
    private static void multiply8(double[] a, int ao, double[] b, int bo, int kc, double[] c, int co, int ldc,
                                  boolean accumulate) {
        int o0 = co, o1 = co + ldc, o2 = co + 2 * ldc, o3 = co + 3 * ldc;
        int o4 = co + 4 * ldc, o5 = co + 5 * ldc, o6 = co + 6 * ldc, o7 = co + 7 * ldc;
        DoubleVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (accumulate) {
            c00 = DoubleVector.fromArray(S, c, o0);
            c01 = DoubleVector.fromArray(S, c, o0 + L);
            c10 = DoubleVector.fromArray(S, c, o1);
            c11 = DoubleVector.fromArray(S, c, o1 + L);
            c20 = DoubleVector.fromArray(S, c, o2);
            c21 = DoubleVector.fromArray(S, c, o2 + L);
            c30 = DoubleVector.fromArray(S, c, o3);
            c31 = DoubleVector.fromArray(S, c, o3 + L);
            c40 = DoubleVector.fromArray(S, c, o4);
            c41 = DoubleVector.fromArray(S, c, o4 + L);
            c50 = DoubleVector.fromArray(S, c, o5);
            c51 = DoubleVector.fromArray(S, c, o5 + L);
            c60 = DoubleVector.fromArray(S, c, o6);
            c61 = DoubleVector.fromArray(S, c, o6 + L);
            c70 = DoubleVector.fromArray(S, c, o7);
            c71 = DoubleVector.fromArray(S, c, o7 + L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z;
            c01 = z;
            c10 = z;
            c11 = z;
            c20 = z;
            c21 = z;
            c30 = z;
            c31 = z;
            c40 = z;
            c41 = z;
            c50 = z;
            c51 = z;
            c60 = z;
            c61 = z;
            c70 = z;
            c71 = z;
        }
        for (int r = 0; r < kc; r++) {
            int bi = bo + r * NR;
            int ai = ao + r * MR;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(S, a[ai + 1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(S, a[ai + 2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(S, a[ai + 3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
            x = DoubleVector.broadcast(S, a[ai + 4]);
            c40 = b0.fma(x, c40); c41 = b1.fma(x, c41);
            x = DoubleVector.broadcast(S, a[ai + 5]);
            c50 = b0.fma(x, c50); c51 = b1.fma(x, c51);
            x = DoubleVector.broadcast(S, a[ai + 6]);
            c60 = b0.fma(x, c60); c61 = b1.fma(x, c61);
            x = DoubleVector.broadcast(S, a[ai + 7]);
            c70 = b0.fma(x, c70); c71 = b1.fma(x, c71);
        }
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L);
        c60.intoArray(c, o6); c61.intoArray(c, o6 + L);
        c70.intoArray(c, o7); c71.intoArray(c, o7 + L);
    }

    /** 6 × 2 vectors: 12 accumulators, two loads and six broadcasts per 12 fused multiply-adds. */
    private static void multiply6(double[] a, int ao, double[] b, int bo, int kc, double[] c, int co, int ldc,
                                  boolean accumulate) {
        int o0 = co, o1 = co + ldc, o2 = co + 2 * ldc, o3 = co + 3 * ldc, o4 = co + 4 * ldc, o5 = co + 5 * ldc;
        DoubleVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (accumulate) {
            c00 = DoubleVector.fromArray(S, c, o0);
            c01 = DoubleVector.fromArray(S, c, o0 + L);
            c10 = DoubleVector.fromArray(S, c, o1);
            c11 = DoubleVector.fromArray(S, c, o1 + L);
            c20 = DoubleVector.fromArray(S, c, o2);
            c21 = DoubleVector.fromArray(S, c, o2 + L);
            c30 = DoubleVector.fromArray(S, c, o3);
            c31 = DoubleVector.fromArray(S, c, o3 + L);
            c40 = DoubleVector.fromArray(S, c, o4);
            c41 = DoubleVector.fromArray(S, c, o4 + L);
            c50 = DoubleVector.fromArray(S, c, o5);
            c51 = DoubleVector.fromArray(S, c, o5 + L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            c00 = z;
            c01 = z;
            c10 = z;
            c11 = z;
            c20 = z;
            c21 = z;
            c30 = z;
            c31 = z;
            c40 = z;
            c41 = z;
            c50 = z;
            c51 = z;
        }
        // The a-offset is the loop variable and the b-offset follows it: indexing with r * 6 lets C2 rewrite the
        // multiplication as shifts, after which it no longer removes the bounds checks of a from the loop. This
        // form was measured about 30% faster on panels in L1, and 10-20% faster in whole products.
        int bi = bo;
        int end = ao + kc * 6;
        for (int ai = ao; ai < end; ai += 6) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(S, a[ai + 1]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(S, a[ai + 2]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(S, a[ai + 3]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
            x = DoubleVector.broadcast(S, a[ai + 4]);
            c40 = b0.fma(x, c40); c41 = b1.fma(x, c41);
            x = DoubleVector.broadcast(S, a[ai + 5]);
            c50 = b0.fma(x, c50); c51 = b1.fma(x, c51);
            bi += NR;
        }
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L);
    }
}
