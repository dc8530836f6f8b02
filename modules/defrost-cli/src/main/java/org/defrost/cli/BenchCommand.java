package org.defrost.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.defrost.kernels.bench.GemmBenchmark;
import org.defrost.nn.bench.ConvWorkloads;
import org.defrost.nn.bench.TrainBenchmark;
import org.defrost.similarity.bench.SimilarityBenchmark;
import org.defrost.study.bench.FastModeBenchmark;
import org.defrost.study.bench.SourceSelectionBenchmark;
import org.defrost.tasks.bench.ChmmGenerationBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code defrost bench ...}: the performance benchmarks, printing one line of figures per measurement. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Runs a performance benchmark.",
        subcommands = BenchCommand.Train.class)
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark: train, similarity, gemm, chmm, fast-mode or source-selection");
    }

    /** Training throughput on the reference workloads W1 to W4 (see shared/bench/torch_reference.py). */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Measures training throughput in samples per second on the reference workloads.",
                    "W1: MLP 784-512-512-512-10, softmax cross-entropy, Adam 1e-3, batch 128, 5 epochs over 20,000 samples.",
                    "W2: MLP 500-400-400-400-1, logistic loss, Adam 1e-3, batch 64, 10 epochs over 10,000 samples.",
                    "W3: CNN on 1x28x28, conv 32@3x3, pool 2, conv 64@3x3, pool 2, dense 256, 10 classes, batch 128, 2 epochs over 10,000 samples.",
                    "W4: CNN on 3x32x32, 2x conv 32@3x3, pool 2, 2x conv 64@3x3, pool 2, dense 256, 10 classes, batch 64, 1 epoch over 5,000 samples.",
                    "Prints the median of the timed repeats after one warm-up epoch; --sweep and --frozen apply to W1 and W2."})
    static final class Train extends Subcommand {
        @Option(names = "--workload", paramLabel = "W", defaultValue = "all", description = "W1, W2, W3, W4 or all (default).")
        String workload;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Kernel threads per network (default 2).")
        int threads;

        @Option(names = "--sweep", description = "Train two networks at once with one thread each (sweep mode).")
        boolean sweep;

        @Option(names = "--repeats", paramLabel = "R", defaultValue = "3", description = "Timed runs (default 3).")
        int repeats;

        @Option(names = "--frozen", paramLabel = "D", defaultValue = "0",
                description = "Freeze layers 1..D (default 0), training the rest on cached prefix features.")
        int frozen;

        @Option(names = "--no-cache", description = "With --frozen, run the frozen layers every minibatch instead.")
        boolean noCache;

        @Override
        public Integer call() throws Exception {
            boolean all = workload.equalsIgnoreCase("all");
            List<TrainBenchmark.Workload> workloads = all ? List.of(TrainBenchmark.Workload.values()) : List.of();
            List<ConvWorkloads.Workload> convWorkloads = all ? List.of(ConvWorkloads.Workload.values()) : List.of();
            if (!all) {
                String name = workload.toUpperCase(Locale.ROOT);
                if (name.equals("W1") || name.equals("W2")) {
                    workloads = List.of(TrainBenchmark.Workload.valueOf(name));
                } else if (name.equals("W3") || name.equals("W4")) {
                    convWorkloads = List.of(ConvWorkloads.Workload.valueOf(name));
                } else {
                    throw usageError("--workload must be W1, W2, W3, W4 or all, not " + workload);
                }
            }
            if (threads < 1 || repeats < 1 || frozen < 0 || frozen > 3) {
                throw usageError("need --threads >= 1, --repeats >= 1 and --frozen between 0 and 3");
            }
            PrintWriter out = out();
            for (TrainBenchmark.Workload w : workloads) {
                out.println(TrainBenchmark.run(w, threads, sweep, repeats, frozen, !noCache).line());
                out.flush();
            }
            for (ConvWorkloads.Workload w : convWorkloads) {
                out.println(ConvWorkloads.run(w, threads, repeats).line());
                out.flush();
            }
            return 0;
        }
    }

    /** A benchmark's {@code main(String[])}. */
    @FunctionalInterface
    interface Main {
        void run(String[] arguments) throws Exception;
    }

    /**
     * A benchmark that parses its own arguments: they are passed on as given to its {@code main}.
     *
     * @param name        its subcommand's name
     * @param description its help text, one entry per paragraph, the first the one-line summary
     */
    record PassedThrough(String name, Main main, List<String> description) {
        /** A fresh subcommand running this benchmark (fresh, because picocli keeps the arguments it parsed in it). */
        CommandSpec command() {
            CommandSpec command = CommandSpec.forAnnotatedObject(new PassThrough(main)).name(name)
                    .mixinStandardHelpOptions(true);
            command.usageMessage().description(description.toArray(String[]::new));
            return command;
        }
    }

    /** The arguments of a benchmark that parses its own, and the call of its {@code main} with them. */
    static final class PassThrough implements Callable<Integer> {
        private final Main main;

        /** Everything after the benchmark's name, options included, as given. */
        @CommandLine.Unmatched
        String[] args = {};

        PassThrough(Main main) {
            this.main = main;
        }

        @Override
        public Integer call() throws Exception {
            main.run(args);
            return 0;
        }
    }

    /** The benchmarks that parse their own arguments, listed after {@code train} in this order. */
    static final List<PassedThrough> PASSED_THROUGH = List.of(
            new PassedThrough("similarity", SimilarityBenchmark::main,
                    List.of("Times linear CKA (n = 10,000, p = q = 512), information imbalance and neighbourhood "
                            + "overlap (n = 5,000, p = q = 512) from raw float64 matrices to the value.",
                            "Arguments: [--data DIR] [--repeats R] [--warmup W] [--threads N]; --data writes the "
                            + "inputs for similarity_numpy.py.")),
            new PassedThrough("gemm", GemmBenchmark::main,
                    List.of("float32 product throughput (GFLOP/s) on the shapes of a training step, and its share "
                            + "of the GFLOP/s that fused multiply-adds alone reach on the same threads.",
                            "Arguments: [--threads 1,2] [--repeats R] [--millis M] [--statistic median|best].")),
            new PassedThrough("chmm", ChmmGenerationBenchmark::main,
                    List.of("CHMM generation throughput, in memory and streamed to .npy files.",
                            "Arguments as name=value: samples, n, d, threads, block, nonlinearity, repeats, out.")),
            new PassedThrough("fast-mode", FastModeBenchmark::main,
                    List.of("Agreement within one layer of the fast mode's l* with the full sweep's, and the compute "
                            + "ratio, over 36 CHMM task pairs spanning etaF, etaTheta and Dshared at two target sizes.",
                            "Arguments: [--tune] [--pairs-per-setting K] [--sizes 40,200] [--repetitions R] "
                            + "[--threads T] [--initial-epochs E] [--growth G] [--finalists F] "
                            + "[--criterion validationLoss|validationError] [--probe-pruning true|false]; "
                            + "--tune compares halving schedules on a separate tuning family instead.")),
            new PassedThrough("source-selection", SourceSelectionBenchmark::main,
                    List.of("Spearman correlation between the fast mode's ranking of candidate sources and their true "
                            + "gains from full sweeps, over CHMM families, with a bootstrap interval.",
                            "Arguments: [--families F] [--sizes 40,200] [--repetitions R] [--threads T] "
                            + "[--resamples B].")));

    /** Adds the {@link #PASSED_THROUGH} benchmarks to the command line of {@code bench}. */
    static void addPassedThrough(CommandLine bench) {
        for (PassedThrough b : PASSED_THROUGH) {
            bench.addSubcommand(b.name(), b.command());
        }
    }
}
