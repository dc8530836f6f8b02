package org.defrost.tasks.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.defrost.spi.Seed;

/**
 * One resampling of a fixed labelled set: a stratified test set, and the rest as a target pool in stratified
 * order. Each class gives {@code floor(testFraction · m_c)} rows to the test set, and the rows left over to reach
 * {@code round(testFraction · N)} go to the classes with the largest remainders (ties to the smaller class index),
 * so the test set has the class proportions of the data to within one row per class. The pool's rows are ordered
 * so that every class is spread evenly through it: row {@code j} (0-based, in a random order within its class) of
 * a class with {@code p_c} pool rows sits at position {@code (j + u_c) / p_c}, {@code u_c} a random phase per class.
 * Any prefix of the pool (a target training set) and any suffix (its validation rows) then holds each class in
 * proportion to within about one row. Everything is drawn from the seed: a different seed is a different
 * resampling of the same examples, not a fresh draw of new ones.
 *
 * @param test indices into the data of the test rows, ascending
 * @param pool indices into the data of the pool rows, in stratified order
 */
public record StratifiedResample(int[] test, int[] pool) {

    /**
     * Draws the resampling of {@code labels}.
     *
     * @param labels       class index of each example, in {@code 0..classes-1}. Not modified.
     * @param testFraction share of the examples held out for testing, in [0, 1]
     * @throws IllegalArgumentException when a label is outside the classes or the fraction outside [0, 1]
     */
    public static StratifiedResample draw(int[] labels, int classes, double testFraction, Seed seed) {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1], got " + testFraction);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside 0.." + (classes - 1));
            }
            byClass.get(labels[i]).add(i);
        }
        int[] testCounts = testCounts(byClass, labels.length, testFraction);
        SplittableRandom random = seed.generator();
        List<Integer> test = new ArrayList<>();
        List<double[]> placed = new ArrayList<>(); // {position, class, row}
        for (int c = 0; c < classes; c++) {
            int[] rows = byClass.get(c).stream().mapToInt(Integer::intValue).toArray();
            shuffle(rows, random);
            for (int j = 0; j < testCounts[c]; j++) {
                test.add(rows[j]);
            }
            int poolRows = rows.length - testCounts[c];
            double phase = random.nextDouble();
            for (int j = 0; j < poolRows; j++) {
                placed.add(new double[] {(j + phase) / poolRows, c, rows[testCounts[c] + j]});
            }
        }
        placed.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
        int[] pool = placed.stream().mapToInt(a -> (int) a[2]).toArray();
        int[] testRows = test.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new StratifiedResample(testRows, pool);
    }

    /** Rows of the test set for {@code examples} examples: {@code round(testFraction · examples)}. */
    public static int testSize(int examples, double testFraction) {
        return (int) Math.round(testFraction * examples);
    }

    /** Test rows per class: floors of the class's share, then the largest remainders up to the rounded total. */
    private static int[] testCounts(List<List<Integer>> byClass, int total, double testFraction) {
        int classes = byClass.size();
        int[] counts = new int[classes];
        double[] remainders = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            double share = testFraction * byClass.get(c).size();
            counts[c] = (int) Math.floor(share);
            remainders[c] = share - counts[c];
            assigned += counts[c];
        }
        int wanted = testSize(total, testFraction);
        Integer[] order = new Integer[classes];
        Arrays.setAll(order, c -> c);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(c -> -remainders[c]).thenComparingInt(c -> c));
        for (int k = 0; assigned < wanted && k < classes; k++) {
            int c = order[k];
            if (counts[c] < byClass.get(c).size()) {
                counts[c]++;
                assigned++;
            }
        }
        return counts;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
