package org.defrost.similarity;

import static org.defrost.similarity.TestMatrices.gaussian;
import static org.defrost.similarity.TestMatrices.representation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.defrost.kernels.KernelThreads;
import org.defrost.spi.Seed;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.Matrix;
import org.junit.jupiter.api.Test;

class LayerwiseSimilarityTest {
    private static final int N = 90;
    private static final SubsetPlan PLAN = new SubsetPlan(40, Seed.of(4));

    /** Three "layers" per network: the input, and two random maps of it with ReLU. */
    private static List<double[][]> network(long seed, double[][] input) {
        List<double[][]> layers = new ArrayList<>();
        layers.add(input);
        double[][] h = input;
        for (int l = 1; l <= 2; l++) {
            h = TestMatrices.multiply(h, gaussian(seed + l, h[0].length, 6 + l));
            for (double[] row : h) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = Math.max(0, row[c]);
                }
            }
            layers.add(h);
        }
        return layers;
    }

    private static List<Representation> representations(String name, List<double[][]> layers) {
        List<Representation> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            out.add(representation(name + " layer " + i, layers.get(i)));
        }
        return out;
    }

    private static List<SimilarityMeasure> measures() {
        List<SimilarityMeasure> measures = new ArrayList<>();
        for (String name : SimilarityMeasures.names()) {
            MeasureParameters p = MeasureParameters.none().withSubsets(PLAN);
            if (name.equals("label-overlap")) {
                int[] labels = new int[N];
                for (int i = 0; i < N; i++) {
                    labels[i] = i % 3;
                }
                p = p.withLabels(labels).withK(4);
            } else if (name.equals("neighborhood-overlap") || name.equals("information-imbalance")) {
                p = p.withK(3);
            } else if (!name.equals("intrinsic-dimension")) {
                p = MeasureParameters.none();
            }
            measures.add(SimilarityMeasures.create(name, p));
        }
        return measures;
    }

    @Test
    void everyCellEqualsTheMeasureComputedOnThatPairAlone() {
        double[][] input = gaussian(1, N, 5);
        List<double[][]> s = network(10, input);
        List<double[][]> t = network(20, input);
        List<SimilarityMeasure> measures = measures();
        List<LayerwiseResult> results = LayerwiseSimilarity.compare(representations("S", s), representations("T", t),
                measures);
        assertEquals(measures.size(), results.size());
        for (int m = 0; m < measures.size(); m++) {
            SimilarityMeasure measure = measures.get(m);
            LayerwiseResult result = results.get(m);
            assertEquals(measure.name(), result.measure());
            if (result instanceof LayerwiseResult.CrossLayer cross) {
                assertEquals(!measure.symmetric(), cross.reverse().isPresent(), measure.name());
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        SimilarityResult alone = measure.compute(representation("a", s.get(i)), representation("b", t.get(j)));
                        assertEquals(alone.value(), cross.forward().value()[i][j], 1e-12, measure.name() + " " + i + "," + j);
                        assertEquals(alone.stderr().orElse(Double.NaN), cross.forward().stderr()[i][j], 1e-12);
                        if (cross.reverse().isPresent()) {
                            double back = measure.compute(representation("b", t.get(j)), representation("a", s.get(i))).value();
                            assertEquals(back, cross.reverse().get().value()[i][j], 1e-12, measure.name());
                        }
                    }
                    assertEquals(cross.forward().value()[i][i], cross.forward().diagonal()[i], 0.0);
                }
            } else {
                LayerwiseResult.PerLayer per = (LayerwiseResult.PerLayer) result;
                for (int i = 0; i < 3; i++) {
                    assertEquals(measure.compute(representation("a", s.get(i)), null).value(), per.first().value()[i], 1e-12);
                    assertEquals(measure.compute(representation("b", t.get(i)), null).value(), per.second().value()[i], 1e-12);
                }
            }
        }
    }

    @Test
    void neighbourMeasuresOverSubsetsReportStandardErrorsAndExactOnesReportNaN() {
        double[][] input = gaussian(2, N, 4);
        List<SimilarityMeasure> measures = List.of(
                SimilarityMeasures.create("information-imbalance", MeasureParameters.none().withSubsets(PLAN)),
                SimilarityMeasures.create("linear-cka", null));
        List<LayerwiseResult> r = LayerwiseSimilarity.compare(representations("S", network(3, input)),
                representations("T", network(4, input)), measures);
        SimilarityTable imbalance = ((LayerwiseResult.CrossLayer) r.get(0)).forward();
        assertEquals(3, imbalance.subsets());
        assertTrue(imbalance.stderr()[1][2] > 0);
        SimilarityTable cka = ((LayerwiseResult.CrossLayer) r.get(1)).forward();
        assertEquals(1, cka.subsets());
        assertTrue(Double.isNaN(cka.stderr()[0][0]));
        // Both networks see the same input layer.
        assertEquals(1.0, cka.value()[0][0], 1e-12);
        assertEquals(1.0, cka.diagonal()[0], 1e-12);
    }

    @Test
    void floatAndDoubleMatricesAreAccepted() {
        double[][] a = gaussian(5, 20, 3);
        double[][] b = gaussian(6, 20, 4);
        FMatrixRMaj bf = new FMatrixRMaj(20, 4);
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 4; j++) {
                bf.set(i, j, (float) b[i][j]);
            }
        }
        List<Matrix> first = List.of(new DMatrixRMaj(a));
        List<Matrix> second = List.of(bf);
        List<LayerwiseResult> r = LayerwiseSimilarity.compareMatrices("S", first, "T", second,
                List.of(SimilarityMeasures.create("linear-cka", null)), KernelThreads.single());
        double expected = Oracles.linearCka(a, b);
        assertArrayEquals(new double[] {expected}, ((LayerwiseResult.CrossLayer) r.get(0)).forward().diagonal(), 1e-6);
    }

    @Test
    void layersWithDifferentRowCountsAreRejectedByName() {
        List<Representation> s = List.of(representation("S layer 0", gaussian(7, 10, 2)));
        List<Representation> t = List.of(representation("T layer 0", gaussian(8, 10, 2)),
                representation("T layer 1", gaussian(9, 11, 2)));
        InvalidSimilarityInputException e = assertThrows(InvalidSimilarityInputException.class,
                () -> LayerwiseSimilarity.compare(s, t, List.of(SimilarityMeasures.create("linear-cka", null))));
        assertEquals("T layer 1 has 11 rows but S layer 0 has 10; every layer must hold the same probe points",
                e.getMessage());
    }
}
