package org.defrost.similarity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.defrost.spi.Seed;
import org.junit.jupiter.api.Test;

class SubsetPlanTest {

    @Test
    void atMostMaxSizePointsFormOneSetInRowOrder() {
        int[][] p = new SubsetPlan(10, Seed.of(1)).partition(10);
        assertEquals(1, p.length);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, p[0]);
    }

    @Test
    void morePointsAreDealtIntoDisjointSortedSubsetsOfNearlyEqualSize() {
        SubsetPlan plan = new SubsetPlan(2000, Seed.of(5));
        int[][] p = plan.partition(5000);
        assertEquals(3, p.length);
        assertEquals(3, plan.count(5000));
        boolean[] seen = new boolean[5000];
        for (int[] subset : p) {
            assertTrue(subset.length == 1666 || subset.length == 1667);
            int[] sorted = subset.clone();
            Arrays.sort(sorted);
            assertArrayEquals(sorted, subset);
            for (int i : subset) {
                assertFalse(seen[i], "row " + i + " in two subsets");
                seen[i] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    @Test
    void theSameSeedGivesTheSameSubsetsAndAnotherSeedOthers() {
        int[][] a = new SubsetPlan(30, Seed.of(8)).partition(100);
        int[][] b = new SubsetPlan(30, Seed.of(8)).partition(100);
        int[][] c = new SubsetPlan(30, Seed.of(9)).partition(100);
        assertTrue(Arrays.deepEquals(a, b));
        assertFalse(Arrays.deepEquals(a, c));
        assertEquals(4, a.length);
    }

    @Test
    void aSubsetSizeBelowThreeIsRejected() {
        InvalidSimilarityInputException e = assertThrows(InvalidSimilarityInputException.class,
                () -> new SubsetPlan(2, Seed.of(0)));
        assertEquals("subset size must be between 3 and 46340, got 2", e.getMessage());
    }
}
