package org.defrost.similarity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.defrost.kernels.DoubleProducts;
import org.defrost.kernels.KernelThreads;
import org.defrost.npy.Npy;
import org.defrost.similarity.Representation;
import org.defrost.similarity.RepresentationPair;
import org.defrost.similarity.SimilarityResult;
import org.defrost.similarity.SubsetPlan;
import org.defrost.similarity.cka.LinearCka;
import org.defrost.similarity.knn.InformationImbalance;
import org.defrost.similarity.knn.NeighbourEvaluation;
import org.defrost.similarity.knn.NeighbourMeasure;
import org.defrost.similarity.knn.NeighbourhoodOverlap;
import org.defrost.spi.Seed;

/**
 * Times linear CKA on n = 10,000 points with p = q = 512, and information imbalance (k = 1) and
 * neighbourhood overlap (k = 30) on n = 5,000 points with p = q = 512 (three subsets of about 1,667
 * points under the standard plan), each from the raw float64 matrices to the value. The numpy script
 * {@code modules/defrost-bench/src/bench/python/similarity_numpy.py} does the same computations on the same data.
 *
 * <p>Usage: {@code defrost bench similarity [--data DIR] [--repeats R] [--warmup W] [--threads N]}. With
 * {@code --data}, the inputs and the subsets are written there as {@code .npy} files for the numpy script to
 * read, so both sides compute the same values. {@code --threads} is the thread budget (default: the number of
 * cores, as numpy's OpenBLAS uses).
 */
public final class SimilarityBenchmark {
    private static final int CKA_POINTS = 10_000;
    private static final int KNN_POINTS = 5_000;
    private static final int FEATURES = 512;

    private SimilarityBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path data = null;
        int repeats = 5;
        int warmup = 2;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: similarity [--data DIR] [--repeats R] [--warmup W] [--threads N]");
            }
        }
        System.out.printf("threads %d, products %s%n", threads, DoubleProducts.implementation());
        try (KernelThreads budget = KernelThreads.of(threads)) {
            run(data, repeats, warmup, budget);
        }
    }

    private static void run(Path data, int repeats, int warmup, KernelThreads threads) throws IOException {

        double[] a = gaussian(1, CKA_POINTS, FEATURES);
        double[] b = related(2, a, CKA_POINTS, FEATURES, threads);
        double[] ka = Arrays.copyOf(a, KNN_POINTS * FEATURES);
        double[] kb = Arrays.copyOf(b, KNN_POINTS * FEATURES);
        SubsetPlan plan = SubsetPlan.standard();
        if (data != null) {
            write(data, a, b, ka, kb, plan);
        }

        time("linear-cka n=10000 p=q=512", warmup, repeats, () -> {
            Representation ra = Representation.of("A", a, CKA_POINTS, FEATURES, threads);
            Representation rb = Representation.of("B", b, CKA_POINTS, FEATURES, threads);
            return new LinearCka().compute(ra, rb).value();
        });
        NeighbourMeasure imbalance = new InformationImbalance(1, plan);
        NeighbourMeasure overlap = new NeighbourhoodOverlap(30, plan);
        time("information-imbalance k=1 n=5000 p=512", warmup, repeats,
                () -> knn(List.of(imbalance), ka, kb, threads).get(imbalance).value());
        time("neighborhood-overlap k=30 n=5000 p=512", warmup, repeats,
                () -> knn(List.of(overlap), ka, kb, threads).get(overlap).value());
        time("both, sharing neighbour tables", warmup, repeats, () -> {
            Map<NeighbourMeasure, SimilarityResult> r = knn(List.of(imbalance, overlap), ka, kb, threads);
            return r.get(imbalance).value() + r.get(overlap).value();
        });
    }

    private static Map<NeighbourMeasure, SimilarityResult> knn(List<NeighbourMeasure> measures, double[] a,
                                                               double[] b, KernelThreads threads) {
        Representation ra = Representation.of("A", a, KNN_POINTS, FEATURES, threads);
        Representation rb = Representation.of("B", b, KNN_POINTS, FEATURES, threads);
        return NeighbourEvaluation.evaluate(measures, RepresentationPair.of(ra, rb));
    }

    private static void time(String label, int warmup, int repeats, Supplier<Double> run) {
        for (int i = 0; i < warmup; i++) {
            run.get();
        }
        double[] seconds = new double[repeats];
        double[] cpuSeconds = new double[repeats];
        double value = 0;
        for (int i = 0; i < repeats; i++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            value = run.get();
            seconds[i] = (System.nanoTime() - start) / 1e9;
            cpuSeconds[i] = (processCpuNanos() - cpuStart) / 1e9;
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        List<String> runs = new ArrayList<>();
        for (double s : seconds) {
            runs.add(String.format("%.3f", s));
        }
        Arrays.sort(cpuSeconds);
        System.out.printf("%-40s best %.3f s  median %.3f s  cpu best %.3f s  value %.12f  runs %s%n", label,
                sorted[0], sorted[repeats / 2], cpuSeconds[0], value, runs);
    }

    /** CPU time of all the process's threads: less disturbed than wall time when other work shares the cores. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static double[] gaussian(long seed, int n, int p) {
        SplittableRandom random = Seed.of(seed).generator();
        double[] x = new double[n * p];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }

    /** {@code tanh(A W / √p) + 0.5 E}: a nonlinear function of A plus noise, so the values are neither 0 nor 1. */
    private static double[] related(long seed, double[] a, int n, int p, KernelThreads threads) {
        double[] w = gaussian(seed, p, p);
        double[] noise = gaussian(seed + 1, n, p);
        double[] b = DoubleProducts.times(a, n, p, w, p, threads);
        double scale = 1 / Math.sqrt(p);
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.tanh(b[i] * scale) + 0.5 * noise[i];
        }
        return b;
    }

    private static void write(Path dir, double[] a, double[] b, double[] ka, double[] kb, SubsetPlan plan)
            throws IOException {
        Files.createDirectories(dir);
        Npy.write(dir.resolve("cka_a.npy"), a, CKA_POINTS, FEATURES);
        Npy.write(dir.resolve("cka_b.npy"), b, CKA_POINTS, FEATURES);
        Npy.write(dir.resolve("knn_a.npy"), ka, KNN_POINTS, FEATURES);
        Npy.write(dir.resolve("knn_b.npy"), kb, KNN_POINTS, FEATURES);
        int[][] subsets = plan.partition(KNN_POINTS);
        int[] sizes = new int[subsets.length];
        int[] rows = new int[KNN_POINTS];
        int at = 0;
        for (int s = 0; s < subsets.length; s++) {
            sizes[s] = subsets[s].length;
            System.arraycopy(subsets[s], 0, rows, at, sizes[s]);
            at += sizes[s];
        }
        Npy.write(dir.resolve("knn_subset_rows.npy"), rows, KNN_POINTS);
        Npy.write(dir.resolve("knn_subset_sizes.npy"), sizes, sizes.length);
        System.out.println("wrote inputs and subsets to " + dir);
    }
}
