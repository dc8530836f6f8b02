package org.defrost.study.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.defrost.nn.Network;
import org.defrost.spi.Seed;
import org.defrost.study.fast.DepthPredictor;
import org.defrost.study.fast.HalvingSchedule;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;
import org.defrost.tasks.chmm.ChmmParameters;
import org.defrost.tasks.chmm.ChmmTaskPairGenerator;

/**
 * The fast mode against the full sweep over a family of CHMM task pairs spanning the knobs (etaF, etaTheta in
 * {0, 0.5, 1}, Dshared in {D, D/2}; N = 40, D = 10, L = 4 layers of 32) at two target sizes: how often the
 * predicted ℓ* is within one layer of the sweep's (chosen on validation error over its repetitions), the compute
 * ratio in training sample-epochs, the test-error regret of the predicted choice, and the failing cases.
 *
 * <p>{@code --tune} runs instead a grid of halving schedules on a tuning family drawn with other seeds and prints
 * which one to use (the most agreement at a compute ratio of at most 1/5 against one repetition of the sweep); the
 * reported family is never used to choose the schedule.
 *
 * <p>Arguments: {@code [--tune] [--pairs-per-setting K] [--sizes 40,200] [--repetitions R] [--threads T]
 * [--initial-epochs E] [--growth G] [--finalists F] [--criterion validationLoss|validationError]
 * [--probe-pruning true|false]}.
 */
public final class FastModeBenchmark {
    private static final double[] ETAS = {0.0, 0.5, 1.0};
    private static final int[] SHARED = {10, 5};
    private static final long REPORTED_SEEDS = 1000;
    private static final long TUNING_SEEDS = 2000;

    private FastModeBenchmark() {
    }

    /** One knob setting and seed of the family. */
    record Pair(double etaF, double etaTheta, int shared, long seed) {
        String name() {
            return String.format(Locale.ROOT, "etaF=%.1f etaTheta=%.1f Dshared=%d seed=%d", etaF, etaTheta, shared, seed);
        }
    }

    /** A full sweep and the fast predictions of one pair at one size. */
    record Case(Pair pair, int n, DepthPredictor.Candidate full, TransferBench.Sweep sweep,
                List<DepthPredictor.Candidate> candidates, List<DepthPredictor.Prediction> fast) {
        int candidateIndex(DepthPredictor.Prediction p) {
            for (int i = 0; i < candidates.size(); i++) {
                if (candidates.get(i).depth() == p.depth() && candidates.get(i).init().equals(p.init())) {
                    return i;
                }
            }
            throw new IllegalStateException("prediction " + p.depth() + "/" + p.init() + " is not a candidate");
        }

        boolean agrees(int schedule) {
            return Math.abs(fast.get(schedule).depth() - full.depth()) <= 1;
        }

        /** Test error of the sweep's cells at the predicted choice minus at the sweep's choice. */
        double regret(int schedule) {
            return sweep.testError()[candidateIndex(fast.get(schedule))] - sweep.testError()[sweep.choice()];
        }
    }

