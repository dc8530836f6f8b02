package org.defrost.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Network;
import org.defrost.similarity.LayerProfile;
import org.defrost.similarity.LayerwiseResult;
import org.defrost.similarity.LayerwiseSimilarity;
import org.defrost.similarity.MeasureParameters;
import org.defrost.similarity.SimilarityMeasure;
import org.defrost.similarity.SimilarityMeasures;
import org.defrost.similarity.SimilarityTable;
import org.defrost.similarity.SubsetPlan;
import org.defrost.similarity.knn.LabelOverlap;
import org.defrost.spi.Seed;
import org.defrost.tasks.LabelledSet;
import org.ejml.data.FMatrixRMaj;

/**
 * One seed's comparison of S and a T*: for each probe mode and measure, the layer × layer table (layers 0..L,
 * input included), stored as {@code similarity.json}. Asymmetric measures also give their reverse direction
 * as {@code NAME-reverse} (T* → S); one-representation measures give {@code NAME-source} and
 * {@code NAME-target} profiles. Label overlap uses the labels of the probe points T* sees: the target's
 * labels for target and paired probes, the source's for source probes.
 */
final class LayerComparison {
    static final String FILE = "similarity.json";
    private static final List<String> TAKES_K = List.of("information-imbalance", "neighborhood-overlap", LabelOverlap.NAME);

    private LayerComparison() {
    }

    /**
     * @param probes per mode, the inputs shown to S (index 0) and to T* (index 1), row-paired. Not modified.
     * @return {@code layers} and, per probe mode and measure, {@code value} and {@code stderr} tables (or profiles)
     */
    static Map<String, Object> compare(Network source, Network target, Map<String, LabelledSet[]> probes,
                                       SimilarityUnit u, Seed seed, KernelThreads threads) {
        int layers = source.spec().hiddenLayerCount() + 1;
        return compare(layers, x -> source.activations(x, threads).subList(0, layers),
                x -> target.activations(x, threads).subList(0, layers), probes, u, seed, threads);
    }

    /**
     * The comparison for any pair of networks given by their representations.
     *
     * @param layers          L + 1, the representations per network (input included)
     * @param sourceLayers    S's representations of an {@code n × input} matrix (not modified): {@code layers} matrices
     * @param targetLayers    T*'s, likewise
     */
    static Map<String, Object> compare(int layers, Function<FMatrixRMaj, List<FMatrixRMaj>> sourceLayers,
                                       Function<FMatrixRMaj, List<FMatrixRMaj>> targetLayers,
                                       Map<String, LabelledSet[]> probes, SimilarityUnit u, Seed seed,
                                       KernelThreads threads) {
        Map<String, Object> byProbe = new LinkedHashMap<>();
        for (Map.Entry<String, LabelledSet[]> e : probes.entrySet()) {
            List<SimilarityMeasure> measures = new ArrayList<>();
            for (String name : u.measures()) {
                measures.add(SimilarityMeasures.create(name, parameters(name, u, seed, e.getValue()[1].labels())));
            }
            var s = sourceLayers.apply(e.getValue()[0].inputMatrix());
            var t = targetLayers.apply(e.getValue()[1].inputMatrix());
            Map<String, Object> byMeasure = new LinkedHashMap<>();
            for (LayerwiseResult r : LayerwiseSimilarity.compareMatrices("S", s, "T*", t, measures, threads)) {
                if (r instanceof LayerwiseResult.CrossLayer c) {
                    byMeasure.put(c.measure(), table(c.forward()));
                    c.reverse().ifPresent(rev -> byMeasure.put(c.measure() + "-reverse", table(rev)));
                } else if (r instanceof LayerwiseResult.PerLayer l) {
                    byMeasure.put(l.measure() + "-source", profile(l.first()));
                    byMeasure.put(l.measure() + "-target", profile(l.second()));
                }
            }
            byProbe.put(e.getKey(), byMeasure);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("layers", layers);
        out.put("probes", byProbe);
        return out;
    }

    private static MeasureParameters parameters(String name, SimilarityUnit u, Seed seed, int[] labels) {
        MeasureParameters m = MeasureParameters.none()
                .withSubsets(new SubsetPlan(u.subsetSize(), seed.derive("similarity-subsets")));
        if (TAKES_K.contains(name) && u.k() > 0) {
            m = m.withK(u.k());
        }
        if (name.equals("rbf-cka")) {
            m = m.withThreshold(u.threshold());
        }
        if (name.equals(LabelOverlap.NAME)) {
            m = m.withLabels(labels);
        }
        return m;
    }

    private static Map<String, Object> table(SimilarityTable t) {
        return Map.of("value", t.value(), "stderr", t.stderr());
    }

    private static Map<String, Object> profile(LayerProfile l) {
        return Map.of("profile", l.value(), "stderr", l.stderr());
    }
}
