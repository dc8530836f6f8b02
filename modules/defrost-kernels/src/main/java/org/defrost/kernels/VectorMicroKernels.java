package org.defrost.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked micro-kernels: an MR×NR tile of c, held in vector registers, accumulates the product of a
 * packed sliver of op(a) (MR rows of {@link #PITCH} floats, the inner index running along each row:
 * {@link PanelPacking#packRows}, {@link ImagePatches}) and a packed panel of op(b) (NR values per inner step,
 * {@link PanelPacking#packColumns}). Each element is one chain of fused
 * multiply-adds in increasing inner index, starting from the tile's previous value ({@code load}) or zero.
 * The tile shape follows the vector width: 8×2 vectors where 512-bit vectors (and so 32 registers) exist,
 * else 6×2 vectors, which fits the 16 registers of AVX2.
 */
final class VectorMicroKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() >= 16
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    /** Rows of a tile. */
    static final int MR = S.length() >= 16 ? 8 : 6;
    /** Columns of a tile: two vectors. */
    static final int NR = 2 * S.length();
    /**
     * Distance between the rows of a packed sliver, at least the longest inner block. Rows rather than
     * interleaved columns let a sliver be packed by copying runs of the operand's rows (the receptive fields of
     * an image, or a row-major matrix); a constant distance keeps the kernel's loads at fixed offsets from one
     * index, as fast as an interleaved sliver. Not a power of two, so that the rows do not share cache sets.
     */
    static final int PITCH = 520;

    private VectorMicroKernels() {
    }

    /**
     * c tile (MR×NR at {@code cOff}, row stride {@code ldc}) = (load ? c tile : 0) + sliver · panel.
     *
     * @param ap packed sliver from {@code aOff}: element (r, p) at {@code aOff + r·PITCH + p}. Not modified.
     * @param bp packed panel from 0, kc·NR values. Not modified.
     * @param c  output tile. Modified.
     */
    static void tile(float[] ap, int aOff, float[] bp, int kc, float[] c, int cOff, int ldc, boolean load) {
        if (MR == 8) {
            micro8x2(ap, aOff, bp, kc, c, cOff, ldc, load);
        } else {
            micro6x2(ap, aOff, bp, kc, c, cOff, ldc, load);
        }
    }

    /** 8×2 vectors; for 32 vector registers (AVX-512), 16 of them accumulators. */
    static void micro8x2(float[] ap, int aOff, float[] bp, int kc, float[] c, int cOff, int ldc, boolean load) {
        int l = S.length();
        FloatVector c00;
        FloatVector c01;
        FloatVector c10;
        FloatVector c11;
        FloatVector c20;
        FloatVector c21;
        FloatVector c30;
        FloatVector c31;
        FloatVector c40;
        FloatVector c41;
        FloatVector c50;
        FloatVector c51;
        FloatVector c60;
        FloatVector c61;
        FloatVector c70;
        FloatVector c71;
        if (load) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc + 0 * l);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + 1 * l);
            c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc + 0 * l);
            c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + 1 * l);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 0 * l);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 1 * l);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 0 * l);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 1 * l);
            c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc + 0 * l);
            c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + 1 * l);
            c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc + 0 * l);
            c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + 1 * l);
            c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc + 0 * l);
            c61 = FloatVector.fromArray(S, c, cOff + 6 * ldc + 1 * l);
            c70 = FloatVector.fromArray(S, c, cOff + 7 * ldc + 0 * l);
            c71 = FloatVector.fromArray(S, c, cOff + 7 * ldc + 1 * l);
        } else {
            c00 = FloatVector.zero(S);
            c01 = FloatVector.zero(S);
            c10 = FloatVector.zero(S);
            c11 = FloatVector.zero(S);
            c20 = FloatVector.zero(S);
            c21 = FloatVector.zero(S);
            c30 = FloatVector.zero(S);
            c31 = FloatVector.zero(S);
            c40 = FloatVector.zero(S);
            c41 = FloatVector.zero(S);
            c50 = FloatVector.zero(S);
            c51 = FloatVector.zero(S);
            c60 = FloatVector.zero(S);
            c61 = FloatVector.zero(S);
            c70 = FloatVector.zero(S);
            c71 = FloatVector.zero(S);
        }
        for (int p = 0, ai = aOff, bi = 0; p < kc; p++, ai++, bi += 2 * l) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi + 0 * l);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + 1 * l);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1 * PITCH]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2 * PITCH]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3 * PITCH]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4 * PITCH]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5 * PITCH]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[ai + 6 * PITCH]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[ai + 7 * PITCH]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(c, cOff + 0 * ldc + 0 * l);
        c01.intoArray(c, cOff + 0 * ldc + 1 * l);
        c10.intoArray(c, cOff + 1 * ldc + 0 * l);
        c11.intoArray(c, cOff + 1 * ldc + 1 * l);
        c20.intoArray(c, cOff + 2 * ldc + 0 * l);
        c21.intoArray(c, cOff + 2 * ldc + 1 * l);
        c30.intoArray(c, cOff + 3 * ldc + 0 * l);
        c31.intoArray(c, cOff + 3 * ldc + 1 * l);
        c40.intoArray(c, cOff + 4 * ldc + 0 * l);
        c41.intoArray(c, cOff + 4 * ldc + 1 * l);
        c50.intoArray(c, cOff + 5 * ldc + 0 * l);
        c51.intoArray(c, cOff + 5 * ldc + 1 * l);
        c60.intoArray(c, cOff + 6 * ldc + 0 * l);
        c61.intoArray(c, cOff + 6 * ldc + 1 * l);
        c70.intoArray(c, cOff + 7 * ldc + 0 * l);
        c71.intoArray(c, cOff + 7 * ldc + 1 * l);
    }

    /** 6×2 vectors; for 16 vector registers (AVX2), 12 of them accumulators. */
    static void micro6x2(float[] ap, int aOff, float[] bp, int kc, float[] c, int cOff, int ldc, boolean load) {
        int l = S.length();
        FloatVector c00;
        FloatVector c01;
        FloatVector c10;
        FloatVector c11;
        FloatVector c20;
        FloatVector c21;
        FloatVector c30;
        FloatVector c31;
        FloatVector c40;
        FloatVector c41;
        FloatVector c50;
        FloatVector c51;
        if (load) {
            c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc + 0 * l);
            c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + 1 * l);
            c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc + 0 * l);
            c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + 1 * l);
            c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 0 * l);
            c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + 1 * l);
            c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 0 * l);
            c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + 1 * l);
            c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc + 0 * l);
            c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + 1 * l);
            c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc + 0 * l);
            c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + 1 * l);
        } else {
            c00 = FloatVector.zero(S);
            c01 = FloatVector.zero(S);
            c10 = FloatVector.zero(S);
            c11 = FloatVector.zero(S);
            c20 = FloatVector.zero(S);
            c21 = FloatVector.zero(S);
            c30 = FloatVector.zero(S);
            c31 = FloatVector.zero(S);
            c40 = FloatVector.zero(S);
            c41 = FloatVector.zero(S);
            c50 = FloatVector.zero(S);
            c51 = FloatVector.zero(S);
        }
        for (int p = 0, ai = aOff, bi = 0; p < kc; p++, ai++, bi += 2 * l) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi + 0 * l);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + 1 * l);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1 * PITCH]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2 * PITCH]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3 * PITCH]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4 * PITCH]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5 * PITCH]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(c, cOff + 0 * ldc + 0 * l);
        c01.intoArray(c, cOff + 0 * ldc + 1 * l);
        c10.intoArray(c, cOff + 1 * ldc + 0 * l);
        c11.intoArray(c, cOff + 1 * ldc + 1 * l);
        c20.intoArray(c, cOff + 2 * ldc + 0 * l);
        c21.intoArray(c, cOff + 2 * ldc + 1 * l);
        c30.intoArray(c, cOff + 3 * ldc + 0 * l);
        c31.intoArray(c, cOff + 3 * ldc + 1 * l);
        c40.intoArray(c, cOff + 4 * ldc + 0 * l);
        c41.intoArray(c, cOff + 4 * ldc + 1 * l);
        c50.intoArray(c, cOff + 5 * ldc + 0 * l);
        c51.intoArray(c, cOff + 5 * ldc + 1 * l);
    }

    /**
     * Applies the epilogue to a full MR×NR tile of c whose first column is column {@code j0} of c.
     *
     * @param c output; the tile at {@code cOff}, rows {@code ldc} apart, is modified
     */
    static void finish(float[] c, int cOff, int ldc, Epilogue epilogue, int j0) {
        int l = S.length();
        FloatVector zero = FloatVector.zero(S);
        FloatVector b0 = epilogue.bias == null ? zero : FloatVector.fromArray(S, epilogue.bias, j0);
        FloatVector b1 = epilogue.bias == null ? zero : FloatVector.fromArray(S, epilogue.bias, j0 + l);
        for (int r = 0; r < MR; r++) {
            int o = cOff + r * ldc;
            FloatVector v0 = FloatVector.fromArray(S, c, o);
            FloatVector v1 = FloatVector.fromArray(S, c, o + l);
            if (epilogue.bias != null) {
                v0 = v0.add(b0);
                v1 = v1.add(b1);
            }
            if (epilogue.rectify) {
                // lane-wise Math.max: NaN stays NaN, max(0, -0) is +0, as in the scalar epilogue
                v0 = zero.max(v0);
                v1 = zero.max(v1);
            }
            v0.intoArray(c, o);
            v1.intoArray(c, o + l);
        }
    }
}
