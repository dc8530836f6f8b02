package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImageTransformsTest {
    /** A 4 x 4 image with distinct values 1..16, row 0 at the top. */
    private static final float[] IMAGE = {
        1, 2, 3, 4,
        5, 6, 7, 8,
        9, 10, 11, 12,
        13, 14, 15, 16};

    @Test
    void quarterTurnEqualsTheExactCounterClockwiseRotation() {
        float[] out = new float[16];
        ImageTransforms.rotate(IMAGE, 4, 90, out);
        // numpy.rot90: the right column becomes the top row.
        float[] expected = {
            4, 8, 12, 16,
            3, 7, 11, 15,
            2, 6, 10, 14,
            1, 5, 9, 13};
        assertArrayEquals(expected, out, 1e-5f);
    }

    @Test
    void zeroAndFullTurnsKeepTheImage() {
        float[] out = new float[16];
        ImageTransforms.rotate(IMAGE, 4, 0, out);
        assertArrayEquals(IMAGE, out);
        ImageTransforms.rotate(IMAGE, 4, 360, out);
        assertArrayEquals(IMAGE, out, 1e-5f);
    }

    @Test
    void halfPixelShiftInterpolatesAndOutsideReadsZero() {
        // 3 x 3 image of ones turned by 45 degrees: the centre stays 1, while output corner (0, 0) comes from
        // row 1 - sqrt(2), column 1, above the image, and blends row 0 (value 1) with zero outside.
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        float[] out = new float[9];
        ImageTransforms.rotate(ones, 3, 45, out);
        assertEquals(1f, out[4], 1e-6f);
        double frac = Math.sqrt(2) - 1;
        assertEquals(1 - frac, out[0], 1e-6);
    }

    @Test
    void permutationPicksTheListedFeatures() {
        float[] out = new float[4];
        ImageTransforms.permute(new float[] {10, 20, 30, 40}, new int[] {3, 0, 2, 1}, out);
        assertArrayEquals(new float[] {40, 10, 30, 20}, out);
    }
}
