package org.defrost.report.model;

/**
 * The optimal transfer depth for one target size and initialisation (a row of {@code optimal-depths.csv}).
 * Errors are mean test errors over seeds.
 *
 * @param targetSize       number of target training examples n
 * @param init             {@code random} or {@code pretrained}
 * @param layers           number of feature layers L
 * @param depthStar        ℓ*, the depth of lowest mean test error
 * @param mean             mean test error at ℓ*
 * @param stderr           its standard error over seeds
 * @param scratch          mean test error from scratch (ℓ = 0, random)
 * @param standard         mean test error with all feature layers frozen (ℓ = L)
 * @param gainOverScratch  scratch minus the error at ℓ*
 * @param gainOverStandard standard minus the error at ℓ*
 * @param pValue           p-value of the paired test of ℓ* against ℓ = L
 * @param significant      whether that test rejects at the study's level
 */
public record Optimum(int targetSize, String init, int layers, int depthStar, double mean, double stderr,
                      double scratch, double standard, double gainOverScratch, double gainOverStandard,
                      double pValue, boolean significant) {
}
