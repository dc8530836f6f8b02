package org.defrost.tasks.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.defrost.kernels.KernelThreads;
import org.defrost.spi.Seed;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.TaskPairWriter;
import org.defrost.tasks.chmm.ChmmParameters;
import org.defrost.tasks.chmm.ChmmSampler;
import org.defrost.tasks.chmm.ChmmSet;
import org.defrost.tasks.chmm.ChmmTaskPairGenerator;
import org.defrost.tasks.chmm.ChmmTeachers;
import org.defrost.tasks.chmm.Nonlinearity;

/**
 * Throughput of CHMM generation: draws one source training set in memory only, then again streamed to
 * {@code .npy} files, and prints samples/s and MB/s of float32 inputs plus int32 labels.
 *
 * <p>Arguments as {@code name=value}: {@code samples} (1000000), {@code n} (500), {@code d} (100),
 * {@code threads} (available processors), {@code block} (1024), {@code nonlinearity} (erf),
 * {@code repeats} (3), {@code out} (/tmp/defrost-chmm-bench, deleted afterwards).
 */
public final class ChmmGenerationBenchmark {
    private ChmmGenerationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int samples = 1_000_000;
        int n = 500;
        int d = 100;
        int threads = Runtime.getRuntime().availableProcessors();
        int block = 1024;
        int repeats = 3;
        Nonlinearity sigma = Nonlinearity.ERF;
        Path out = Path.of("/tmp/defrost-chmm-bench");
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "samples" -> samples = Integer.parseInt(kv[1]);
                case "n" -> n = Integer.parseInt(kv[1]);
                case "d" -> d = Integer.parseInt(kv[1]);
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "block" -> block = Integer.parseInt(kv[1]);
                case "repeats" -> repeats = Integer.parseInt(kv[1]);
                case "nonlinearity" -> sigma = Nonlinearity.parse(kv[1]);
                case "out" -> out = Path.of(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        ChmmParameters p = ChmmParameters.builder().inputDim(n).latentDim(d).nonlinearity(sigma)
                .sourceTrainSize(samples).build();
        Seed seed = Seed.of(2023);
        ChmmSampler sampler = new ChmmSampler(p, ChmmTeachers.draw(p, seed), seed);
        double megabytes = samples * (4.0 * n + 4) / 1e6;
        System.out.printf(Locale.ROOT, "CHMM generation: %d samples, N = %d, D = %d, sigma = %s, %d threads, "
                + "blocks of %d rows (%.0f MB per set)%n", samples, n, d, sigma.id(), threads, block, megabytes);
        try (KernelThreads budget = KernelThreads.of(threads)) {
            run(sampler, samples, n, block, repeats, megabytes, out, budget);
        }
    }

    private static void run(ChmmSampler sampler, int samples, int n, int block, int repeats, double megabytes, Path out,
                            KernelThreads threads) throws IOException {
        for (int r = 0; r < repeats; r++) {
            double[] checksum = new double[1];
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            ChmmTaskPairGenerator.stream(sampler, ChmmSet.SOURCE_TRAIN, samples, block, threads,
                    b -> checksum[0] += b.samples().inputs()[0] + b.samples().labels()[0]);
            report("in memory", samples, megabytes, System.nanoTime() - t0, processCpuNanos() - cpu0, checksum[0]);
        }
        Files.createDirectories(out);
        try {
            for (int r = 0; r < repeats; r++) {
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                TaskPairWriter writer = TaskPairWriter.create(out);
                try (TaskPairWriter.SetWriter w = writer.open(TaskPairSet.SOURCE_TRAIN, samples, n)) {
                    ChmmTaskPairGenerator.stream(sampler, ChmmSet.SOURCE_TRAIN, samples, block, threads,
                            b -> w.append(b.samples()));
                }
                report("to .npy   ", samples, megabytes, System.nanoTime() - t0, processCpuNanos() - cpu0,
                        Files.size(out.resolve(TaskPairSet.SOURCE_TRAIN.inputsFile())));
            }
        } finally {
            Files.deleteIfExists(out.resolve(TaskPairSet.SOURCE_TRAIN.inputsFile()));
            Files.deleteIfExists(out.resolve(TaskPairSet.SOURCE_TRAIN.labelsFile()));
            Files.deleteIfExists(out.resolve("source"));
            Files.deleteIfExists(out);
        }
    }

    /** CPU time of the whole process, which, unlike wall time, does not count waiting for a busy machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(String mode, int samples, double megabytes, long nanos, long cpuNanos, double check) {
        double seconds = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%s: %.2f s wall, %.0f samples/s, %.0f MB/s; %.2f s CPU (%.1f us CPU per "
                + "sample) (check %.3g)%n", mode, seconds, samples / seconds, megabytes / seconds, cpuNanos / 1e9,
                cpuNanos / 1e3 / samples, check);
    }

}
