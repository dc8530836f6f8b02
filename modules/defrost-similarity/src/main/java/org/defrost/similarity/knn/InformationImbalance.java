package org.defrost.similarity.knn;

import org.defrost.similarity.SubsetPlan;

/**
 * Information imbalance Δ(A→B) (Glielmo et al., PNAS Nexus 2022): for every point i take its k nearest
 * neighbours j in A and the rank {@code r_B(i, j)} of j among i's neighbours in B (1 = nearest, Euclidean
 * distance, ties as in {@link NeighbourTable}); {@code Δ = 2 · mean r_B / n} over all i and their k neighbours,
 * with n the number of points in the subset. Δ(A→A) = 2/n for k = 1, (k+1)/n in general; Δ ≈ 1 when B
 * is unrelated to A. Near 0: A's neighbourhoods predict B's. Asymmetric.
 */
public final class InformationImbalance extends NeighbourMeasure {
    public static final String NAME = "information-imbalance";
    public static final int DEFAULT_K = 1;

    public InformationImbalance(int k, SubsetPlan subsets) {
        super(NAME, Kind.ASYMMETRIC, k, subsets);
    }

    @Override
    public boolean needsDistances() {
        return true;
    }

    @Override
    public double evaluate(NeighbourTable a, NeighbourTable b, int[] rows) {
        int n = a.size();
        int k = k();
        long[] rankSums = new long[n];
        a.threads().forRanges(n, (long) n * n, (from, to) -> {
            int[] targets = new int[k];
            int[] ranks = new int[k];
            for (int i = from; i < to; i++) {
                for (int m = 0; m < k; m++) {
                    targets[m] = a.neighbour(i, m);
                }
                b.rankAmongNeighbours(i, targets, k, ranks);
                for (int r : ranks) {
                    rankSums[i] += r;
                }
            }
        });
        long rankSum = 0;
        for (long s : rankSums) {
            rankSum += s;
        }
        double meanRank = (double) rankSum / ((double) n * k);
        return 2 * meanRank / n;
    }
}
