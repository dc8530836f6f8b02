package org.defrost.study.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.defrost.spi.Artifact;
import org.defrost.spi.ParameterException;
import org.defrost.spi.ParameterParts;
import org.defrost.spi.ParameterProblem;
import org.defrost.spi.Parameters;
import org.defrost.tasks.TargetSplit;
import org.defrost.tasks.TaskPair;
import org.defrost.tasks.TaskPairSet;

/**
 * The target sizes a stage trains on and the rule that gives each its validation rows: the parameters that
 * {@link TargetSizes} declares, bound. A size n counts the examples trained on; see {@link TargetSplit}.
 *
 * @param sizes the listed sizes, in the order given; empty when the stage's sizes parameter holds a word instead
 *              of a list (e.g. {@code none})
 * @param split which target rows a size trains and early-stops on
 */
public record TargetSweep(List<Integer> sizes, TargetSplit split) {
    /** The artifact kind holding the target pool. */
    private static final String TASK_PAIR = org.defrost.spi.ArtifactKinds.TASK_PAIR;

    public TargetSweep {
        sizes = List.copyOf(sizes);
    }

    /**
     * Binds {@link TargetSizes#SIZES} and {@link TargetSizes#VALIDATION}. Whether the pool holds every size's rows
     * is checked by {@link #checkPool} and {@link #requireFit}, once the task pair's size is known.
     *
     * @throws ParameterException naming {@code targetSizes} for each size listed twice, and each size that leaves
     *                            nothing to train on once its validation rows are taken from it
     */
    public static TargetSweep of(Parameters p) {
        TargetSplit split = new TargetSplit(p.getDouble("validationFraction"), p.getInt("validationMinimum"),
                p.getBoolean("validationFromBudget"));
        List<Integer> sizes = p.getIntList(TargetSizes.SIZES);
        sizes = sizes == null ? List.of() : sizes;
        ParameterParts parts = new ParameterParts(p);
        Set<Integer> seen = new HashSet<>();
        for (int n : sizes) {
            if (!seen.add(n)) {
                parts.refuse(TargetSizes.SIZES, n + " is listed twice");
            } else if (split.trainingCount(n) < 1) {
                parts.refuse(TargetSizes.SIZES, split.problem(n, Integer.MAX_VALUE));
            }
        }
        parts.check();
        return new TargetSweep(sizes, split);
    }

    /**
     * The check of {@link #requireFit} before anything runs, from the sizes the task pair's producer declares
     * ({@link org.defrost.spi.Stage#checkInputSizes}); no problem when it declares no pool size.
     *
     * @param inputSizes the declared sizes by consumed kind
     */
    public List<ParameterProblem> checkPool(Map<String, Map<String, Long>> inputSizes) {
        Long pool = inputSizes.getOrDefault(TASK_PAIR, Map.of()).get(TaskPair.TARGET_POOL_SIZE);
        if (pool == null) {
            return List.of();
        }
        int rows = (int) Math.min(Integer.MAX_VALUE, pool);
        List<ParameterProblem> problems = new ArrayList<>();
        for (int n : sizes) {
            String problem = split.problem(n, rows);
            if (problem != null) {
                problems.add(new ParameterProblem(TargetSizes.SIZES, problem + " (targetPoolSize of the task pair)"));
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
    public void requireFit(int pool) {
        for (int n : sizes) {
            String problem = split.problem(n, pool);
            if (problem != null) {
                throw new IllegalArgumentException(TargetSizes.SIZES + ": " + problem);
            }
        }
    }

    /**
     * {@link #requireFit(int)} for the target pool of a task-pair artifact.
     *
     * @return the number of rows in its target pool
     */
    public int requireFit(Artifact taskPair) throws IOException {
        int pool = TaskPair.read(taskPair.directory()).size(TaskPairSet.TARGET_POOL);
        requireFit(pool);
        return pool;
    }
}
