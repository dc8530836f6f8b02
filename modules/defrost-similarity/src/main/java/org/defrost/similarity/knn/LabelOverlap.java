package org.defrost.similarity.knn;

import org.defrost.similarity.InvalidSimilarityInputException;
import org.defrost.similarity.SubsetPlan;

/**
 * Label overlap (Doimo et al., NeurIPS 2020): the fraction of each point's k nearest neighbours in A (self
 * excluded) that share its label, averaged over points. Describes one representation against labels.
 */
public final class LabelOverlap extends NeighbourMeasure {
    public static final String NAME = "label-overlap";
    public static final int DEFAULT_K = 30;

    private final int[] labels;

    /** @param labels one label per row of A. Not modified (copied). */
    public LabelOverlap(int k, int[] labels, SubsetPlan subsets) {
        super(NAME, Kind.DESCRIPTOR, k, subsets);
        this.labels = labels.clone();
    }

    @Override
    public void validate(int rows) {
        if (labels.length != rows) {
            throw new InvalidSimilarityInputException("labels has " + labels.length + " entries but the representation has "
                    + rows + " rows; give one label per row");
        }
    }

    @Override
    public double evaluate(NeighbourTable a, NeighbourTable b, int[] rows) {
        int n = a.size();
        int k = k();
        long same = 0;
        for (int i = 0; i < n; i++) {
            int label = labels[rows[i]];
            for (int m = 0; m < k; m++) {
                if (labels[rows[a.neighbour(i, m)]] == label) {
                    same++;
                }
            }
        }
        return same / ((double) n * k);
    }
}
