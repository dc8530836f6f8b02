package org.defrost.tasks;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a training set of {@code n} examples is divided into rows to fit and rows for early stopping
 * (method.md §4: 15% of the training set, at least 50 samples).
 *
 * <p>The number of validation rows is {@code v(n) = min(floor(n/2), max(minimum, ceil(fraction * n)))}:
 * the minimum is honoured while at least half of the examples remain for fitting, which matters for
 * the smallest target sets (n = 50 gives 25 + 25, n = 100 gives 50 + 50, n = 200 gives 150 + 50,
 * n = 1000 gives 850 + 150). {@code v} grows by 0 or 1 from one n to the next, so each row has a fixed
 * role: row {@code r} is a validation row exactly when {@code v(r + 1) > v(r)}. Hence, for training
 * sets that are prefixes of one pool, both the fitting rows and the validation rows of a smaller set
 * are subsets of those of any larger set, and no randomness is involved.
 *
 * @param fraction share of the training set held out, in [0, 1]
 * @param minimum  least number of validation rows (capped at half of the set), at least 0
 */
public record ValidationSplit(double fraction, int minimum) {

    /** 15% of the training set, at least 50 samples. */
    public static final ValidationSplit DEFAULT = new ValidationSplit(0.15, 50);

    public ValidationSplit {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1], got " + fraction);
        }
        if (minimum < 0) {
            throw new IllegalArgumentException("validation minimum must be >= 0, got " + minimum);
        }
    }

    /** The fitting part and the early-stopping part of one training set. */
    public record Split(LabelledSet training, LabelledSet validation) {
    }

    /** Number of validation rows for a training set of {@code n} rows. */
    public int validationCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("training set size must be >= 0, got " + n);
        }
        // Exact decimal arithmetic, so that 0.15 * 20 is 3 and not 3.0000000000000004 rounded up to 4.
        int share = BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.CEILING).intValueExact();
        return Math.min(n / 2, Math.max(minimum, share));
    }

    /** Indices of the validation rows among the first {@code n} rows, ascending. */
    public int[] validationRows(int n) {
        return rows(n, true);
    }

    /** Indices of the fitting rows among the first {@code n} rows, ascending. */
    public int[] trainingRows(int n) {
        return rows(n, false);
    }

    private int[] rows(int n, boolean validation) {
        int count = validation ? validationCount(n) : n - validationCount(n);
        int[] out = new int[count];
        int k = 0;
        int previous = 0;
        for (int r = 0; r < n; r++) {
            int next = validationCount(r + 1);
            if ((next > previous) == validation) {
                out[k++] = r;
            }
            previous = next;
        }
        return out;
    }

    /** Splits a whole training set by row position. {@code set} is not modified. */
    public Split apply(LabelledSet set) {
        return new Split(set.select(trainingRows(set.size())), set.select(validationRows(set.size())));
    }
}
