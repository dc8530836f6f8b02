package org.defrost.study.support;

import java.util.List;
import org.defrost.spi.ParameterSpec;
import org.defrost.tasks.TargetSplit;

/**
 * The target sizes of a stage that trains on the target pool, and where their validation rows come from:
 * the parameters {@code targetSizes}, {@code validationFraction}, {@code validationMinimum} and
 * {@code validationFromBudget}, declared once for every such stage; {@link TargetSweep} binds them. A size n
 * counts the examples trained on; see {@link TargetSplit} for the rows.
 */
public final class TargetSizes {
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
}
