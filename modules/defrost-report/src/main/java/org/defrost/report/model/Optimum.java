package org.defrost.report.model;

/**
 * The chosen transfer protocol for one target size of a task pair (a row of {@code optimal-depths.csv}): the
 * depth ℓ* and initialisation with the lowest mean validation error, and the test error of that choice.
 * Errors are fractions misclassified, means over seeds.
 *
 * @param targetSize           number of target training examples n as requested
 * @param trainSize            rows the networks were trained on
 * @param validationSize       rows of the early-stopping and selection split; -1 when not recorded
 * @param validationFromBudget whether the validation rows were taken out of the n examples
 * @param layers               number of feature layers L
 * @param seeds                number of seeds
 * @param init                 the chosen initialisation of the layers above ℓ* ({@code random} or {@code pretrained})
 * @param depthStar            ℓ*
 * @param meanValidation       mean validation error at the choice; NaN when not recorded
 * @param mean                 mean test error at the choice
 * @param stderr               its standard error over seeds; NaN with one seed
 * @param scratch              mean test error from scratch (ℓ = 0, random)
 * @param standard             mean test error with all feature layers frozen (ℓ = L)
 * @param gainOverScratch      scratch minus the choice, with its seed-bootstrap interval
 * @param gainOverStandard     ℓ = L minus the choice, with its seed-bootstrap interval
 * @param vsScratch            paired test over seeds of the choice against scratch, on test errors
 * @param vsStandard           paired test over seeds of the choice against ℓ = L, on test errors
 * @param vsNeighbours         paired test of ℓ* against the depths next to it
 * @param probabilityBest      share of seed-bootstrap resamples in which the choice stays the best; NaN when not recorded
 * @param oracleDepthStar      diagnostic: the depth of lowest mean <em>test</em> error; -1 when not recorded
 * @param oracleInit           its initialisation; empty when not recorded
 * @param oracleError          its mean test error (optimistic: chosen on the data it is measured on)
 * @param selection            what the choice was made on
 */
public record Optimum(int targetSize, int trainSize, int validationSize, boolean validationFromBudget, int layers,
                      int seeds, String init, int depthStar, double meanValidation, double mean, double stderr,
                      double scratch, double standard, Gain gainOverScratch, Gain gainOverStandard, PairedTest vsScratch,
                      PairedTest vsStandard, PairedTest vsNeighbours, double probabilityBest, int oracleDepthStar,
                      String oracleInit, double oracleError, Selection selection) {

    /** What ℓ* was chosen on. */
    public enum Selection {
        /** Mean validation error: the test error of the choice is an honest estimate. */
        VALIDATION,
        /** Mean test error: results written before validation-based selection; optimistic. */
        TEST
    }

    /**
     * A difference of mean test errors with its seed-bootstrap interval.
     *
     * @param value the difference (positive: the choice is better)
     * @param low   lower end of the interval; NaN with one seed or when not recorded
     * @param high  upper end of the interval; NaN with one seed or when not recorded
     */
    public record Gain(double value, double low, double high) {
        /** Whether an interval was computed. */
        public boolean hasInterval() {
            return !Double.isNaN(low) && !Double.isNaN(high);
        }
    }

    /**
     * A paired test over seeds.
     *
     * @param pValue      its p-value; NaN with one seed or when not run
     * @param significant whether it rejects at the study's level
     */
    public record PairedTest(double pValue, boolean significant) {
        /** No test (one seed, or not recorded). */
        public static final PairedTest NONE = new PairedTest(Double.NaN, false);
    }
}
