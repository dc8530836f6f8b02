package org.defrost.kernels.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.defrost.kernels.FloatGemm;
import org.defrost.kernels.KernelThreads;
import org.ejml.data.FMatrixRMaj;

/**
 * Prints float32 GFLOP/s of the three training products (forward {@code Y = X·W}, weight gradient
 * {@code dW = Xᵀ·dY}, input gradient {@code dX = dY·Wᵀ}) for every layer of the reference workloads W1
 * (784-512-512-512-10) and W2 (500-400-400-400-1) at batch 128 and 64, for each thread count, plus the time
 * per call of small products (readout layers), which should not pay for handing work to other threads. Each
 * workload's total is also given as a share of the machine's ceiling at that moment: the GFLOP/s of
 * {@link FmaChains} on the same threads, the best of as many blocks measured just before and just after the
 * workload (a shared machine's speed drifts by tens of percent within seconds, so one ceiling for the whole run
 * would not do, and even this one can fall below a workload that met a faster moment).
 *
 * <p>Usage: {@code GemmBenchmark [--threads 1,2] [--repeats 9] [--millis 40] [--statistic median|best]}. The
 * implementation is the one {@link FloatGemm#implementation()} reports; force it with
 * {@code -Ddefrost.kernels=plain|vector}. Each figure is the median (or the best) over the repeats of timed
 * blocks of about {@code --millis} milliseconds, after warm-up. On a machine shared with other work the best
 * block shows what the kernels can do and the median what they did.
 */
public final class GemmBenchmark {
    private static final int[][] WIDTHS = {{784, 512, 512, 512, 10}, {500, 400, 400, 400, 1}};
    private static final String[] NAMES = {"W1", "W2"};
    private static final int[] BATCHES = {128, 64};

    /** Whether the vector kernels run, and so whether their FMA ceiling is measured. */
    private static final boolean VECTOR_KERNELS = "vector".equals(FloatGemm.implementation());

    private static boolean best;

    private GemmBenchmark() {
    }

