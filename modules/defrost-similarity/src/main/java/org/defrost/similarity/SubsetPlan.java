package org.defrost.similarity;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.defrost.spi.Seed;

/**
 * How the neighbour-based measures, whose cost grows as n², split many points into random subsets.
 *
 * <p>With {@code n <= maxSize} all points form one set. Otherwise the points are shuffled with
 * {@code seed.derive("similarity-subsets")} and dealt into {@code m = ⌈n / maxSize⌉} disjoint subsets whose
 * sizes differ by at most one (so each has between {@code maxSize/2} and {@code maxSize} points). Every
 * point is used exactly once and the subsets are independent samples of the data, so the spread of the
 * per-subset values gives an honest standard error of their mean. A fixed number of overlapping subsets
 * would reuse points and understate that error; more, smaller subsets would change what is estimated
 * (neighbour ranks depend on the sample size). Within a subset the indices are sorted, so ties between
 * equal distances are broken by the original row order.
 *
 * @param maxSize largest subset, from 3 to {@link #LARGEST_SIZE}
 * @param seed    seed of the shuffle; the same seed and n always give the same subsets
 */
public record SubsetPlan(int maxSize, Seed seed) {
    /** Subsets of up to 2,000 points, as in the reference implementation of the information imbalance. */
    public static final int DEFAULT_MAX_SIZE = 2000;
    /** Largest subset whose {@code n × n} distance matrix fits in one Java array. */
    public static final int LARGEST_SIZE = 46_340;

    public SubsetPlan {
        if (maxSize < 3 || maxSize > LARGEST_SIZE) {
            throw new InvalidSimilarityInputException("subset size must be between 3 and " + LARGEST_SIZE + ", got "
                    + maxSize);
        }
        if (seed == null) {
            throw new InvalidSimilarityInputException("subset seed must not be null");
        }
    }

    /** Subsets of at most 2,000 points, shuffled with seed 0. */
    public static SubsetPlan standard() {
        return new SubsetPlan(DEFAULT_MAX_SIZE, Seed.of(0));
    }

    /** Number of subsets for n points. */
    public int count(int n) {
        return n <= maxSize ? 1 : (n + maxSize - 1) / maxSize;
    }

    /** The subsets of rows {@code 0 .. n-1}: disjoint, covering all rows, each sorted ascending. */
    public int[][] partition(int n) {
        int m = count(n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (m == 1) {
            return new int[][] {order};
        }
        SplittableRandom random = seed.derive("similarity-subsets").generator();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[][] subsets = new int[m][];
        int start = 0;
        for (int s = 0; s < m; s++) {
            int size = n / m + (s < n % m ? 1 : 0);
            subsets[s] = Arrays.copyOfRange(order, start, start + size);
            Arrays.sort(subsets[s]);
            start += size;
        }
        return subsets;
    }
}
