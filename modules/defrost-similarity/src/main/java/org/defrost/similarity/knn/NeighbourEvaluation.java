package org.defrost.similarity.knn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.defrost.similarity.InvalidSimilarityInputException;
import org.defrost.similarity.Representation;
import org.defrost.similarity.RepresentationPair;
import org.defrost.similarity.SimilarityResult;
import org.defrost.similarity.SubsetPlan;

/**
 * Evaluates neighbour-based measures that share one {@link SubsetPlan}: for every subset, each
 * representation's {@link NeighbourTable} is built once, with as many neighbours as the most demanding
 * measure needs, and every measure reads from it. Subsets are processed one at a time so that only one
 * subset's tables are held in memory.
 */
public final class NeighbourEvaluation {
    private NeighbourEvaluation() {
    }

    /**
     * Every measure on one pair (or on A alone for one-representation measures).
     *
     * @param measures measures sharing the same subset plan
     */
    public static Map<NeighbourMeasure, SimilarityResult> evaluate(List<? extends NeighbourMeasure> measures,
                                                                   RepresentationPair pair) {
        List<Representation> first = List.of(pair.a());
        List<Representation> second = measures.stream().filter(NeighbourMeasure::comparesTwo).findFirst()
                .map(m -> List.of(pair.requireB(m.name()))).orElse(List.of());
        // Only the forward direction is reported: asymmetric measures are not evaluated backwards.
        LayerGrid grid = evaluateGrid(measures, first, second, false);
        Map<NeighbourMeasure, SimilarityResult> results = new LinkedHashMap<>();
        for (NeighbourMeasure m : measures) {
            double[] perSubset = m.comparesTwo() ? grid.forward(m, 0, 0) : grid.first(m, 0);
            results.put(m, SimilarityResult.ofSubsets(m.name(), perSubset));
        }
        return results;
    }

    /**
     * Every measure on every pair (i, j) of layers, and every one-representation measure on every layer,
     * building each layer's table once per subset.
     *
     * @param measures measures sharing the same subset plan
     * @param first    layers of the first network; all layers have the same rows
     * @param second   layers of the second network (may be empty for one-representation measures only)
     */
    public static LayerGrid evaluateGrid(List<? extends NeighbourMeasure> measures, List<Representation> first,
                                         List<Representation> second) {
        return evaluateGrid(measures, first, second, true);
    }

    /**
     * As {@link #evaluateGrid(List, List, List)}; with {@code reverse} false, asymmetric measures are not evaluated
     * backwards and their reverse entries stay unset.
     */
    private static LayerGrid evaluateGrid(List<? extends NeighbourMeasure> measures, List<Representation> first,
                                          List<Representation> second, boolean reverse) {
        if (measures.isEmpty()) {
            throw new IllegalArgumentException("no measures to evaluate");
        }
        SubsetPlan plan = measures.get(0).subsets();
        int kMax = 0;
        boolean keepDistances = false;
        int minimumPoints = 0;
        for (NeighbourMeasure m : measures) {
            if (!m.subsets().equals(plan)) {
                throw new IllegalArgumentException("measures in one evaluation must share a subset plan");
            }
            kMax = Math.max(kMax, m.neighboursNeeded());
            keepDistances |= m.needsDistances();
            minimumPoints = Math.max(minimumPoints, m.minimumPoints());
        }
        int n = first.get(0).rows();
        for (NeighbourMeasure m : measures) {
            m.validate(n);
        }
        int[][] subsets = plan.partition(n);
        int smallest = subsets[subsets.length - 1].length;
        if (smallest < minimumPoints) {
            throw new InvalidSimilarityInputException(tooFewPointsMessage(measures, n, subsets.length, smallest));
        }
        LayerGrid grid = new LayerGrid(measures, first.size(), second.size(), subsets.length);
        for (int s = 0; s < subsets.length; s++) {
            int[] rows = subsets[s];
            List<NeighbourTable> tablesFirst = tables(first, rows, kMax, keepDistances);
            List<NeighbourTable> tablesSecond = tables(second, rows, kMax, keepDistances);
            for (NeighbourMeasure m : measures) {
                if (m.comparesTwo()) {
                    for (int i = 0; i < tablesFirst.size(); i++) {
                        for (int j = 0; j < tablesSecond.size(); j++) {
                            grid.setForward(m, i, j, s, m.evaluate(tablesFirst.get(i), tablesSecond.get(j), rows));
                            if (reverse && !m.symmetric()) {
                                grid.setReverse(m, i, j, s, m.evaluate(tablesSecond.get(j), tablesFirst.get(i), rows));
                            }
                        }
                    }
                } else {
                    for (int i = 0; i < tablesFirst.size(); i++) {
                        grid.setFirst(m, i, s, m.evaluate(tablesFirst.get(i), null, rows));
                    }
                    for (int j = 0; j < tablesSecond.size(); j++) {
                        grid.setSecond(m, j, s, m.evaluate(tablesSecond.get(j), null, rows));
                    }
                }
            }
        }
        return grid;
    }

    private static List<NeighbourTable> tables(List<Representation> layers, int[] rows, int k, boolean distances) {
        List<NeighbourTable> tables = new ArrayList<>(layers.size());
        for (Representation r : layers) {
            tables.add(NeighbourTable.build(r, rows, k, distances));
        }
        return tables;
    }

    private static String tooFewPointsMessage(List<? extends NeighbourMeasure> measures, int n, int subsetCount,
                                              int smallest) {
        StringBuilder needs = new StringBuilder();
        for (NeighbourMeasure m : measures) {
            if (needs.length() > 0) {
                needs.append(", ");
            }
            needs.append(m.name()).append(" with k = ").append(m.k()).append(" needs at least ")
                    .append(m.minimumPoints()).append(" points");
        }
        String where = subsetCount == 1 ? "there are " + n + " points"
                : "the " + n + " points are split into " + subsetCount + " subsets of as few as " + smallest;
        return needs + ", but " + where + "; lower k or raise the subset size";
    }
}
