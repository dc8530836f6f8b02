package org.defrost.study.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Head;
import org.defrost.nn.Network;
import org.defrost.nn.NetworkSpec;
import org.defrost.nn.train.Trainer;
import org.defrost.nn.train.TrainingConfig;
import org.defrost.nn.train.TrainingResult;
import org.defrost.nn.transfer.Transfer;
import org.defrost.nn.transfer.UnfrozenInit;
import org.defrost.spi.Seed;
import org.defrost.study.fast.DepthPredictionParameters;
import org.defrost.study.fast.DepthPredictor;
import org.defrost.study.fast.HalvingSchedule;
import org.defrost.tasks.LabelledSet;

/**
 * What both fast-mode benchmarks share: the small networks and training settings, pre-training a source, the full
 * sweep of one source on one target training set (every starting network trained to early stopping, repeated with
 * fresh initialisations and minibatch orders; ℓ* chosen on mean validation error, ties to the deeper transfer, as
 * {@code fine-tune} chooses), and the fast mode on the same rows.
 */
final class TransferBench {
    /** Feature layers of every source network: L = 4 layers of 32 units. */
    static final List<Integer> HIDDEN = List.of(32, 32, 32, 32);
    /** Training of sweep cells and of the fast mode's candidates. */
    static final TrainingConfig TRAINING = TrainingConfig.defaults().withMaxEpochs(150).withPatience(15)
            .withBatchSize(64);
    /** Training of source networks. */
    static final TrainingConfig PRETRAINING = TrainingConfig.defaults().withMaxEpochs(60).withPatience(8)
            .withBatchSize(64);
    /** Validation rows of a target size n, as fine-tune's default rule: max(50, ceil(0.25 n)). */
    static int validationRows(int n) {
        return Math.max(50, (int) Math.ceil(0.25 * n));
    }

    private TransferBench() {
    }

    /** The training, validation and test sets of one case: n rows to train on, the last v rows of the pool. */
    record Target(Dataset train, Dataset validation, Dataset test) {
        static Target of(LabelledSet pool, LabelledSet test, int n) {
            int v = validationRows(n);
            if (n + v > pool.size()) {
                throw new IllegalArgumentException("the pool of " + pool.size() + " rows cannot supply " + n + " + " + v);
            }
            int[] train = new int[n];
            int[] validation = new int[v];
            for (int i = 0; i < n; i++) {
                train[i] = i;
            }
            for (int i = 0; i < v; i++) {
                validation[i] = pool.size() - v + i;
            }
            return new Target(dataset(pool.select(train)), dataset(pool.select(validation)), dataset(test));
        }
    }

    /**
     * The full sweep's outcome.
     *
     * @param choice           index of the candidate chosen on mean validation error
     * @param validationError  mean validation error of each candidate over repetitions
     * @param testError        mean test error of each candidate over repetitions
     * @param costSampleEpochs epochs × training rows over all cells and repetitions
     * @param seconds          wall time of the sweep
     */
    record Sweep(int choice, double[] validationError, double[] testError, long costSampleEpochs, double seconds) {
    }

    static Dataset dataset(LabelledSet set) {
        return new Dataset(set.inputMatrix(), set.labels());
    }

    /** A source network trained on {@code data} with early stopping on {@code held} (binary tasks). */
    static Network pretrain(LabelledSet data, LabelledSet held, Seed seed) {
        NetworkSpec spec = NetworkSpec.of(data.features(), HIDDEN, 1).withHead(Head.BINARY_LOGISTIC);
        Network network = Network.build(spec, seed.derive("init"));
        try (KernelThreads threads = KernelThreads.of(1)) {
            new Trainer(PRETRAINING).train(network, dataset(data), dataset(held), seed.derive("batches"), threads);
        }
        return network;
    }

