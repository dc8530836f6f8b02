package org.defrost.report.model;

/**
 * The mean target test error of one transfer depth, over seeds (a row of {@code summary.csv}).
 *
 * @param targetSize number of target training examples n
 * @param init       how the layers above the frozen ones start: {@code random} or {@code pretrained}
 * @param depth      transfer depth ℓ: layers 1..ℓ copied from the source network and frozen
 * @param seeds      number of seeds averaged
 * @param mean       mean test error (fraction misclassified)
 * @param stderr     standard error of the mean over seeds
 */
public record DepthPoint(int targetSize, String init, int depth, int seeds, double mean, double stderr) {
}
