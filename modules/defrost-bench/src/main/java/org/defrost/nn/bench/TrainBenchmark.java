package org.defrost.nn.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.defrost.kernels.FloatGemm;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.train.Trainer;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;

/**
 * Training throughput on the reference workloads, the same as PyTorch's reference script runs: float32
 * random normal inputs, random labels, ReLU MLP with biases, Adam with learning rate 1e-3, no validation.
 * One warm-up epoch, then the median of {@code repeats} timed runs.
 *
 * <p>Run by {@code defrost bench train [--workload W1|W2|all] [--threads N] [--sweep] [--repeats R] [--frozen D]
 * [--no-cache]}. {@code --sweep} trains two networks at once with one kernel thread each and reports the
 * aggregate throughput; {@code --frozen D} freezes layers 1..D (to measure training on cached prefix
 * features, or without the cache with {@code --no-cache}).
 */
public final class TrainBenchmark {

    /** The reference workloads. */
    public enum Workload {
        /** MLP 784-512-512-512-10, softmax cross-entropy, batch 128, 5 epochs over 20,000 samples. */
        W1(List.of(512, 512, 512), 784, 10, 128, 5, 20_000),
        /** MLP 500-400-400-400-1, logistic loss, batch 64, 10 epochs over 10,000 samples. */
        W2(List.of(400, 400, 400), 500, 1, 64, 10, 10_000);

        final List<Integer> hidden;
        final int inputDim;
        final int outputDim;
        final int batch;
        final int epochs;
        final int samples;

        Workload(List<Integer> hidden, int inputDim, int outputDim, int batch, int epochs, int samples) {
            this.hidden = hidden;
            this.inputDim = inputDim;
            this.outputDim = outputDim;
            this.batch = batch;
            this.epochs = epochs;
            this.samples = samples;
        }

        NetworkSpec spec() {
            return NetworkSpec.of(inputDim, hidden, outputDim);
        }
    }

    /**
     * One benchmark figure.
     *
     * @param samplesPerSecond aggregate training throughput over all networks, from the median time
     * @param medianSeconds    median wall time of one timed run
     * @param seconds          every timed run's wall time
     */
    public record Measurement(Workload workload, int threads, int networks, int frozenDepth, boolean cached,
                              double samplesPerSecond, double medianSeconds, double[] seconds) {

        /** The line the benchmark prints. */
        public String line() {
            String spread = Arrays.stream(seconds).mapToObj(s -> String.format(Locale.ROOT, "%.2f", s))
                    .reduce((a, b) -> a + "," + b).orElse("");
            return String.format(Locale.ROOT, "workload=%s threads=%d networks=%d%s samples_per_s=%.0f seconds=%.2f"
                            + " runs=%s kernel=%s java=%s", workload, threads, networks,
                    frozenDepth > 0 ? " frozen=" + frozenDepth + " cached=" + cached : "", samplesPerSecond,
                    medianSeconds, spread, FloatGemm.implementation(), Runtime.version().feature());
        }
    }

    private TrainBenchmark() {
    }

    /** Measures one workload with 3 timed runs and no frozen layers (what {@code ./defrost bench train} runs). */
    public static Measurement run(Workload w, int threads, boolean sweep) throws InterruptedException {
        return run(w, threads, sweep, 3, 0, true);
    }

    /**
     * Measures one workload.
     *
     * @param threads     kernel threads per network (ignored with {@code sweep}, which uses 1 per network)
     * @param sweep       train two networks at once, one kernel thread each
     * @param repeats     timed runs (at least 1); the median is reported
     * @param frozenDepth layers 1..frozenDepth frozen (0 for none)
     * @param cached      train on cached prefix features when frozenDepth > 0
     */
    public static Measurement run(Workload w, int threads, boolean sweep, int repeats, int frozenDepth,
                                  boolean cached) throws InterruptedException {
        int networks = sweep ? 2 : 1;
        int perNetworkThreads = sweep ? 1 : threads;
        List<Dataset> data = new ArrayList<>();
        for (int i = 0; i < networks; i++) {
            data.add(randomData(w, 1000 + i));
        }
        TrainingConfig config = TrainingConfig.defaults().withLearningRate(1e-3).withBatchSize(w.batch)
                .withMaxEpochs(w.epochs).withCacheFrozenPrefix(cached);
        Trainer trainer = new Trainer(config).withThreads(perNetworkThreads);
        ExecutorService pool = Executors.newFixedThreadPool(networks);
        List<KernelThreads> kernelThreads = new ArrayList<>();
        try {
            for (int i = 0; i < networks; i++) {
                kernelThreads.add(KernelThreads.of(perNetworkThreads));
            }
            timedRound(pool, trainer.withConfig(config.withMaxEpochs(1)), w, data, kernelThreads, frozenDepth, 0);
            double[] seconds = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                seconds[r] = timedRound(pool, trainer, w, data, kernelThreads, frozenDepth, r + 1);
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            double median = repeats % 2 == 1 ? sorted[repeats / 2]
                    : (sorted[repeats / 2 - 1] + sorted[repeats / 2]) / 2;
            double sps = (double) networks * w.samples * w.epochs / median;
            return new Measurement(w, perNetworkThreads, networks, frozenDepth, cached, sps, median, seconds);
        } finally {
            pool.shutdownNow();
            kernelThreads.forEach(KernelThreads::close);
        }
    }

    /** Wall time of training every network once, concurrently. */
    private static double timedRound(ExecutorService pool, Trainer trainer, Workload w, List<Dataset> data,
                                     List<KernelThreads> threads, int frozenDepth, long seed)
            throws InterruptedException {
        List<Network> nets = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Network n = Network.build(w.spec(), Seed.of(seed).derive(i));
            if (frozenDepth > 0) {
                n.freezeThrough(frozenDepth);
            }
            nets.add(n);
        }
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            int index = i;
            running.add(pool.submit(() -> trainer.train(nets.get(index), data.get(index), null,
                    Seed.of(seed).derive(index), threads.get(index))));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("benchmark training failed", e.getCause());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static Dataset randomData(Workload w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrixRMaj x = new FMatrixRMaj(w.samples, w.inputDim);
        for (int i = 0; i < x.data.length; i += 2) {
            double u = 1 - r.nextDouble();
            double v = 2 * Math.PI * r.nextDouble();
            double radius = Math.sqrt(-2 * Math.log(u));
            x.data[i] = (float) (radius * Math.cos(v));
            if (i + 1 < x.data.length) {
                x.data[i + 1] = (float) (radius * Math.sin(v));
            }
        }
        int classes = w.outputDim == 1 ? 2 : w.outputDim;
        int[] y = new int[w.samples];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(classes);
        }
        return new Dataset(x, y);
    }
}
