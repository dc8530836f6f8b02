package org.defrost.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TargetSplitTest {
    private final TargetSplit split = TargetSplit.DEFAULT;

    @Test
    void defaultRuleIsAQuarterOfTheTrainingSetAndAtLeastFifty() {
        assertEquals(50, split.validationCount(40));
        assertEquals(50, split.validationCount(200));
        assertEquals(51, split.validationCount(201));
        assertEquals(250, split.validationCount(1000));
        assertEquals(40, split.trainingCount(40));
        assertEquals(90, split.rowsNeeded(40));
    }

    @Test
    void sizeCountsTrainingRowsExactlyAndValidationComesFromTheEndOfThePool() {
        int pool = 1000;
        for (int n : new int[] {1, 40, 60, 300, 750}) {
            int[] training = split.trainingRows(n, pool);
            int[] validation = split.validationRows(n, pool);
            assertArrayEquals(IntStream.range(0, n).toArray(), training);
            assertEquals(split.validationCount(n), validation.length);
            assertEquals(pool - 1, validation[validation.length - 1]);
            assertTrue(validation[0] >= n, "disjoint from the training rows at n = " + n);
        }
    }

    @Test
    void trainingAndValidationRowsAreNestedAndNeverSwapRolesAcrossSizes() {
        int pool = 500;
        int[] sizes = {10, 60, 150, 300, 400};
        Set<Integer> everTraining = new HashSet<>();
        Set<Integer> everValidation = new HashSet<>();
        for (int i = 0; i < sizes.length; i++) {
            int[] t = split.trainingRows(sizes[i], pool);
            int[] v = split.validationRows(sizes[i], pool);
            Arrays.stream(t).forEach(everTraining::add);
            Arrays.stream(v).forEach(everValidation::add);
            if (i > 0) {
                Set<Integer> largerT = new HashSet<>();
                Arrays.stream(t).forEach(largerT::add);
                Set<Integer> largerV = new HashSet<>();
                Arrays.stream(v).forEach(largerV::add);
                for (int r : split.trainingRows(sizes[i - 1], pool)) {
                    assertTrue(largerT.contains(r));
                }
                for (int r : split.validationRows(sizes[i - 1], pool)) {
                    assertTrue(largerV.contains(r));
                }
            }
        }
        everTraining.retainAll(everValidation);
        assertTrue(everTraining.isEmpty(), "rows used both ways: " + everTraining);
    }

    @Test
    void fromTheBudgetTheValidationRowsAreTakenOutOfTheNExamples() {
        TargetSplit budget = new TargetSplit(0.25, 50, true);
        assertEquals(20, budget.validationCount(40), "capped at half of the budget");
        assertEquals(20, budget.trainingCount(40));
        assertEquals(40, budget.rowsNeeded(40));
        assertEquals(250, budget.validationCount(1000));
        assertEquals(750, budget.trainingCount(1000));
        int[] t = budget.trainingRows(1000, 1000);
        int[] v = budget.validationRows(1000, 1000);
        assertEquals(1000, t.length + v.length);
        assertTrue(IntStream.concat(Arrays.stream(t), Arrays.stream(v)).allMatch(r -> r < 1000));
        assertEquals(1000, IntStream.concat(Arrays.stream(t), Arrays.stream(v)).distinct().count());
    }

    @Test
    void aPoolTooSmallForTrainingPlusValidationIsRefusedWithTheFix() {
        assertNull(split.problem(150, 200));
        String problem = split.problem(160, 200);
        assertEquals("target size 160 and its 50 validation rows need 210 rows of the target pool, which has 200; "
                + "enlarge the task's targetPoolSize to at least 210, use smaller sizes, or lower validationFraction or "
                + "validationMinimum", problem);
        assertTrue(new TargetSplit(0.25, 50, true).problem(300, 200).startsWith("target size 300 needs 300 rows of the "
                + "target pool, which has 200;"));
        assertThrows(IllegalArgumentException.class, () -> split.trainingRows(160, 200));
        assertTrue(new TargetSplit(0.5, 1, true).problem(0, 10).contains("leaves no example to train on"));
        assertEquals(1, new TargetSplit(0.5, 1, true).trainingCount(1), "the budget's validation share is capped at half");
    }

    @Test
    void largestSizeIsTheBiggestNWhoseRowsFit() {
        assertEquals(1600, split.largestSize(2000));
        assertEquals(2000, split.rowsNeeded(1600));
        assertEquals(50, split.largestSize(100));
        assertEquals(0, split.largestSize(50));
        assertEquals(2000, new TargetSplit(0.25, 50, true).largestSize(2000));
    }

    @Test
    void selectsTheRowsOfALabelledSet() {
        float[] x = new float[10];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i;
            y[i] = i % 2;
        }
        ValidationSplit.Split s = new TargetSplit(0.5, 1, false).apply(new LabelledSet(x, y, 1), 4);
        assertArrayEquals(new float[] {0, 1, 2, 3}, s.training().inputs());
        assertArrayEquals(new float[] {8, 9}, s.validation().inputs());
    }
}
