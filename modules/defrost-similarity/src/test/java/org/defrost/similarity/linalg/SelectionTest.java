package org.defrost.similarity.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void selectReturnsTheSortedValueAtEveryRankWithDuplicates() {
        SplittableRandom random = new SplittableRandom(11);
        for (int length : new int[] {1, 2, 3, 10, 101}) {
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                values[i] = random.nextInt(5);
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            for (int k = 0; k < length; k++) {
                assertEquals(sorted[k], Selection.select(values.clone(), length, k), 0.0);
            }
        }
    }

    @Test
    void selectHandlesSortedAndReversedInput() {
        double[] ascending = new double[1000];
        double[] descending = new double[1000];
        for (int i = 0; i < 1000; i++) {
            ascending[i] = i;
            descending[i] = 999 - i;
        }
        assertEquals(500, Selection.select(ascending, 1000, 500), 0.0);
        assertEquals(17, Selection.select(descending, 1000, 17), 0.0);
    }
}
