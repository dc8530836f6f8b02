package org.defrost.report.model;

/**
 * The mean errors of one transfer depth over seeds (a row of {@code summary.csv}).
 *
 * @param targetSize          number of target training examples n
 * @param init                how the layers above the frozen ones start: {@code random} or {@code pretrained}
 * @param depth               transfer depth ℓ: layers 1..ℓ copied from the source network and frozen
 * @param seeds               number of seeds averaged
 * @param mean                mean test error (fraction misclassified)
 * @param stderr              standard error of the mean over seeds; NaN with one seed
 * @param meanValidation      mean best-epoch validation error, the quantity ℓ* is chosen on; NaN when not recorded
 * @param stderrValidation    its standard error over seeds; NaN with one seed or when not recorded
 * @param probabilityBest     share of seed-bootstrap resamples in which this (depth, init) has the lowest mean
 *                            validation error; NaN when not recorded
 */
public record DepthPoint(int targetSize, String init, int depth, int seeds, double mean, double stderr,
                         double meanValidation, double stderrValidation, double probabilityBest) {

    /** A point without validation errors (results written before ℓ* was chosen on validation error). */
    public DepthPoint(int targetSize, String init, int depth, int seeds, double mean, double stderr) {
        this(targetSize, init, depth, seeds, mean, stderr, Double.NaN, Double.NaN, Double.NaN);
    }

    /** What depths are ranked by: the mean validation error, or the mean test error when there is none. */
    public double selectionError() {
        return Double.isNaN(meanValidation) ? mean : meanValidation;
    }
}
