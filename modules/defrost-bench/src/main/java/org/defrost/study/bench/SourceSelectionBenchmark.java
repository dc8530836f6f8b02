package org.defrost.study.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.defrost.nn.Network;
import org.defrost.report.model.RankCorrelation;
import org.defrost.spi.Seed;
import org.defrost.study.fast.DepthPredictor;
import org.defrost.study.fast.LayerScores;
import org.defrost.tasks.LabelledSet;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.chmm.ChmmParameters;
import org.defrost.tasks.chmm.ChmmTaskPairGenerator;

/**
 * Source selection on CHMM families: in each family one target task T and candidate source tasks related to it by
 * etaF = etaTheta = η for η in {0.2, 0.5, 0.8, 1.0} (N = 40, D = 10). Each candidate's source network is trained on
 * its own task; the full sweep of each candidate on T's n training rows gives its true gain over scratch (test
 * error of scratch minus that of the ℓ* chosen on validation), the fast mode its predicted best validation error.
 * Reports the Spearman correlation between the predicted and the true ranking per (family, n), averaged, with a
 * 95% bootstrap interval over the (family, n) groups, how often the predicted first is the true first, and the same
 * for two cheaper rankings (best linear probe, best label alignment).
 *
 * <p>T is the source side of CHMM pairs drawn with one seed and different η: the pairs share their source task, so
 * their target tasks are candidate sources at known correlations with it (the mixing is variance preserving, so
 * the relation is symmetric).
 *
 * <p>Arguments: {@code [--families F] [--sizes 40,200] [--repetitions R] [--threads T] [--resamples B]}.
 */
public final class SourceSelectionBenchmark {
    private static final double[] ETAS = {0.2, 0.5, 0.8, 1.0};
    private static final long FIRST_SEED = 3000;

    private SourceSelectionBenchmark() {
    }

    /** One candidate source for one target size: its true and predicted standing. */
    record Standing(double eta, double trueGain, double sweepTestError, double predictedError, double probeError,
                    double alignment, long fastCost, long sweepCost) {
    }

    /** The candidates of one family at one size. */
    record Group(long seed, int n, List<Standing> candidates) {
    }

