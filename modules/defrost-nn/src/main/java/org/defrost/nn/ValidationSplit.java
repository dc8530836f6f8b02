package org.defrost.nn;

import java.util.SplittableRandom;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;

/**
 * A training set divided into the part that trains and the part that early stopping watches.
 *
 * @param train      the samples that train
 * @param validation the held-out samples
 */
public record ValidationSplit(Dataset train, Dataset validation) {

    /** The method's default held-out fraction (§4). */
    public static final double DEFAULT_FRACTION = 0.15;
    /** The method's default minimum number of held-out samples (§4). */
    public static final int DEFAULT_MINIMUM = 50;

    /**
     * Holds out {@code max(minimum, round(fraction·n))} samples, but always leaves at least one to train on,
     * chosen uniformly at random by {@code seed}; both parts keep the original order of their samples.
     * Allocates copies of the rows.
     *
     * @param data     the samples to divide. Not modified.
     * @param fraction held-out fraction in [0, 1)
     * @param minimum  the least number of held-out samples
     */
    public static ValidationSplit of(Dataset data, double fraction, int minimum, Seed seed) {
        if (!(fraction >= 0 && fraction < 1) || minimum < 0) {
            throw new IllegalArgumentException("need a fraction in [0, 1) and a minimum >= 0, got " + fraction
                    + " and " + minimum);
        }
        int n = data.size();
        int held = Math.min(n - 1, Math.max(minimum, (int) Math.round(fraction * n)));
        if (held < 1) {
            throw new IllegalArgumentException("cannot hold out validation samples from a set of " + n);
        }
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        SplittableRandom random = seed.generator();
        for (int i = 0; i < held; i++) { // partial Fisher–Yates: the first `held` slots are the held-out sample
            int j = i + random.nextInt(n - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        boolean[] isHeld = new boolean[n];
        for (int i = 0; i < held; i++) {
            isHeld[index[i]] = true;
        }
        return new ValidationSplit(select(data, isHeld, false, n - held), select(data, isHeld, true, held));
    }

    /** The split with the method's defaults: 15% held out, at least 50 samples. */
    public static ValidationSplit of(Dataset data, Seed seed) {
        return of(data, DEFAULT_FRACTION, DEFAULT_MINIMUM, seed);
    }

    private static Dataset select(Dataset data, boolean[] isHeld, boolean held, int count) {
        int cols = data.inputDim();
        FMatrixRMaj x = new FMatrixRMaj(count, cols);
        int[] y = new int[count];
        int row = 0;
        for (int i = 0; i < isHeld.length; i++) {
            if (isHeld[i] == held) {
                System.arraycopy(data.inputs().data, i * cols, x.data, row * cols, cols);
                y[row++] = data.labels()[i];
            }
        }
        return new Dataset(x, y);
    }
}
