package org.defrost.similarity.knn;

import java.util.Arrays;
import org.defrost.similarity.SubsetPlan;

/**
 * Neighbourhood overlap χ_k (Doimo et al., NeurIPS 2020): {@code (1/n) Σ_i |N_k^A(i) ∩ N_k^B(i)| / k},
 * where {@code N_k(i)} are the k nearest neighbours of i, i itself excluded. In [0, 1]; 1 when A and B
 * have the same neighbourhoods. Symmetric.
 */
public final class NeighbourhoodOverlap extends NeighbourMeasure {
    public static final String NAME = "neighborhood-overlap";
    public static final int DEFAULT_K = 30;

    public NeighbourhoodOverlap(int k, SubsetPlan subsets) {
        super(NAME, Kind.SYMMETRIC, k, subsets);
    }

    @Override
    public double evaluate(NeighbourTable a, NeighbourTable b, int[] rows) {
        int n = a.size();
        int k = k();
        int[] common = new int[n];
        a.threads().forRanges(n, (long) n * k * 8, (from, to) -> {
            int[] na = new int[k];
            int[] nb = new int[k];
            for (int i = from; i < to; i++) {
                for (int m = 0; m < k; m++) {
                    na[m] = a.neighbour(i, m);
                    nb[m] = b.neighbour(i, m);
                }
                Arrays.sort(na);
                Arrays.sort(nb);
                int x = 0;
                int y = 0;
                while (x < k && y < k) {
                    if (na[x] == nb[y]) {
                        common[i]++;
                        x++;
                        y++;
                    } else if (na[x] < nb[y]) {
                        x++;
                    } else {
                        y++;
                    }
                }
            }
        });
        long shared = 0;
        for (int c : common) {
            shared += c;
        }
        return shared / ((double) n * k);
    }
}
