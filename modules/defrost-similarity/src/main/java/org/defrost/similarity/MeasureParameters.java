package org.defrost.similarity;

/**
 * Parameters of a measure; null means "not given" (the measure's default applies, and giving a parameter
 * to a measure that does not take it is an error, so that a typo is not silently ignored).
 *
 * @param k         neighbourhood size of {@code information-imbalance} (default 1),
 *                  {@code neighborhood-overlap} and {@code label-overlap} (default 30)
 * @param threshold bandwidth factor of {@code rbf-cka} (default 1.0)
 * @param labels    one integer label per point, required by {@code label-overlap}
 * @param subsets   subset plan of the neighbour-based measures; null for {@link SubsetPlan#standard()}
 */
public record MeasureParameters(Integer k, Double threshold, int[] labels, SubsetPlan subsets) {

    /** No parameters given: every measure uses its defaults. */
    public static MeasureParameters none() {
        return new MeasureParameters(null, null, null, null);
    }

    public MeasureParameters withK(Integer value) {
        return new MeasureParameters(value, threshold, labels, subsets);
    }

    public MeasureParameters withThreshold(Double value) {
        return new MeasureParameters(k, value, labels, subsets);
    }

    public MeasureParameters withLabels(int[] value) {
        return new MeasureParameters(k, threshold, value, subsets);
    }

    public MeasureParameters withSubsets(SubsetPlan value) {
        return new MeasureParameters(k, threshold, labels, value);
    }

    /** The subset plan, or the standard one when none was given. */
    public SubsetPlan subsetsOrStandard() {
        return subsets == null ? SubsetPlan.standard() : subsets;
    }
}
