package org.defrost.nn.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.defrost.kernels.FloatGemm;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.conv.Architecture;
import org.defrost.nn.conv.BlockNetwork;
import org.defrost.nn.conv.BlockTrainer;
import org.defrost.nn.conv.ImageShape;
import org.defrost.nn.conv.LayerSpec;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;

/**
 * Training throughput of block networks on the convolutional reference workloads, as PyTorch's reference script
 * defines them: float32 random normal images, random labels among 10 classes, ReLU, 3×3 convolutions with
 * padding 1 and biases, 2×2 max pooling, Adam with learning rate 1e-3, no validation. One warm-up epoch, then
 * the median of {@code repeats} timed runs.
 */
public final class ConvWorkloads {

    /** The convolutional reference workloads. */
    public enum Workload {
        /** 1×28×28: conv 32, pool, conv 64, pool, dense 256, readout 10; batch 128, 2 epochs over 10,000 samples. */
        W3(new ImageShape(1, 28, 28), "[conv 32 3x3, pool 2, conv 64 3x3, pool 2, dense 256]", 128, 2, 10_000),
        /**
         * 3×32×32: conv 32, conv 32, pool, conv 64, conv 64, pool, dense 256, readout 10; batch 64, 1 epoch over
         * 5,000 samples.
         */
        W4(new ImageShape(3, 32, 32), "[conv 32 3x3, conv 32 3x3, pool 2, conv 64 3x3, conv 64 3x3, pool 2,"
                + " dense 256]", 64, 1, 5_000);

        final ImageShape input;
        final String blocks;
        final int batch;
        final int epochs;
        final int samples;

        Workload(ImageShape input, String blocks, int batch, int epochs, int samples) {
            this.input = input;
            this.blocks = blocks;
            this.batch = batch;
            this.epochs = epochs;
            this.samples = samples;
        }

        /** The architecture, with 10 classes. */
        public Architecture architecture() {
            return Architecture.parse(blocks, input, 10);
        }

        /**
         * Floating-point operations of one training sample: two per multiply-add of every conv and dense product,
         * forward, weight gradient and input gradient (none below the first layer).
         */
        public double trainingFlops() {
            Architecture a = architecture();
            double flops = 0;
            boolean first = true;
            for (int b = 1; b <= a.blockCount() + 1; b++) {
                ImageShape s = a.inputOf(b);
                for (LayerSpec l : a.block(b).layers()) {
                    ImageShape o = l.output(s);
                    double macs = l instanceof LayerSpec.Conv c ? (double) o.pixels() * c.filters()
                            * c.geometry(s).patchSize() : l instanceof LayerSpec.Dense ? (double) s.size() * o.size() : 0;
                    if (macs > 0) {
                        flops += 2 * macs * (first ? 2 : 3);
                        first = false;
                    }
                    s = o;
                }
            }
            return flops;
        }
    }

    /**
     * One figure.
     *
     * @param samplesPerSecond training throughput from the median time
     * @param gflops           effective GFLOP/s: {@link Workload#trainingFlops} × samples per second
     */
    public record Measurement(Workload workload, int threads, double samplesPerSecond, double gflops,
                              double medianSeconds, double[] seconds) {

        /** The line the benchmark prints. */
        public String line() {
            String spread = Arrays.stream(seconds).mapToObj(s -> String.format(Locale.ROOT, "%.2f", s))
                    .reduce((a, b) -> a + "," + b).orElse("");
            return String.format(Locale.ROOT, "workload=%s threads=%d samples_per_s=%.0f gflops=%.1f seconds=%.2f"
                            + " runs=%s kernel=%s java=%s", workload, threads, samplesPerSecond, gflops, medianSeconds,
                    spread, FloatGemm.implementation(), Runtime.version().feature());
        }
    }

    private ConvWorkloads() {
    }

    /**
     * Measures one workload.
     *
     * @param threads kernel threads, at least 1
     * @param repeats timed runs, at least 1; the median is reported
     */
    public static Measurement run(Workload w, int threads, int repeats) {
        Dataset data = randomData(w, 1000);
        TrainingConfig config = TrainingConfig.defaults().withLearningRate(1e-3).withBatchSize(w.batch)
                .withMaxEpochs(w.epochs);
        try (KernelThreads t = KernelThreads.of(threads)) {
            timed(w, new BlockTrainer(config.withMaxEpochs(1), r -> { }), data, t, 0);
            BlockTrainer trainer = new BlockTrainer(config, r -> { });
            double[] seconds = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                seconds[r] = timed(w, trainer, data, t, r + 1);
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            double median = repeats % 2 == 1 ? sorted[repeats / 2] : (sorted[repeats / 2 - 1] + sorted[repeats / 2]) / 2;
            double sps = (double) w.samples * w.epochs / median;
            return new Measurement(w, threads, sps, sps * w.trainingFlops() / 1e9, median, seconds);
        }
    }

    private static double timed(Workload w, BlockTrainer trainer, Dataset data, KernelThreads t, long seed) {
        BlockNetwork n = BlockNetwork.build(w.architecture(), Seed.of(seed));
        long start = System.nanoTime();
        trainer.train(n, data, null, Seed.of(seed), t);
        return (System.nanoTime() - start) / 1e9;
    }

    private static Dataset randomData(Workload w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrixRMaj x = new FMatrixRMaj(w.samples, w.input.size());
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) r.nextGaussian();
        }
        int[] y = new int[w.samples];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(10);
        }
        return new Dataset(x, y);
    }
}
