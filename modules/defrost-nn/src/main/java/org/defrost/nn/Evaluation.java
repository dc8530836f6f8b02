package org.defrost.nn;

/**
 * A network's performance on a dataset.
 *
 * @param loss   mean loss per sample under the network's head
 * @param errors number of misclassified samples
 * @param size   number of samples
 */
public record Evaluation(double loss, long errors, long size) {

    /** The 0/1 error: the fraction of misclassified samples (NaN for an empty set). */
    public double error() {
        return size == 0 ? Double.NaN : (double) errors / size;
    }

    /** The accuracy, {@code 1 - error()}. */
    public double accuracy() {
        return 1 - error();
    }
}
