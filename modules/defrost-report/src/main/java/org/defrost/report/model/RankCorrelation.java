package org.defrost.report.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Spearman's rank correlation and a bootstrap interval for it that resamples groups of points. */
public final class RankCorrelation {
    /** Groups a bootstrap interval needs. */
    public static final int MIN_GROUPS = 3;
    private RankCorrelation() {
    }

    /**
     * Spearman's ρ: Pearson's correlation of the ranks, tied values taking the mean of their ranks.
     *
     * @param x first variable (not modified)
     * @param y second variable, as long as {@code x} (not modified)
     * @return ρ in [-1, 1]; NaN with fewer than 3 points or when either variable is constant
     */
    public static double spearman(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("spearman: " + x.length + " x values but " + y.length + " y values");
        }
        if (x.length < 3) {
            return Double.NaN;
        }
        return pearson(ranks(x), ranks(y));
    }

    /** Ranks 1..n, ties sharing their mean rank. */
    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] rank = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = mean;
            }
            i = j + 1;
        }
        return rank;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(Double.NaN);
        double mb = Arrays.stream(b).average().orElse(Double.NaN);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /**
     * A percentile bootstrap interval for Spearman's ρ that resamples whole groups (task pairs) with replacement,
     * so that the points of one group, which share a profile, stay together. Resamples where ρ is undefined
     * (constant ranks) are left out.
     *
     * @param x          first variable per point (not modified)
     * @param y          second variable per point (not modified)
     * @param group      group index per point, 0..groups-1 (not modified)
     * @param resamples  number of bootstrap resamples
     * @param confidence e.g. 0.95
     * @param seed       seed of the resampling, so that a report is reproducible
     * @return {low, high}; NaNs with fewer than 3 groups (with 2, every resample that defines ρ repeats the full
     *         sample's value, an interval of width 0) or when no resample gives a defined ρ
     */
    public static double[] bootstrapInterval(double[] x, double[] y, int[] group, int resamples, double confidence,
                                             long seed) {
        int groups = Arrays.stream(group).max().orElse(-1) + 1;
        if (groups < MIN_GROUPS) {
            return new double[]{Double.NaN, Double.NaN};
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < group.length; i++) {
            members.get(group[i]).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] rho = new double[resamples];
        int defined = 0;
        for (int b = 0; b < resamples; b++) {
            List<Integer> picked = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                picked.addAll(members.get(random.nextInt(groups)));
            }
            double[] bx = new double[picked.size()];
            double[] by = new double[picked.size()];
            for (int i = 0; i < bx.length; i++) {
                bx[i] = x[picked.get(i)];
                by[i] = y[picked.get(i)];
            }
            double r = spearman(bx, by);
            if (!Double.isNaN(r)) {
                rho[defined++] = r;
            }
        }
        if (defined == 0) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double[] sorted = Arrays.copyOf(rho, defined);
        Arrays.sort(sorted);
        double tail = (1 - confidence) / 2;
        return new double[]{quantile(sorted, tail), quantile(sorted, 1 - tail)};
    }

    /** The q-quantile of sorted values, linear between order statistics. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
