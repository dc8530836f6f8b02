package org.defrost.tasks.data;

/** Input changes on flattened images. */
public final class ImageTransforms {
    private ImageTransforms() {
    }

    /**
     * {@code out[j] = in[permutation[j]]}.
     *
     * @param in          length N. Not modified.
     * @param permutation a permutation of 0..N-1. Not modified.
     * @param out         length N, distinct from {@code in}. Modified.
     */
    public static void permute(float[] in, int[] permutation, float[] out) {
        for (int j = 0; j < out.length; j++) {
            out[j] = in[permutation[j]];
        }
    }

    /**
     * Rotates a square image counter-clockwise by {@code degrees} about its centre, as displayed with row 0 at
     * the top: output pixel (r, c) takes the bilinear interpolation of the input at the point that the rotation
     * carries onto (r, c); points outside the input read 0.
     *
     * @param in   side x side, row-major. Not modified.
     * @param out  side x side, row-major, distinct from {@code in}. Modified.
     */
    public static void rotate(float[] in, int side, double degrees, float[] out) {
        double radians = Math.toRadians(degrees);
        double cos = StrictMath.cos(radians);
        double sin = StrictMath.sin(radians);
        double centre = (side - 1) / 2.0;
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double x = c - centre;
                double y = centre - r;
                // Inverse rotation (by -angle) finds where the output pixel comes from.
                double sx = cos * x + sin * y;
                double sy = -sin * x + cos * y;
                out[r * side + c] = bilinear(in, side, centre - sy, sx + centre);
            }
        }
    }

    private static float bilinear(float[] in, int side, double row, double col) {
        int r0 = (int) Math.floor(row);
        int c0 = (int) Math.floor(col);
        double fr = row - r0;
        double fc = col - c0;
        double v = (1 - fr) * ((1 - fc) * pixel(in, side, r0, c0) + fc * pixel(in, side, r0, c0 + 1))
                + fr * ((1 - fc) * pixel(in, side, r0 + 1, c0) + fc * pixel(in, side, r0 + 1, c0 + 1));
        return (float) v;
    }

    private static double pixel(float[] in, int side, int r, int c) {
        return r < 0 || c < 0 || r >= side || c >= side ? 0 : in[r * side + c];
    }
}
