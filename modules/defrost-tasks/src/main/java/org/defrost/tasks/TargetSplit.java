package org.defrost.tasks;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Which rows of the target pool a target network of size {@code n} trains on and which it early-stops on.
 *
 * <p>By default ({@code fromBudget = false}) {@code n} counts the examples trained on, exactly: the training
 * rows are the first {@code n} rows of the pool, and the {@code v(n) = max(minimum, ceil(fraction * n))}
 * validation rows are the <em>last</em> {@code v(n)} rows of the pool. Both sets are nested in {@code n} (a
 * smaller size's rows are a subset of a larger size's), and since {@code v} grows with {@code n}, no row is
 * a training row for one size and a validation row for another as long as every size fits
 * ({@code n + v(n) <= pool}).
 *
 * <p>With {@code fromBudget = true}, {@code n} is a practitioner's whole labelled budget: the first {@code n}
 * rows of the pool are divided by {@link ValidationSplit} with the same fraction and minimum, capped at half
 * of the budget, so {@code n - v(n)} rows are trained on.
 *
 * <p>Rows of the pool are in random order (the task builders draw or shuffle them), so prefixes and suffixes
 * are random subsets.
 *
 * @param fraction   validation rows per training row (per budget row with {@code fromBudget}), in [0, 1]
 * @param minimum    least number of validation rows, at least 0
 * @param fromBudget take the validation rows out of the {@code n} examples instead of from the rest of the pool
 */
public record TargetSplit(double fraction, int minimum, boolean fromBudget) {

    /** A quarter of the training set, at least 50 rows, from the rest of the pool. */
    public static final TargetSplit DEFAULT = new TargetSplit(0.25, 50, false);

    public TargetSplit {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1], got " + fraction);
        }
        if (minimum < 0) {
            throw new IllegalArgumentException("validation minimum must be >= 0, got " + minimum);
        }
    }

    /** Number of validation rows for target size {@code n}. */
    public int validationCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("target size must be >= 0, got " + n);
        }
        if (fromBudget) {
            return budgetSplit().validationCount(n);
        }
        // Exact decimal arithmetic, so that 0.15 * 20 is 3 and not 3.0000000000000004 rounded up to 4.
        int share = BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.CEILING).intValueExact();
        return Math.max(minimum, share);
    }

    /** Number of rows trained on for target size {@code n}: {@code n}, or {@code n - v(n)} from a budget. */
    public int trainingCount(int n) {
        return fromBudget ? n - validationCount(n) : n;
    }

    /** Rows of the pool that target size {@code n} uses: {@code n} from a budget, else {@code n + v(n)}. */
    public int rowsNeeded(int n) {
        return fromBudget ? n : n + validationCount(n);
    }

    /**
     * The largest target size whose rows fit in a pool of {@code pool} rows and leave at least one row to
     * train on, or 0 when none does.
     */
    public int largestSize(int pool) {
        int lo = 0;
        int hi = pool;
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (rowsNeeded(mid) <= pool) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo > 0 && trainingCount(lo) > 0 ? lo : 0;
    }

    /**
     * Why size {@code n} cannot be taken from a pool of {@code pool} rows, naming the fix, or null when it can;
     * e.g. "target size 300 and its 75 validation rows need 375 rows of the target pool, which has 80; ...".
     */
    public String problem(int n, int pool) {
        if (trainingCount(n) < 1) {
            return "target size " + n + " leaves no example to train on once its " + validationCount(n)
                    + " validation rows are taken from it";
        }
        if (rowsNeeded(n) > pool) {
            return "target size " + n + (fromBudget ? "" : " and its " + validationCount(n) + " validation rows") + " need"
                    + (fromBudget ? "s " : " ") + rowsNeeded(n) + " rows of the target pool, which has " + pool
                    + "; enlarge the task's targetPoolSize to at least " + rowsNeeded(n) + ", use smaller sizes, or lower "
                    + "validationFraction or validationMinimum";
        }
        return null;
    }

    /** Indices into the pool of the training rows for size {@code n}, ascending. */
    public int[] trainingRows(int n, int pool) {
        requireFits(n, pool);
        if (fromBudget) {
            return budgetSplit().trainingRows(n);
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** Indices into the pool of the validation rows for size {@code n}, ascending. */
    public int[] validationRows(int n, int pool) {
        requireFits(n, pool);
        if (fromBudget) {
            return budgetSplit().validationRows(n);
        }
        int v = validationCount(n);
        int[] rows = new int[v];
        for (int i = 0; i < v; i++) {
            rows[i] = pool - v + i;
        }
        return rows;
    }

    /** The training and validation sets of size {@code n} from the whole pool. {@code pool} is not modified. */
    public ValidationSplit.Split apply(LabelledSet pool, int n) {
        return new ValidationSplit.Split(pool.select(trainingRows(n, pool.size())),
                pool.select(validationRows(n, pool.size())));
    }

    private void requireFits(int n, int pool) {
        String problem = problem(n, pool);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private ValidationSplit budgetSplit() {
        return new ValidationSplit(fraction, minimum);
    }
}