    /** The starting networks of a full plan, deepest first, random before pretrained, one at ℓ = L. */
    static List<DepthPredictor.Candidate> candidates(Seed seed) {
        List<DepthPredictor.Candidate> out = new ArrayList<>();
        int layers = HIDDEN.size();
        for (int d = layers; d >= 0; d--) {
            for (String init : d == layers ? List.of("pretrained") : List.of("random", "pretrained")) {
                out.add(new DepthPredictor.Candidate(d, init, seed.derive(d).derive(init).value()));
            }
        }
        return out;
    }

    /** Repetition {@code r} of a candidate: repetition 0 is the candidate itself (the fast mode's seeds). */
    private static long repetitionSeed(DepthPredictor.Candidate c, int r) {
        return r == 0 ? c.seed() : Seed.of(c.seed()).derive("repetition").derive(r).value();
    }

    /** Every candidate trained to early stopping {@code repetitions} times on one thread. */
    static Sweep fullSweep(Network source, Target target, List<DepthPredictor.Candidate> candidates, int repetitions) {
        long start = System.nanoTime();
        int k = candidates.size();
        double[] validation = new double[k];
        double[] test = new double[k];
        long cost = 0;
        NetworkSpec spec = source.spec();
        try (KernelThreads threads = KernelThreads.of(1)) {
            for (int i = 0; i < k; i++) {
                DepthPredictor.Candidate c = candidates.get(i);
                for (int r = 0; r < repetitions; r++) {
                    Seed seed = Seed.of(repetitionSeed(c, r));
                    Network network = Transfer.build(source, spec, c.depth(),
                            c.init().equals("random") ? UnfrozenInit.RANDOM : UnfrozenInit.PRETRAINED, seed.derive("init"));
                    TrainingResult result = new Trainer(TRAINING).train(network, target.train(), target.validation(),
                            seed.derive("batches"), threads);
                    validation[i] += result.best().validationError() / repetitions;
                    test[i] += network.evaluate(target.test(), threads).error() / repetitions;
                    cost += (long) result.epochsRun() * target.train().size();
                }
            }
        }
        int choice = 0;
        for (int i = 1; i < k; i++) {
            if (validation[i] < validation[choice]) {
                choice = i;
            }
        }
        return new Sweep(choice, validation, test, cost, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Settings of the fast mode.
     *
     * @param schedule the halving schedule
     * @param pruning  whether the probes prune clearly worse depths
     */
    record FastSettings(HalvingSchedule schedule, boolean pruning) {
        String text() {
            return String.format(java.util.Locale.ROOT, "initialEpochs %d, halvingGrowth %d, finalists %d, "
                    + "halvingCriterion %s, probePruning %s", schedule.initialEpochs(), schedule.growth(),
                    schedule.finalists(), schedule.criterion().word(), pruning);
        }
    }

    /** The stage's default settings for the benchmark's maxEpochs. */
    static FastSettings defaults() {
        return new FastSettings(DepthPredictionParameters.defaultSchedule(TRAINING.maxEpochs()),
                DepthPredictionParameters.PROBE_PRUNING);
    }

    /** The fast mode on one thread. */
    static DepthPredictor.Prediction fast(Network source, Target target, List<DepthPredictor.Candidate> candidates,
                                          FastSettings settings) {
        try (KernelThreads threads = KernelThreads.of(1)) {
            return DepthPredictor.predict(source, 2, target.train(), target.validation(), candidates, TRAINING,
                    settings.schedule(), DepthPredictionParameters.PROBE_RIDGE, settings.pruning(), () -> false, threads);
        }
    }

    /** A schedule with the given settings and the benchmark's maxEpochs. */
    static HalvingSchedule schedule(int initialEpochs, int growth, int finalists, HalvingSchedule.Criterion criterion) {
        return new HalvingSchedule(initialEpochs, growth, finalists, criterion, TRAINING.maxEpochs());
    }

    /** A task of the benchmark: computes one result. */
    interface Job<T> {
        T call() throws Exception;
    }

    /** Runs the jobs on {@code threads} threads and returns their results in order. */
    static <T> List<T> runAll(List<Job<T>> jobs, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Job<T> job : jobs) {
                futures.add(pool.submit(job::call));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
