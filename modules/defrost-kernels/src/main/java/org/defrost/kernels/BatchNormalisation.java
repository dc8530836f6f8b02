package org.defrost.kernels;

/**
 * Batch normalisation over the columns of a {@code pixels × C} array (one statistic per channel), written once for
 * both precisions ({@link ElementOps}). Statistics are accumulated in double, each channel's sum in pixel order, in
 * one pass over the array per statistic; on {@link KernelThreads} the statistics are split by channels and the
 * normalisation by pixels, so every value is computed by one thread in a fixed order and results are bit-identical
 * for any number of threads.
 */
public final class BatchNormalisation {
    private BatchNormalisation() {
    }

    /** Two per-channel sums in double, the scratch of one layer, allocated once so that passes allocate nothing. */
    public static final class ChannelSums {
        private final double[] first;
        private final double[] second;

        /** Room for {@code channels} channels. */
        public ChannelSums(int channels) {
            first = new double[channels];
            second = new double[channels];
        }

        private void check(int channels) {
            if (channels > first.length) {
                throw new IllegalArgumentException(channels + " channels, room for " + first.length);
            }
        }
    }

    /**
     * {@code y = γ·x̂ + β}. In training mode {@code x̂ = (x − μ_B)/sqrt(σ²_B + ε)} with the batch's mean and biased
     * variance, and the running statistics move by {@code m ← (1 − momentum)·m + momentum·μ_B},
     * {@code v ← (1 − momentum)·v + momentum·σ²_B·P/(P − 1)} (PyTorch's rule, P = pixels). Otherwise the running
     * statistics normalise and are not modified.
     *
     * @param x      {@code pixels × C} in its first elements. Not modified.
     * @param gamma  C values; @param beta C values. Not modified.
     * @param mean   running mean, C values; @param variance running variance, C values. Modified in training.
     * @param xhat   receives x̂ (same layout as x). Modified.
     * @param centre receives the mean used per channel, C values. Modified.
     * @param invStd receives {@code 1/sqrt(σ² + ε)} per channel, of the statistics used. Modified.
     * @param y      receives y (same layout as x; may not be x). Modified.
     * @param sums   scratch for at least C channels. Modified.
     */
    public static <A> void forward(A x, int pixels, int channels, A gamma, A beta, A mean, A variance,
                                   boolean training, double momentum, double eps, A xhat, A centre, A invStd, A y,
                                   ChannelSums sums, ElementOps<A> ops, KernelThreads threads) {
        sums.check(channels);
        if (training) {
            // mean and biased variance per channel, two passes in double
            double[] mu = sums.first;
            columns(Statistic.SUM, x, null, pixels, channels, null, mu, ops, threads);
            for (int ch = 0; ch < channels; ch++) {
                mu[ch] /= pixels;
            }
            columns(Statistic.SQUARED_DEVIATIONS, x, null, pixels, channels, mu, sums.second, ops, threads);
            for (int ch = 0; ch < channels; ch++) {
                double var = sums.second[ch] / pixels;
                ops.set(invStd, ch, 1 / Math.sqrt(var + eps));
                double unbiased = pixels > 1 ? var * pixels / (pixels - 1) : var;
                ops.set(mean, ch, (1 - momentum) * ops.get(mean, ch) + momentum * mu[ch]);
                ops.set(variance, ch, (1 - momentum) * ops.get(variance, ch) + momentum * unbiased);
                ops.set(centre, ch, mu[ch]);
            }
        } else {
            for (int ch = 0; ch < channels; ch++) {
                ops.set(invStd, ch, 1 / Math.sqrt(ops.get(variance, ch) + eps));
                ops.set(centre, ch, ops.get(mean, ch));
            }
        }
        long work = (long) pixels * channels;
        if (!threads.splits(pixels, work)) { // no lambda: a call on one thread allocates nothing
            normalise(x, channels, centre, invStd, gamma, beta, xhat, y, ops, 0, pixels);
        } else {
            threads.forRanges(pixels, work,
                    (p0, p1) -> normalise(x, channels, centre, invStd, gamma, beta, xhat, y, ops, p0, p1));
        }
    }

