package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.defrost.tasks.LabelledSet;
import org.junit.jupiter.api.Test;

class StandardiserTest {
    /** Rows 0..3 of 3 features; feature 2 is constant. */
    private static final LabelledSet DATA = new LabelledSet(new float[] {
        1, 10, 5,
        3, 30, 5,
        5, 50, 5,
        1000, 1000, 1000}, new int[4], 3);
    private static final int[] SOURCE_ROWS = {0, 1, 2};

    @Test
    void globalUsesOneMeanAndDeviationOverTheListedRowsOnly() {
        Standardiser s = Standardiser.fit(Standardisation.GLOBAL, DATA, SOURCE_ROWS);
        double mean = (1 + 10 + 5 + 3 + 30 + 5 + 5 + 50 + 5) / 9.0;
        double var = 0;
        for (int i = 0; i < 9; i++) {
            var += Math.pow(DATA.inputs()[i] - mean, 2);
        }
        assertEquals(mean, s.mean()[0], 1e-5);
        assertEquals(1 / Math.sqrt(var / 9), s.scale()[0], 1e-6);
        float[] row = {(float) mean, 0, 0};
        s.apply(row);
        assertEquals(0f, row[0], 1e-6f);
    }

    @Test
    void perFeatureCentresAConstantFeatureWithoutScalingIt() {
        Standardiser s = Standardiser.fit(Standardisation.PER_FEATURE, DATA, SOURCE_ROWS);
        assertArrayEquals(new float[] {3, 30, 5}, s.mean(), 1e-6f);
        assertEquals(1 / Math.sqrt(8 / 3.0), s.scale()[0], 1e-6);
        assertEquals(1f, s.scale()[2]);
        float[] row = {5, 10, 5};
        s.apply(row);
        assertArrayEquals(new float[] {(float) (2 / Math.sqrt(8 / 3.0)), (float) (-20 / Math.sqrt(800 / 3.0)), 0},
                row, 1e-5f);
    }

    @Test
    void noneLeavesInputsAlone() {
        float[] row = {1, 2, 3};
        Standardiser.fit(Standardisation.NONE, DATA, SOURCE_ROWS).apply(row);
        assertArrayEquals(new float[] {1, 2, 3}, row);
    }
}
