package org.defrost.study.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.ParameterSpec;
import org.defrost.spi.Parameters;
import org.defrost.tasks.TargetSplit;
import org.defrost.tasks.TaskPair;

/**
 * The target sizes of a stage that trains on the target pool, and where their validation rows come from:
 * the parameters {@code targetSizes}, {@code validationFraction}, {@code validationMinimum} and
 * {@code validationFromBudget}, declared once for every such stage, their checks, and the {@link TargetSplit}
 * they describe. A size n counts the examples trained on; see {@link TargetSplit} for the rows.
 */
public final class TargetSizes {
    /** The artifact kind holding the target pool. */
    private static final String TASK_PAIR = "task-pair";
    /** Name of the sizes parameter. */
    public static final String SIZES = "targetSizes";

    /** The validation rule's parameters (defaults: a quarter of n, at least 50 rows, from the rest of the pool). */
    public static final List<ParameterSpec> VALIDATION = List.of(
            ParameterSpec.number("validationFraction", TargetSplit.DEFAULT.fraction(),
                    "Early-stopping validation rows per training example: v(n) = max(validationMinimum, "
                            + "ceil(validationFraction * n)), taken from the rest of the target pool.").withRange(0.01, 1),
            ParameterSpec.integer("validationMinimum", TargetSplit.DEFAULT.minimum(),
                    "Least number of validation rows.").withRange(1, 1_000_000),
            ParameterSpec.bool("validationFromBudget", TargetSplit.DEFAULT.fromBudget(),
                    "Treat each target size as a whole labelled budget: its validation rows are taken out of the n "
                            + "examples (at most half of them), which leaves n - v(n) to train on."));

    private TargetSizes() {
    }

    /** The required {@code targetSizes} parameter, its description completed by {@code whatIsTrained}. */
    public static ParameterSpec sizes(String whatIsTrained) {
        return ParameterSpec.integers(SIZES, null, "Target sizes n: the number of target examples " + whatIsTrained
                + " is trained on (with validationFromBudget, the examples it may use in all).").withRange(2, 100_000_000);
    }

    /** The validation rule of a stage declaring {@link #VALIDATION}. */
    public static TargetSplit split(Parameters p) {
        return new TargetSplit(p.getDouble("validationFraction"), p.getInt("validationMinimum"),
                p.getBoolean("validationFromBudget"));
    }

    /**
     * What is wrong with a stage's sizes without knowing the pool: a size listed twice, or a size that leaves
     * nothing to train on once its validation rows are taken from it. Whether the pool holds every size's
     * rows is checked by {@link #requireFit} once the task pair exists, before anything is trained.
     *
     * @param sizes the sizes, or null when the stage was given none
     */
    public static List<ParameterProblem> validate(List<Integer> sizes, TargetSplit split) {
        List<ParameterProblem> problems = new ArrayList<>();
        if (sizes == null) {
            return problems;
        }
        Set<Integer> seen = new HashSet<>();
        for (int n : sizes) {
            if (!seen.add(n)) {
                problems.add(new ParameterProblem(SIZES, n + " is listed twice"));
            } else if (split.trainingCount(n) < 1) {
                problems.add(new ParameterProblem(SIZES, split.problem(n, Integer.MAX_VALUE)));
            }
        }
        return problems;
    }

    /**
     * The pool check of {@link #requireFit} before anything runs, from the sizes the task pair's producer
     * declares ({@link org.defrost.spi.Stage#checkInputSizes}); no problem when it declares no pool size.
     *
     * @param sizes      the sizes, or null when the stage was given none
     * @param inputSizes the declared sizes by consumed kind
     */
    public static List<ParameterProblem> checkPool(List<Integer> sizes, TargetSplit split,
                                                   Map<String, Map<String, Long>> inputSizes) {
        Long pool = inputSizes.getOrDefault(TASK_PAIR, Map.of()).get(TaskPair.TARGET_POOL_SIZE);
        if (pool == null || sizes == null) {
            return List.of();
        }
        int rows = (int) Math.min(Integer.MAX_VALUE, pool);
        List<ParameterProblem> problems = new ArrayList<>();
        for (int n : sizes) {
            String problem = split.problem(n, rows);
            if (problem != null) {
                problems.add(new ParameterProblem(SIZES, problem + " (targetPoolSize of the task pair)"));
            }
        }
        return problems;
    }

    /**
     * Checks, before anything is trained, that a target pool of {@code pool} rows supplies the training and
     * validation rows of every size.
     *
     * @throws IllegalArgumentException naming the first size that does not fit and how to fix it
     */
    public static void requireFit(List<Integer> sizes, TargetSplit split, int pool) {
        for (int n : sizes) {
            String problem = split.problem(n, pool);
            if (problem != null) {
                throw new IllegalArgumentException(SIZES + ": " + problem);
            }
        }
    }
}
