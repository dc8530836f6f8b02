package org.defrost.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.defrost.spi.Seed;
import org.junit.jupiter.api.Test;

class StratifiedResampleTest {
    /** 10 rows of class 0, 7 of class 1, 3 of class 2, interleaved. */
    private static final int[] LABELS = {0, 1, 0, 2, 0, 1, 0, 1, 0, 2, 0, 1, 0, 1, 0, 2, 0, 1, 0, 1};

    @Test
    void theTestSetTakesTheFloorsOfEachClassShareThenTheLargestRemainders() {
        // 0.25 of 20 = 5 test rows: floors 2 (of 10), 1 (of 7), 0 (of 3) make 3; remainders 0.5, 0.75, 0.75 give one
        // more row each to classes 1 and 2 (ties to the smaller class index)
        StratifiedResample r = StratifiedResample.draw(LABELS, 3, 0.25, Seed.of(1));
        assertArrayEquals(new int[] {2, 2, 1}, classCounts(r.test()));
        assertEquals(15, r.pool().length);
    }

    @Test
    void everyRowIsInExactlyOneSetAndEachPrefixOfThePoolKeepsTheClassProportions() {
        StratifiedResample r = StratifiedResample.draw(LABELS, 3, 0.25, Seed.of(2));
        int[] all = Arrays.copyOf(r.test(), LABELS.length);
        System.arraycopy(r.pool(), 0, all, r.test().length, r.pool().length);
        Arrays.sort(all);
        for (int i = 0; i < all.length; i++) {
            assertEquals(i, all[i]);
        }
        int[] poolClasses = classCounts(r.pool()); // 8, 5, 2
        for (int n = 1; n <= r.pool().length; n++) {
            int[] prefix = classCounts(Arrays.copyOf(r.pool(), n));
            for (int c = 0; c < 3; c++) {
                double expected = n * poolClasses[c] / (double) r.pool().length;
                assertTrue(Math.abs(prefix[c] - expected) < 2, "n=" + n + ", class " + c + ": " + prefix[c] + " vs " + expected);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameResamplingAndAnotherSeedAnother() {
        StratifiedResample a = StratifiedResample.draw(LABELS, 3, 0.25, Seed.of(3));
        StratifiedResample b = StratifiedResample.draw(LABELS, 3, 0.25, Seed.of(3));
        assertArrayEquals(a.test(), b.test());
        assertArrayEquals(a.pool(), b.pool());
        boolean differs = false;
        for (long s = 4; s < 8 && !differs; s++) {
            differs = !Arrays.equals(a.test(), StratifiedResample.draw(LABELS, 3, 0.25, Seed.of(s)).test());
        }
        assertTrue(differs);
        assertFalse(Arrays.equals(a.pool(), StratifiedResample.draw(LABELS, 3, 0.25, Seed.of(9)).pool()));
    }

    private static int[] classCounts(int[] rows) {
        int[] counts = new int[3];
        for (int row : rows) {
            counts[LABELS[row]]++;
        }
        return counts;
    }
}
