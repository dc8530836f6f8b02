package org.defrost.cli;

import java.nio.file.Path;
import org.defrost.kernels.KernelThreads;
import org.defrost.similarity.SubsetPlan;
import org.defrost.similarity.cli.SimilarityCommandCore;
import org.defrost.spi.Seed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code defrost similarity}: one similarity measure on representations stored as .npy files. */
@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = {"Computes a representation similarity measure of two arrays and prints it as JSON.",
                "The arrays are row-paired (n points x p features, float32 or float64 .npy as numpy writes them); the "
                        + "JSON object has \"measure\" and \"value\" (and \"stderr\" when the measure averaged random "
                        + "subsets of the points)."},
        footer = {"", "Measures: linear-cka, debiased-cka, rbf-cka (--threshold), information-imbalance (--k, A -> B), "
                + "neighborhood-overlap (--k), label-overlap (--k, --labels; A only), intrinsic-dimension (A only), "
                + "svcca, pwcca, procrustes.", "Exit codes: 0 success, 2 invalid input."})
final class SimilarityCommand extends Subcommand {
    @Option(names = "--measure", required = true, paramLabel = "NAME", description = "The measure to compute.")
    String measure;

    @Option(names = "--k", paramLabel = "K", description = "Neighbours for the neighbourhood measures (defaults: 1 for "
            + "information-imbalance, 30 for the overlaps).")
    Integer k;

    @Option(names = "--threshold", paramLabel = "T", description = "rbf-cka bandwidth factor (default 1.0).")
    Double threshold;

    @Option(names = "--labels", paramLabel = "Y.npy", description = "Integer labels, one per row of A, for label-overlap.")
    Path labels;

    @Option(names = "--subset-size", paramLabel = "N", defaultValue = "" + SubsetPlan.DEFAULT_MAX_SIZE,
            description = "Neighbour-based measures on more points average disjoint random subsets of at most N "
                    + "points (default ${DEFAULT-VALUE}).")
    int subsetSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the random subsets (default 0).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads to compute on (default: the number of cores).")
    Integer threads;

    @Parameters(index = "0", paramLabel = "A.npy", description = "First representation.")
    Path a;

    @Parameters(index = "1", arity = "0..1", paramLabel = "B.npy", description = "Second representation, row-paired with A.")
    Path b;

    @Override
    public Integer call() throws Exception {
        try {
            SubsetPlan subsets = new SubsetPlan(subsetSize, Seed.of(seed));
            int budget = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (budget < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + budget);
            }
            try (KernelThreads t = KernelThreads.of(budget)) {
                out().println(SimilarityCommandCore.run(measure, k, threshold, labels, a, b,
                        subsets, t));
            }
            return 0;
        } catch (IllegalArgumentException e) { // InvalidSimilarityInputException and bad --subset-size
            err().println("defrost: " + e.getMessage());
            return DefrostCommand.INVALID_INPUT;
        } catch (java.nio.file.NoSuchFileException e) {
            err().println("defrost: no such file: " + e.getFile());
            return DefrostCommand.INVALID_INPUT;
        }
    }
}