    public static void main(String[] args) throws Exception {
        int families = 12;
        List<Integer> sizes = List.of(40, 200);
        int repetitions = 3;
        int threads = 2;
        int resamples = 2000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--families" -> families = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--repetitions" -> repetitions = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--resamples" -> resamples = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; see defrost bench source-selection --help");
            }
        }
        TransferBench.FastSettings settings = TransferBench.defaults();
        System.out.printf(Locale.ROOT, "Source selection: %d CHMM families (N=40, D=10), candidates at etaF = etaTheta "
                        + "in %s, sizes %s, L=%d, full sweeps of %d repetitions, fast mode: %s; %d threads%n",
                families, Arrays.toString(ETAS), sizes, TransferBench.HIDDEN.size(), repetitions, settings.text(),
                threads);
        long t0 = System.nanoTime();
        List<Group> groups = run(families, sizes, repetitions, settings, threads);
        report(groups, resamples);
        System.out.printf(Locale.ROOT, "wall time %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    static List<Group> run(int families, List<Integer> sizes, int repetitions, TransferBench.FastSettings settings,
                           int threads)
            throws Exception {
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<TransferBench.Job<List<Group>>> jobs = new ArrayList<>();
        for (int f = 0; f < families; f++) {
            long seed = FIRST_SEED + f;
            jobs.add(() -> family(seed, sizes, largest, repetitions, settings));
        }
        List<Group> out = new ArrayList<>();
        TransferBench.runAll(jobs, threads).forEach(out::addAll);
        return out;
    }

    private static List<Group> family(long seed, List<Integer> sizes, int largest, int repetitions,
                                      TransferBench.FastSettings settings) throws Exception {
        Path dir = Files.createTempDirectory("defrost-source-selection-bench");
        try {
            List<Network> sources = new ArrayList<>();
            LabelledSet targetPool = null;
            LabelledSet targetTest = null;
            for (int k = 0; k < ETAS.length; k++) {
                ChmmParameters p = ChmmParameters.builder().inputDim(40).latentDim(10).etaF(ETAS[k]).etaTheta(ETAS[k])
                        .sourceTrainSize(largest + TransferBench.validationRows(largest)).sourceTestSize(1000)
                        .targetPoolSize(2000).targetTestSize(500).probeSize(10).build();
                TaskPair pair = ChmmTaskPairGenerator.generate(p, Seed.of(seed), dir.resolve("eta" + k));
                LabelledSet pool = pair.load(TaskPairSet.SOURCE_TRAIN);
                if (targetPool == null) {
                    targetPool = pool;
                    targetTest = pair.load(TaskPairSet.SOURCE_TEST);
                } else if (!Arrays.equals(pool.labels(), targetPool.labels())
                        || !Arrays.equals(pool.inputs(), targetPool.inputs())) {
                    throw new IllegalStateException("the pairs of seed " + seed + " do not share their source task");
                }
                sources.add(TransferBench.pretrain(pair.load(TaskPairSet.TARGET_POOL), pair.load(TaskPairSet.TARGET_TEST),
                        Seed.of(seed).derive("candidate").derive(k)));
            }
            List<Group> out = new ArrayList<>();
            for (int n : sizes) {
                TransferBench.Target target = TransferBench.Target.of(targetPool, targetTest, n);
                List<DepthPredictor.Candidate> candidates = TransferBench.candidates(Seed.of(seed).derive("start").derive(n));
                List<Standing> standings = new ArrayList<>();
                for (int k = 0; k < ETAS.length; k++) {
                    TransferBench.Sweep sweep = TransferBench.fullSweep(sources.get(k), target, candidates, repetitions);
                    DepthPredictor.Prediction fast = TransferBench.fast(sources.get(k), target, candidates, settings);
                    double scratch = sweep.testError()[candidates.size() - 2];
                    double chosen = sweep.testError()[sweep.choice()];
                    double probe = fast.layers().stream().mapToDouble(LayerScores.Score::probeValidationError).min()
                            .orElseThrow();
                    double alignment = fast.layers().stream().mapToDouble(LayerScores.Score::labelCka).max().orElseThrow();
                    standings.add(new Standing(ETAS[k], scratch - chosen, chosen, fast.validationError(), probe,
                            alignment, fast.costSampleEpochs(), sweep.costSampleEpochs()));
                }
                out.add(new Group(seed, n, standings));
            }
            return out;
        } finally {
            FastModeBenchmark.delete(dir);
        }
    }

    private static void report(List<Group> groups, int resamples) {
        for (Group g : groups) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  family %d n=%d:", g.seed(), g.n()));
            for (Standing s : g.candidates()) {
                sb.append(String.format(Locale.ROOT, "  eta=%.1f gain %+.3f predicted %.3f", s.eta(), s.trueGain(),
                        s.predictedError()));
            }
            System.out.println(sb);
        }
        summarise("fast mode (predicted best validation error)", groups, Standing::predictedError, resamples);
        summarise("best linear probe (validation error)", groups, Standing::probeError, resamples);
        summarise("best label alignment (linear CKA, higher is better)", groups, s -> -s.alignment(), resamples);
        long fast = groups.stream().flatMap(g -> g.candidates().stream()).mapToLong(Standing::fastCost).sum();
        long sweep = groups.stream().flatMap(g -> g.candidates().stream()).mapToLong(Standing::sweepCost).sum();
        System.out.printf(Locale.ROOT, "compute: fast mode %.3f of the full sweeps in training sample-epochs%n",
                (double) fast / sweep);
    }

    /**
     * Prints the mean Spearman correlation between {@code score} (lower predicts better) and the true gain (higher is
     * better, so the sign is flipped), with a percentile bootstrap interval over groups, and the top-1 accuracy.
     */
    private static void summarise(String name, List<Group> groups, ToDoubleFunction<Standing> score, int resamples) {
        double[] rho = new double[groups.size()];
        int top = 0;
        for (int i = 0; i < groups.size(); i++) {
            List<Standing> c = groups.get(i).candidates();
            double[] predicted = c.stream().mapToDouble(s -> -score.applyAsDouble(s)).toArray();
            double[] truth = c.stream().mapToDouble(Standing::trueGain).toArray();
            rho[i] = spearman(predicted, truth);
            top += argmax(predicted) == argmax(truth) ? 1 : 0;
        }
        double mean = Arrays.stream(rho).average().orElse(Double.NaN);
        SplittableRandom rng = new SplittableRandom(17);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < rho.length; i++) {
                s += rho[rng.nextInt(rho.length)];
            }
            means[b] = s / rho.length;
        }
        Arrays.sort(means);
        System.out.printf(Locale.ROOT, "%s: Spearman %.3f [%.3f, %.3f] (95%% bootstrap over %d groups); predicted first "
                        + "is the true first in %d of %d%n", name, mean, means[(int) (0.025 * resamples)],
                means[(int) Math.min(resamples - 1, Math.floor(0.975 * resamples))], groups.size(), top, groups.size());
    }

    /** Index of the largest value; ties to the first. */
    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Spearman's rank correlation ({@link RankCorrelation#spearman}), 0 when either side is constant: a group whose
     * candidates all score alike ranks nothing, and counts as no correlation in the mean.
     */
    static double spearman(double[] a, double[] b) {
        double rho = RankCorrelation.spearman(a, b);
        return Double.isNaN(rho) ? 0 : rho;
    }
}
