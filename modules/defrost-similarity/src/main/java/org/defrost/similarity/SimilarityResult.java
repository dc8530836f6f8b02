package org.defrost.similarity;

import java.util.OptionalDouble;

/**
 * The value of a measure on one pair (or one representation).
 *
 * @param measure  registry name of the measure
 * @param value    the measure's value; NaN when it is undefined for these data (e.g. CKA of a
 *                 representation with no variance)
 * @param stderr   standard error of {@code value} across random subsets of points, when the measure
 *                 was averaged over two or more subsets; empty otherwise
 * @param subsets  number of disjoint point subsets averaged (1 when all points were used together)
 */
public record SimilarityResult(String measure, double value, OptionalDouble stderr, int subsets) {

    /** A value computed on all points at once. */
    public static SimilarityResult exact(String measure, double value) {
        return new SimilarityResult(measure, value, OptionalDouble.empty(), 1);
    }

    /**
     * The mean of per-subset values, with its standard error (sample standard deviation over √m) when there
     * are m ≥ 2 subsets.
     *
     * @param perSubset one value per subset. Not modified.
     */
    public static SimilarityResult ofSubsets(String measure, double[] perSubset) {
        int m = perSubset.length;
        double sum = 0;
        for (double v : perSubset) {
            sum += v;
        }
        double mean = sum / m;
        if (m < 2) {
            return new SimilarityResult(measure, mean, OptionalDouble.empty(), m);
        }
        double squares = 0;
        for (double v : perSubset) {
            squares += (v - mean) * (v - mean);
        }
        return new SimilarityResult(measure, mean, OptionalDouble.of(Math.sqrt(squares / (m - 1) / m)), m);
    }
}