    public static void main(String[] args) throws Exception {
        boolean tune = false;
        int perSetting = 2;
        List<Integer> sizes = List.of(40, 200);
        int repetitions = 3;
        int threads = 2;
        TransferBench.FastSettings defaults = TransferBench.defaults();
        HalvingSchedule chosen = defaults.schedule();
        boolean pruning = defaults.pruning();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--tune" -> tune = true;
                case "--pairs-per-setting" -> perSetting = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--repetitions" -> repetitions = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--initial-epochs" -> chosen = TransferBench.schedule(Integer.parseInt(args[++i]), chosen.growth(),
                        chosen.finalists(), chosen.criterion());
                case "--growth" -> chosen = TransferBench.schedule(chosen.initialEpochs(), Integer.parseInt(args[++i]),
                        chosen.finalists(), chosen.criterion());
                case "--finalists" -> chosen = TransferBench.schedule(chosen.initialEpochs(), chosen.growth(),
                        Integer.parseInt(args[++i]), chosen.criterion());
                case "--criterion" -> chosen = TransferBench.schedule(chosen.initialEpochs(), chosen.growth(),
                        chosen.finalists(), HalvingSchedule.Criterion.fromWord(args[++i]));
                case "--probe-pruning" -> pruning = Boolean.parseBoolean(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + a + "; see defrost bench fast-mode --help");
            }
        }
        List<TransferBench.FastSettings> schedules = tune ? grid()
                : List.of(new TransferBench.FastSettings(chosen, pruning));
        List<Pair> pairs = family(tune ? TUNING_SEEDS : REPORTED_SEEDS, tune ? 1 : perSetting);
        System.out.printf(Locale.ROOT, "Fast mode vs full sweep (%s family): %d CHMM task pairs (N=40, D=10, "
                        + "etaF, etaTheta in {0, 0.5, 1}, Dshared in {10, 5}), sizes %s, L=%d, full sweep %d repetitions "
                        + "of %d starting networks, %d threads%n", tune ? "tuning" : "reported", pairs.size(), sizes,
                TransferBench.HIDDEN.size(), repetitions, TransferBench.candidates(Seed.of(0)).size(), threads);
        long t0 = System.nanoTime();
        List<Case> cases = run(pairs, sizes, repetitions, schedules, threads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (tune) {
            printTuning(cases, schedules, repetitions);
        } else {
            printReport(cases, schedules.get(0), repetitions);
        }
        System.out.printf(Locale.ROOT, "wall time %.0f s%n", seconds);
    }

    /** The tuning grid: first-rung epochs, ranking criterion and probe pruning (growth 2, two finalists). */
    static List<TransferBench.FastSettings> grid() {
        List<TransferBench.FastSettings> out = new ArrayList<>();
        for (int initial : new int[] {1, 2, 4}) {
            for (HalvingSchedule.Criterion c : HalvingSchedule.Criterion.values()) {
                for (boolean pruning : new boolean[] {false, true}) {
                    out.add(new TransferBench.FastSettings(TransferBench.schedule(initial, 2, 2, c), pruning));
                }
            }
        }
        return out;
    }

    static List<Pair> family(long firstSeed, int perSetting) {
        List<Pair> out = new ArrayList<>();
        long seed = firstSeed;
        for (int s = 0; s < perSetting; s++) {
            for (double etaF : ETAS) {
                for (double etaTheta : ETAS) {
                    for (int shared : SHARED) {
                        out.add(new Pair(etaF, etaTheta, shared, seed++));
                    }
                }
            }
        }
        return out;
    }

    static List<Case> run(List<Pair> pairs, List<Integer> sizes, int repetitions, List<TransferBench.FastSettings> schedules,
                          int threads) throws Exception {
        int largest = sizes.stream().max(Comparator.naturalOrder()).orElseThrow();
        List<TransferBench.Job<List<Case>>> jobs = new ArrayList<>();
        for (Pair pair : pairs) {
            jobs.add(() -> {
                Path dir = Files.createTempDirectory("defrost-fast-mode-bench");
                try {
                    ChmmParameters p = ChmmParameters.builder().inputDim(40).latentDim(10).sharedLatentDim(pair.shared())
                            .etaF(pair.etaF()).etaTheta(pair.etaTheta()).sourceTrainSize(2000)
                            .targetPoolSize(largest + TransferBench.validationRows(largest)).sourceTestSize(500)
                            .targetTestSize(1000).probeSize(10).build();
                    TaskPair task = ChmmTaskPairGenerator.generate(p, Seed.of(pair.seed()), dir);
                    Network source = TransferBench.pretrain(task.load(TaskPairSet.SOURCE_TRAIN),
                            task.load(TaskPairSet.SOURCE_TEST), Seed.of(pair.seed()).derive("source"));
                    List<Case> out = new ArrayList<>();
                    for (int n : sizes) {
                        TransferBench.Target target = TransferBench.Target.of(task.load(TaskPairSet.TARGET_POOL),
                                task.load(TaskPairSet.TARGET_TEST), n);
                        List<DepthPredictor.Candidate> candidates =
                                TransferBench.candidates(Seed.of(pair.seed()).derive("start").derive(n));
                        TransferBench.Sweep sweep = TransferBench.fullSweep(source, target, candidates, repetitions);
                        List<DepthPredictor.Prediction> fast = new ArrayList<>();
                        for (TransferBench.FastSettings s : schedules) {
                            fast.add(TransferBench.fast(source, target, candidates, s));
                        }
                        out.add(new Case(pair, n, candidates.get(sweep.choice()), sweep, candidates, fast));
                    }
                    return out;
                } finally {
                    delete(dir);
                }
            });
        }
        List<Case> cases = new ArrayList<>();
        TransferBench.runAll(jobs, threads).forEach(cases::addAll);
        return cases;
    }

    /** Per schedule: agreement, compute ratio against one repetition and against all, mean regret. */
    private static void printTuning(List<Case> cases, List<TransferBench.FastSettings> schedules, int repetitions) {
        System.out.printf(Locale.ROOT, "%-8s %-6s %-9s %-15s %-8s %9s %14s %14s %10s%n", "initial", "growth", "finalists",
                "criterion", "pruning", "agree±1", "ratio/1 rep", "ratio/" + repetitions + " reps", "regret");
        int best = -1;
        double bestAgree = -1;
        double bestRatio = Double.POSITIVE_INFINITY;
        for (int s = 0; s < schedules.size(); s++) {
            HalvingSchedule h = schedules.get(s).schedule();
            double agree = agreement(cases, s);
            double ratio = ratio(cases, s, repetitions) * repetitions;
            System.out.printf(Locale.ROOT, "%-8d %-6d %-9d %-15s %-8s %8.1f%% %14.3f %14.3f %10.4f%n", h.initialEpochs(),
                    h.growth(), h.finalists(), h.criterion().word(), schedules.get(s).pruning(), 100 * agree, ratio,
                    ratio / repetitions, meanRegret(cases, s));
            if (ratio <= 0.2 && (agree > bestAgree || (agree == bestAgree && ratio < bestRatio))) {
                best = s;
                bestAgree = agree;
                bestRatio = ratio;
            }
        }
        if (best < 0) {
            System.out.println("no schedule reaches a compute ratio of 1/5 against one repetition");
        } else {
            System.out.printf(Locale.ROOT, "choice: %s (agreement %.1f%%, ratio %.3f of one repetition)%n",
                    schedules.get(best).text(), 100 * bestAgree, bestRatio);
        }
    }

    private static void printReport(List<Case> cases, TransferBench.FastSettings settings, int repetitions) {
        System.out.println("settings: " + settings.text());
        long probeAgree = cases.stream().filter(c -> Math.abs(c.fast().get(0).probeDepth() - c.full().depth()) <= 1).count();
        long similarityAgree = cases.stream()
                .filter(c -> Math.abs(c.fast().get(0).similarityDepth() - c.full().depth()) <= 1).count();
        long exact = cases.stream().filter(c -> c.fast().get(0).depth() == c.full().depth()).count();
        double ratio = ratio(cases, 0, repetitions);
        System.out.printf(Locale.ROOT, "agreement within one layer: %d of %d cases = %.1f%% (goal >= 80%%); exact: %.1f%%%n",
                Math.round(agreement(cases, 0) * cases.size()), cases.size(), 100 * agreement(cases, 0),
                100.0 * exact / cases.size());
        System.out.printf(Locale.ROOT, "compute: %.3f of the full sweep with %d repetitions, %.3f of one repetition "
                + "(goal <= 0.2) in training sample-epochs; wall time %.3f of the sweep's%n", ratio, repetitions,
                ratio * repetitions, cases.stream().mapToDouble(c -> c.fast().get(0).seconds()).sum()
                        / cases.stream().mapToDouble(c -> c.sweep().seconds()).sum());
        System.out.printf(Locale.ROOT, "test-error regret of the predicted choice (sweep cells): mean %.4f, max %.4f%n",
                meanRegret(cases, 0), cases.stream().mapToDouble(c -> c.regret(0)).max().orElse(Double.NaN));
        int layers = TransferBench.HIDDEN.size();
        double chance = cases.stream().mapToDouble(c -> (Math.min(layers, c.full().depth() + 1)
                - Math.max(0, c.full().depth() - 1) + 1) / (double) (layers + 1)).average().orElse(Double.NaN);
        long deepest = cases.stream().filter(c -> c.full().depth() >= layers - 1).count();
        System.out.printf(Locale.ROOT, "for comparison, within one layer: linear probe alone %.1f%%, label similarity alone "
                        + "%.1f%%, a uniformly random depth %.1f%%, always l = L %.1f%%%n", 100.0 * probeAgree / cases.size(),
                100.0 * similarityAgree / cases.size(), 100 * chance, 100.0 * deepest / cases.size());
        for (int n : cases.stream().map(Case::n).distinct().sorted().toList()) {
            List<Case> at = cases.stream().filter(c -> c.n() == n).toList();
            System.out.printf(Locale.ROOT, "  n=%d: agreement %.1f%%, ratio %.3f of one repetition%n", n,
                    100 * agreement(at, 0), ratio(at, 0, repetitions) * repetitions);
        }
        System.out.println("failing cases (predicted l* more than one layer from the sweep's):");
        for (Case c : cases) {
            if (!c.agrees(0)) {
                DepthPredictor.Prediction p = c.fast().get(0);
                int predicted = c.candidateIndex(p);
                System.out.printf(Locale.ROOT, "  %s n=%d: sweep l*=%d %s (validation %.3f, test %.3f), predicted l*=%d %s "
                                + "(sweep validation %.3f, test %.3f), probe layer %d%n", c.pair().name(), c.n(),
                        c.full().depth(), c.full().init(), c.sweep().validationError()[c.sweep().choice()],
                        c.sweep().testError()[c.sweep().choice()], p.depth(), p.init(),
                        c.sweep().validationError()[predicted], c.sweep().testError()[predicted], p.probeDepth());
            }
        }
    }

    static double agreement(List<Case> cases, int schedule) {
        return (double) cases.stream().filter(c -> c.agrees(schedule)).count() / cases.size();
    }

    /** Fast cost over the full sweep's cost (all repetitions), summed over cases. */
    static double ratio(List<Case> cases, int schedule, int repetitions) {
        long fast = cases.stream().mapToLong(c -> c.fast().get(schedule).costSampleEpochs()).sum();
        long full = cases.stream().mapToLong(c -> c.sweep().costSampleEpochs()).sum();
        return (double) fast / full;
    }

    static double meanRegret(List<Case> cases, int schedule) {
        return cases.stream().mapToDouble(c -> c.regret(schedule)).average().orElse(Double.NaN);
    }

    static void delete(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
