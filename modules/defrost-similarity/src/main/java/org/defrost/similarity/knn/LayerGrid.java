package org.defrost.similarity.knn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-subset values of neighbour-based measures over all layer pairs (two-representation measures, both
 * directions for asymmetric ones) and all single layers (one-representation measures).
 */
public final class LayerGrid {
    private final int subsets;
    private final Map<NeighbourMeasure, double[][][]> forward = new HashMap<>();
    private final Map<NeighbourMeasure, double[][][]> reverse = new HashMap<>();
    private final Map<NeighbourMeasure, double[][]> first = new HashMap<>();
    private final Map<NeighbourMeasure, double[][]> second = new HashMap<>();

    LayerGrid(List<? extends NeighbourMeasure> measures, int firstLayers, int secondLayers, int subsets) {
        this.subsets = subsets;
        for (NeighbourMeasure m : measures) {
            if (m.comparesTwo()) {
                forward.put(m, new double[firstLayers][secondLayers][subsets]);
                if (!m.symmetric()) {
                    reverse.put(m, new double[firstLayers][secondLayers][subsets]);
                }
            } else {
                first.put(m, new double[firstLayers][subsets]);
                second.put(m, new double[secondLayers][subsets]);
            }
        }
    }

    /** Number of subsets each value was computed on. */
    public int subsets() {
        return subsets;
    }

    /** Per-subset values of m(first layer i → second layer j). */
    public double[] forward(NeighbourMeasure m, int i, int j) {
        return forward.get(m)[i][j];
    }

    /** Per-subset values of m(second layer j → first layer i), for asymmetric measures. */
    public double[] reverse(NeighbourMeasure m, int i, int j) {
        return reverse.get(m)[i][j];
    }

    /** Per-subset values of a one-representation measure on first layer i. */
    public double[] first(NeighbourMeasure m, int i) {
        return first.get(m)[i];
    }

    /** Per-subset values of a one-representation measure on second layer j. */
    public double[] second(NeighbourMeasure m, int j) {
        return second.get(m)[j];
    }

    void setForward(NeighbourMeasure m, int i, int j, int s, double v) {
        forward.get(m)[i][j][s] = v;
    }

    void setReverse(NeighbourMeasure m, int i, int j, int s, double v) {
        reverse.get(m)[i][j][s] = v;
    }

    void setFirst(NeighbourMeasure m, int i, int s, double v) {
        first.get(m)[i][s] = v;
    }

    void setSecond(NeighbourMeasure m, int j, int s, double v) {
        second.get(m)[j][s] = v;
    }
}
