package org.defrost.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {
    private final ValidationSplit split = ValidationSplit.DEFAULT;

    @Test
    void countIsFifteenPercentAtLeastFiftyButNeverMoreThanHalf() {
        assertEquals(0, split.validationCount(0));
        assertEquals(0, split.validationCount(1));
        assertEquals(25, split.validationCount(50));
        assertEquals(50, split.validationCount(100));
        assertEquals(50, split.validationCount(200));
        assertEquals(50, split.validationCount(333));
        assertEquals(51, split.validationCount(334));
        assertEquals(150, split.validationCount(1000));
        assertEquals(1500, split.validationCount(10_000));
    }

    @Test
    void fractionTimesSizeIsRoundedUpExactly() {
        ValidationSplit noMinimum = new ValidationSplit(0.15, 0);
        // 0.15 * 20 is 3.0000000000000004 in binary floating point.
        assertEquals(3, noMinimum.validationCount(20));
        assertEquals(4, noMinimum.validationCount(21));
    }

    @Test
    void countGrowsByZeroOrOneSoEveryRowHasAFixedRole() {
        for (int n = 0; n < 3000; n++) {
            int step = split.validationCount(n + 1) - split.validationCount(n);
            assertTrue(step == 0 || step == 1, "step at " + n);
        }
    }

    @Test
    void bothPartsAreNestedAndTogetherFormThePrefix() {
        int[] sizes = {50, 100, 200, 500, 1000, 2000};
        for (int i = 0; i + 1 < sizes.length; i++) {
            int small = sizes[i];
            int large = sizes[i + 1];
            assertSubset(split.trainingRows(small), split.trainingRows(large));
            assertSubset(split.validationRows(small), split.validationRows(large));
        }
        for (int n : sizes) {
            int[] all = IntStream.concat(Arrays.stream(split.trainingRows(n)), Arrays.stream(split.validationRows(n)))
                    .sorted().toArray();
            assertArrayEquals(IntStream.range(0, n).toArray(), all);
            assertEquals(split.validationCount(n), split.validationRows(n).length);
        }
    }

    private static void assertSubset(int[] small, int[] large) {
        for (int r : small) {
            assertTrue(Arrays.binarySearch(large, r) >= 0, "row " + r + " missing from the larger set");
        }
    }

    @Test
    void applyTakesTheRowsByPosition() {
        int n = 120;
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int r = 0; r < n; r++) {
            x[2 * r] = r;
            x[2 * r + 1] = -r;
            y[r] = r % 2;
        }
        ValidationSplit.Split s = split.apply(new LabelledSet(x, y, 2));
        int[] validation = split.validationRows(n);
        assertEquals(validation.length, s.validation().size());
        for (int i = 0; i < validation.length; i++) {
            assertEquals(validation[i], s.validation().inputs()[2 * i]);
            assertEquals(validation[i] % 2, s.validation().labels()[i]);
        }
        assertEquals(n - validation.length, s.training().size());
    }

    @Test
    void rejectsAFractionOutsideTheUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ValidationSplit(1.5, 50));
        assertTrue(e.getMessage().contains("validation fraction"));
    }
}
