package org.defrost.similarity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.defrost.kernels.KernelThreads;
import org.defrost.similarity.knn.LayerGrid;
import org.defrost.similarity.knn.NeighbourEvaluation;
import org.defrost.similarity.knn.NeighbourMeasure;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;

/**
 * Compares the layers of two networks fed the same probe points: every measure on every pair of layers
 * (the full {@code L₁ × L₂} matrix, whose diagonal is the layer-by-layer profile), and every
 * one-representation measure on every layer of each network.
 *
 * <p>Work is shared: each layer is centred once; its per-layer quantities (Gram norms, RBF kernel, spectral
 * basis) are cached on it; the cross-product of a pair is shared by the measures that use it; and the
 * neighbour tables of each layer are built once per point subset for all neighbour-based measures and all
 * pairs. Memory: besides the centred layers, rbf-cka holds an {@code n × n} kernel per layer of the second
 * network (and one of the first at a time), and the neighbour measures hold, for one subset at a time, a
 * subset-sized distance matrix per layer.
 */
public final class LayerwiseSimilarity {
    private LayerwiseSimilarity() {
    }

    /**
     * Compares per-layer activations given as EJML matrices ({@link DMatrixRMaj} or {@link FMatrixRMaj},
     * rows = probe points); see {@link #compare(List, List, List)}.
     *
     * @param firstName  how messages name the first network's layers, e.g. {@code "S"} gives "S layer 2"
     * @param first      its activations, layer 0 = input. Not modified.
     * @param secondName how messages name the second network's layers
     * @param second     its activations. Not modified.
     * @param threads    the threads every computation runs on
     */
    public static List<LayerwiseResult> compareMatrices(String firstName, List<? extends Matrix> first,
                                                        String secondName, List<? extends Matrix> second,
                                                        List<SimilarityMeasure> measures, KernelThreads threads) {
        return compare(representations(firstName, first, threads), representations(secondName, second, threads),
                measures);
    }

    /**
     * Evaluates every measure, on the threads of the representations. To bound memory, the caches of the given representations are cleared once
     * they are no longer needed; the representations themselves stay valid.
     *
     * @param first    layers of the first network; every layer has the same rows (points)
     * @param second   layers of the second network, with the same rows; may be empty when every measure
     *                 describes one representation
     * @param measures measures to compute, results in the same order
     * @return one result per measure, in the order of {@code measures}
     * @throws InvalidSimilarityInputException if row counts differ or a measure cannot be computed
     */
    public static List<LayerwiseResult> compare(List<Representation> first, List<Representation> second,
                                                List<SimilarityMeasure> measures) {
        requireSameRows(first, second);
        List<SimilarityMeasure> direct = new ArrayList<>();
        Map<SubsetPlan, List<NeighbourMeasure>> neighbourGroups = new LinkedHashMap<>();
        for (SimilarityMeasure m : measures) {
            if (m.comparesTwo() && second.isEmpty()) {
                throw new InvalidSimilarityInputException(m.name() + " compares two representations but the second "
                        + "network has no layers");
            }
            if (m instanceof NeighbourMeasure nm) {
                neighbourGroups.computeIfAbsent(nm.subsets(), plan -> new ArrayList<>()).add(nm);
            } else {
                direct.add(m);
            }
        }
        Map<SimilarityMeasure, LayerwiseResult> results = new HashMap<>(directResults(direct, first, second));
        for (List<NeighbourMeasure> group : neighbourGroups.values()) {
            LayerGrid grid = NeighbourEvaluation.evaluateGrid(group, first, second);
            for (NeighbourMeasure m : group) {
                results.put(m, fromGrid(m, grid, first.size(), second.size()));
            }
        }
        List<LayerwiseResult> ordered = new ArrayList<>(measures.size());
        for (SimilarityMeasure m : measures) {
            ordered.add(results.get(m));
        }
        return ordered;
    }