    /**
     * Gradients of {@link #forward}: {@code dγ = Σ g·x̂} and {@code dβ = Σ g} (overwritten) and, when {@code dx} is
     * not null, {@code dx = γ·s/P·(P·g − dβ − x̂·dγ)} in training mode or {@code γ·s·g} with the running statistics
     * (s = invStd). {@code g, xhat, gamma, invStd} not modified; {@code dGamma, dBeta, dx, sums} modified.
     */
    public static <A> void backward(A g, int pixels, int channels, A xhat, A gamma, A invStd, boolean training,
                                    A dGamma, A dBeta, A dx, ChannelSums sums, ElementOps<A> ops,
                                    KernelThreads threads) {
        sums.check(channels);
        columns(Statistic.SUM, g, null, pixels, channels, null, sums.first, ops, threads);
        columns(Statistic.DOT, g, xhat, pixels, channels, null, sums.second, ops, threads);
        for (int ch = 0; ch < channels; ch++) {
            ops.set(dBeta, ch, sums.first[ch]);
            ops.set(dGamma, ch, sums.second[ch]);
        }
        if (dx == null) {
            return;
        }
        long work = (long) pixels * channels;
        if (!threads.splits(pixels, work)) {
            normaliseBackward(g, pixels, channels, xhat, gamma, invStd, training, dGamma, dBeta, dx, ops, 0, pixels);
        } else {
            threads.forRanges(pixels, work, (p0, p1) -> normaliseBackward(g, pixels, channels, xhat, gamma, invStd,
                    training, dGamma, dBeta, dx, ops, p0, p1));
        }
    }

    /** A per-channel sum of {@link #columns}. */
    private enum Statistic { SUM, SQUARED_DEVIATIONS, DOT }

    /** One statistic of every channel into {@code out}, the channels split across {@code threads}. */
    private static <A> void columns(Statistic s, A a, A b, int pixels, int channels, double[] means, double[] out,
                                    ElementOps<A> ops, KernelThreads threads) {
        long work = (long) pixels * channels;
        if (!threads.splits(channels, work)) {
            column(s, a, b, pixels, channels, means, out, ops, 0, channels);
        } else {
            threads.forRanges(channels, work, (c0, c1) -> column(s, a, b, pixels, channels, means, out, ops, c0, c1));
        }
    }

    private static <A> void column(Statistic s, A a, A b, int pixels, int channels, double[] means, double[] out,
                                   ElementOps<A> ops, int c0, int c1) {
        switch (s) {
            case SUM -> ops.columnSums(a, pixels, channels, c0, c1, out);
            case SQUARED_DEVIATIONS -> ops.columnSquaredDeviations(a, pixels, channels, c0, c1, means, out);
            case DOT -> ops.columnDots(a, b, pixels, channels, c0, c1, out);
        }
    }

    /** {@link ElementOps#normalise} on pixels [p0, p1). */
    private static <A> void normalise(A x, int channels, A centre, A invStd, A gamma, A beta, A xhat, A y,
                                      ElementOps<A> ops, int p0, int p1) {
        for (int p = p0; p < p1; p++) {
            ops.normalise(x, p * channels, centre, invStd, gamma, beta, xhat, y, channels);
        }
    }

    /** {@link ElementOps#normaliseBackward} on pixels [p0, p1). */
    private static <A> void normaliseBackward(A g, int pixels, int channels, A xhat, A gamma, A invStd,
                                              boolean training, A dGamma, A dBeta, A dx, ElementOps<A> ops, int p0,
                                              int p1) {
        for (int p = p0; p < p1; p++) {
            ops.normaliseBackward(g, p * channels, xhat, gamma, invStd, dGamma, dBeta, pixels, training, dx, channels);
        }
    }
}
