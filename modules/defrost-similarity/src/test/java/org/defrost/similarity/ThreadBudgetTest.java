package org.defrost.similarity;

import static org.defrost.similarity.TestMatrices.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.defrost.kernels.KernelThreads;
import org.defrost.spi.Seed;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The similarity computation stays within the thread budget it is given, and its results do not depend on
 * that budget. The data are large enough that every parallel site (products, neighbour searches, kernels,
 * centring) would split its work if it were allowed to.
 */
class ThreadBudgetTest {
    private static final int POINTS = 700;

    /** Two "networks" of three layers (the shared input and two ReLU maps of it). */
    private static List<Matrix> layers(long seed) {
        double[][] input = gaussian(1, POINTS, 48);
        List<Matrix> layers = new ArrayList<>();
        layers.add(new DMatrixRMaj(input));
        double[][] h = input;
        for (int l = 1; l <= 2; l++) {
            h = TestMatrices.multiply(h, gaussian(seed + l, h[0].length, 40));
            for (double[] row : h) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = Math.max(0, row[c]);
                }
            }
            layers.add(new DMatrixRMaj(h));
        }
        return layers;
    }

    private static List<SimilarityMeasure> measures() {
        List<SimilarityMeasure> measures = new ArrayList<>();
        for (String name : SimilarityMeasures.names()) {
            if (!name.equals("label-overlap")) {
                measures.add(SimilarityMeasures.create(name,
                        MeasureParameters.none().withSubsets(new SubsetPlan(1000, Seed.of(3)))));
            }
        }
        return measures;
    }

    /** Every value and standard error of every result, in order. */
    private static double[] flatten(List<LayerwiseResult> results) {
        List<double[]> parts = new ArrayList<>();
        for (LayerwiseResult r : results) {
            if (r instanceof LayerwiseResult.CrossLayer c) {
                add(parts, c.forward());
                c.reverse().ifPresent(t -> add(parts, t));
            } else if (r instanceof LayerwiseResult.PerLayer l) {
                parts.add(l.first().value());
                parts.add(l.first().stderr());
                parts.add(l.second().value());
                parts.add(l.second().stderr());
            }
        }
        return parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static void add(List<double[]> parts, SimilarityTable t) {
        for (int i = 0; i < t.value().length; i++) {
            parts.add(t.value()[i]);
            parts.add(t.stderr()[i]);
        }
    }

    private static List<LayerwiseResult> compare(KernelThreads threads) {
        return LayerwiseSimilarity.compareMatrices("S", layers(10), "T", layers(20), measures(), threads);
    }

    @Test
    void resultsAreBitIdenticalForAnyBudget() {
        double[] one = flatten(compare(KernelThreads.single()));
        for (int threads = 2; threads <= 3; threads++) {
            try (KernelThreads budget = KernelThreads.of(threads)) {
                assertArrayEquals(one, flatten(compare(budget)), 0.0, threads + " threads changed a result");
            }
        }
    }

    /** The regression: products and parallel loops once ran on the common fork-join pool whatever the budget. */
    @Test
    void aBudgetOfOneThreadKeepsTheComputationOnTheCallingThread() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled(), "no per-thread CPU time here");
        compare(KernelThreads.single()); // warm-up, so that the measured run is not mostly class loading
        Map<Long, Long> before = cpuByThread(mx);
        long caller = Thread.currentThread().getId();
        long start = System.nanoTime();
        compare(KernelThreads.single());
        long wall = System.nanoTime() - start;
        Map<Long, Long> after = cpuByThread(mx);
        long callerCpu = after.get(caller) - before.get(caller);
        long otherCpu = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            if (e.getKey() != caller) {
                otherCpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        assertTrue(callerCpu > 0, "the computation must run on the calling thread");
        // Other threads may tick while the test runs (the test runner's own), but never compute for it.
        assertTrue(otherCpu < 0.05 * callerCpu + 20_000_000L,
                "other threads used " + otherCpu / 1e6 + " ms CPU while the caller used " + callerCpu / 1e6 + " ms");
        double ratio = (double) (callerCpu + otherCpu) / wall;
        assertTrue(ratio <= 1.2, "CPU time / wall time = " + ratio);
    }

    private static Map<Long, Long> cpuByThread(ThreadMXBean mx) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    @Test
    void representationsKeepTheBudgetTheyWereGiven() {
        try (KernelThreads two = KernelThreads.of(2)) {
            Representation r = Representation.of("A", new double[] {1, 2, 3, 4}, 2, 2, two);
            assertEquals(two, r.threads());
        }
    }
}