    private static Map<SimilarityMeasure, LayerwiseResult> directResults(List<SimilarityMeasure> measures,
                                                                          List<Representation> first,
                                                                          List<Representation> second) {
        int l1 = first.size();
        int l2 = second.size();
        Map<SimilarityMeasure, double[][]> forward = new HashMap<>();
        Map<SimilarityMeasure, double[][]> reverse = new HashMap<>();
        for (SimilarityMeasure m : measures) {
            if (m.comparesTwo()) {
                forward.put(m, new double[l1][l2]);
                if (!m.symmetric()) {
                    reverse.put(m, new double[l1][l2]);
                }
            }
        }
        for (int i = 0; i < l1 && !forward.isEmpty(); i++) {
            for (int j = 0; j < l2; j++) {
                RepresentationPair pair = RepresentationPair.of(first.get(i), second.get(j));
                RepresentationPair swapped = RepresentationPair.of(second.get(j), first.get(i));
                for (Map.Entry<SimilarityMeasure, double[][]> e : forward.entrySet()) {
                    e.getValue()[i][j] = e.getKey().compute(pair).value();
                }
                for (Map.Entry<SimilarityMeasure, double[][]> e : reverse.entrySet()) {
                    e.getValue()[i][j] = e.getKey().compute(swapped).value();
                }
            }
            // Layer i of the first network is not compared again: free its kernels and bases.
            first.get(i).clearCache();
        }
        Map<SimilarityMeasure, LayerwiseResult> results = new HashMap<>();
        for (SimilarityMeasure m : measures) {
            if (m.comparesTwo()) {
                SimilarityTable f = new SimilarityTable(forward.get(m), nans(l1, l2), 1);
                Optional<SimilarityTable> r = m.symmetric() ? Optional.empty()
                        : Optional.of(new SimilarityTable(reverse.get(m), nans(l1, l2), 1));
                results.put(m, new LayerwiseResult.CrossLayer(m.name(), f, r));
            } else {
                results.put(m, new LayerwiseResult.PerLayer(m.name(), profile(m, first), profile(m, second)));
            }
        }
        for (Representation r : second) {
            r.clearCache();
        }
        return results;
    }

    private static LayerProfile profile(SimilarityMeasure m, List<Representation> layers) {
        double[] value = new double[layers.size()];
        double[] stderr = new double[layers.size()];
        int subsets = 1;
        for (int i = 0; i < layers.size(); i++) {
            SimilarityResult r = m.compute(RepresentationPair.single(layers.get(i)));
            value[i] = r.value();
            stderr[i] = r.stderr().orElse(Double.NaN);
            subsets = r.subsets();
        }
        return new LayerProfile(value, stderr, subsets);
    }

    private static LayerwiseResult fromGrid(NeighbourMeasure m, LayerGrid grid, int l1, int l2) {
        if (!m.comparesTwo()) {
            return new LayerwiseResult.PerLayer(m.name(), gridProfile(m, grid, l1, true),
                    gridProfile(m, grid, l2, false));
        }
        SimilarityTable forward = gridTable(m, grid, l1, l2, false);
        Optional<SimilarityTable> reverse = m.symmetric() ? Optional.empty()
                : Optional.of(gridTable(m, grid, l1, l2, true));
        return new LayerwiseResult.CrossLayer(m.name(), forward, reverse);
    }

    private static SimilarityTable gridTable(NeighbourMeasure m, LayerGrid grid, int l1, int l2, boolean reverse) {
        double[][] value = new double[l1][l2];
        double[][] stderr = new double[l1][l2];
        for (int i = 0; i < l1; i++) {
            for (int j = 0; j < l2; j++) {
                SimilarityResult r = SimilarityResult.ofSubsets(m.name(),
                        reverse ? grid.reverse(m, i, j) : grid.forward(m, i, j));
                value[i][j] = r.value();
                stderr[i][j] = r.stderr().orElse(Double.NaN);
            }
        }
        return new SimilarityTable(value, stderr, grid.subsets());
    }

    private static LayerProfile gridProfile(NeighbourMeasure m, LayerGrid grid, int layers, boolean first) {
        double[] value = new double[layers];
        double[] stderr = new double[layers];
        for (int i = 0; i < layers; i++) {
            SimilarityResult r = SimilarityResult.ofSubsets(m.name(), first ? grid.first(m, i) : grid.second(m, i));
            value[i] = r.value();
            stderr[i] = r.stderr().orElse(Double.NaN);
        }
        return new LayerProfile(value, stderr, grid.subsets());
    }

    private static double[][] nans(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        return m;
    }

    private static void requireSameRows(List<Representation> first, List<Representation> second) {
        if (first.isEmpty()) {
            throw new InvalidSimilarityInputException("the first network has no layers to compare");
        }
        int n = first.get(0).rows();
        List<Representation> all = new ArrayList<>(first);
        all.addAll(second);
        for (Representation r : all) {
            if (r.rows() != n) {
                throw new InvalidSimilarityInputException(r.name() + " has " + r.rows() + " rows but "
                        + first.get(0).name() + " has " + n + "; every layer must hold the same probe points");
            }
        }
    }

    private static List<Representation> representations(String name, List<? extends Matrix> layers,
                                                        KernelThreads threads) {
        List<Representation> out = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            Matrix m = layers.get(i);
            String layerName = name + " layer " + i;
            if (m instanceof DMatrixRMaj d) {
                out.add(Representation.of(layerName, d, threads));
            } else if (m instanceof FMatrixRMaj f) {
                out.add(Representation.of(layerName, f, threads));
            } else {
                throw new InvalidSimilarityInputException(layerName + " is a " + m.getClass().getSimpleName()
                        + "; give DMatrixRMaj or FMatrixRMaj");
            }
        }
        return out;
    }
}