    public static void main(String[] args) {
        int[] threadCounts = {1, 2};
        int repeats = 9;
        long millis = 40;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads":
                    threadCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                    break;
                case "--repeats":
                    repeats = Integer.parseInt(args[++i]);
                    break;
                case "--millis":
                    millis = Long.parseLong(args[++i]);
                    break;
                case "--statistic":
                    best = "best".equals(args[++i]);
                    if (!best && !"median".equals(args[i])) {
                        throw new IllegalArgumentException("--statistic must be median or best, got " + args[i]);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: GemmBenchmark"
                            + " [--threads 1,2] [--repeats 9] [--millis 40] [--statistic median|best]");
            }
        }
        System.out.printf(Locale.ROOT, "implementation %s, java %s, %d processors, %s of %d blocks of %d ms%n",
                FloatGemm.implementation(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), best ? "best" : "median", repeats, millis);
        for (int threads : threadCounts) {
            try (KernelThreads t = KernelThreads.of(threads)) {
                warmUp(t);
                for (int w = 0; w < NAMES.length; w++) {
                    for (int batch : BATCHES) {
                        workload(NAMES[w], WIDTHS[w], batch, t, repeats, millis);
                    }
                }
                small(t, repeats, millis);
            }
        }
    }

    /**
     * The GFLOP/s of fused multiply-add chains alone on every thread of {@code t}, from the best of
     * {@code repeats} blocks, or NaN when the vector kernels do not run (their ceiling is then not the vector
     * units').
     */
    private static double peak(KernelThreads t, int repeats, long millis) {
        if (!VECTOR_KERNELS) {
            return Double.NaN;
        }
        long iterations = 50_000;
        float[] sink = new float[t.threads()];
        double seconds = seconds(() -> t.forRanges(t.threads(), Long.MAX_VALUE, (from, to) -> {
            for (int i = from; i < to; i++) {
                sink[i] += FmaChains.run(iterations, i);
            }
        }), repeats, millis, true);
        return t.threads() * FmaChains.flops(iterations) / seconds / 1e9;
    }

    private static void workload(String name, int[] widths, int batch, KernelThreads t, int repeats,
            long millis) {
        double peakBefore = peak(t, repeats, millis);
        System.out.printf(Locale.ROOT, "%s batch %d threads %d   GFLOP/s: forward X·W, dW = Xᵀ·dY, dX = dY·Wᵀ%n",
                name, batch, t.threads());
        double totalFlops = 0;
        double totalSeconds = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            Layer layer = new Layer(batch, widths[l], widths[l + 1]);
            double flops = 2.0 * batch * widths[l] * widths[l + 1];
            double fwd = seconds(() -> FloatGemm.mult(layer.x, layer.w, layer.y, false, t), repeats, millis);
            double dw = seconds(() -> FloatGemm.multTransA(layer.x, layer.dy, layer.dw, false, t), repeats, millis);
            double dx = seconds(() -> FloatGemm.multTransB(layer.dy, layer.w, layer.dx, false, t), repeats, millis);
            System.out.printf(Locale.ROOT, "  %4d x %4d x %4d  %7.1f %7.1f %7.1f%n", batch, widths[l],
                    widths[l + 1], flops / fwd / 1e9, flops / dw / 1e9, flops / dx / 1e9);
            totalFlops += 3 * flops;
            totalSeconds += fwd + dw + dx;
        }
        double gflops = totalFlops / totalSeconds / 1e9;
        double peak = Math.max(peakBefore, peak(t, repeats, millis));
        System.out.printf(Locale.ROOT, "  all layers, all three products: %.1f GFLOP/s, %.3f ms per step%s%n",
                gflops, totalSeconds * 1e3, Double.isNaN(peak) ? "; FMA peak not measured: the vector kernels do"
                        + " not run" : String.format(Locale.ROOT, "; %.0f %% of the FMA peak of %.1f GFLOP/s",
                        100 * gflops / peak, peak));
    }

    /** Products of readout size and a little larger: the cost of a call, including any dispatch to workers. */
    private static void small(KernelThreads t, int repeats, long millis) {
        System.out.printf(Locale.ROOT, "small products, threads %d   microseconds per call: X·W, Xᵀ·dY, dY·Wᵀ%n",
                t.threads());
        int[][] shapes = {{64, 400, 1}, {64, 400, 10}, {128, 512, 10}, {64, 64, 64}, {128, 128, 128}};
        for (int[] s : shapes) {
            Layer layer = new Layer(s[0], s[1], s[2]);
            double fwd = seconds(() -> FloatGemm.mult(layer.x, layer.w, layer.y, false, t), repeats, millis);
            double dw = seconds(() -> FloatGemm.multTransA(layer.x, layer.dy, layer.dw, false, t), repeats, millis);
            double dx = seconds(() -> FloatGemm.multTransB(layer.dy, layer.w, layer.dx, false, t), repeats, millis);
            System.out.printf(Locale.ROOT, "  %4d x %4d x %4d  %7.2f %7.2f %7.2f%n", s[0], s[1], s[2], fwd * 1e6,
                    dw * 1e6, dx * 1e6);
        }
    }

    private static void warmUp(KernelThreads t) {
        for (int[] widths : WIDTHS) {
            Layer layer = new Layer(128, widths[0], widths[1]);
            seconds(() -> {
                FloatGemm.mult(layer.x, layer.w, layer.y, false, t);
                FloatGemm.multTransA(layer.x, layer.dy, layer.dw, false, t);
                FloatGemm.multTransB(layer.dy, layer.w, layer.dx, false, t);
            }, 3, 300);
        }
        if (VECTOR_KERNELS) {
            // Short calls until the JIT has compiled the chains: a first long call would set the block size.
            float[] sink = new float[1];
            for (long end = System.nanoTime() + 300_000_000L; System.nanoTime() < end; ) {
                sink[0] += FmaChains.run(1_000, 0);
            }
        }
    }

    /** Median (or least) seconds per call over {@code repeats} timed blocks of about {@code millis} ms each. */
    private static double seconds(Runnable op, int repeats, long millis) {
        return seconds(op, repeats, millis, best);
    }

    /** As {@link #seconds(Runnable, int, long)}, the least of the blocks when {@code least}, else their median. */
    private static double seconds(Runnable op, int repeats, long millis, boolean least) {
        long start = System.nanoTime();
        op.run();
        long once = Math.max(1, System.nanoTime() - start);
        long calls = Math.max(1, millis * 1_000_000 / once);
        for (long c = 0; c < calls; c++) {
            op.run();
        }
        List<Double> samples = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            start = System.nanoTime();
            for (long c = 0; c < calls; c++) {
                op.run();
            }
            samples.add((System.nanoTime() - start) / 1e9 / calls);
        }
        samples.sort(null);
        return samples.get(least ? 0 : repeats / 2);
    }

    /** Operands of one dense layer: input batch×in, weights in×out, output gradient batch×out. */
    private static final class Layer {
        final FMatrixRMaj x;
        final FMatrixRMaj w;
        final FMatrixRMaj dy;
        final FMatrixRMaj y = new FMatrixRMaj(1, 1);
        final FMatrixRMaj dw = new FMatrixRMaj(1, 1);
        final FMatrixRMaj dx = new FMatrixRMaj(1, 1);

        Layer(int batch, int in, int out) {
            SplittableRandom random = new SplittableRandom(batch * 7919L + in * 31L + out);
            x = random(batch, in, random);
            w = random(in, out, random);
            dy = random(batch, out, random);
        }

        private static FMatrixRMaj random(int rows, int cols, SplittableRandom random) {
            FMatrixRMaj m = new FMatrixRMaj(rows, cols);
            for (int i = 0; i < m.data.length; i++) {
                m.data[i] = (float) (random.nextDouble() - 0.5);
            }
            return m;
        }
    }
}
