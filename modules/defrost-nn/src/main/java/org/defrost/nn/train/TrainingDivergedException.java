package org.defrost.nn.train;

/**
 * Training produced a NaN or infinite loss; the network's weights are then unusable. The message names the
 * loss, the 1-based epoch, the 1-based minibatch within it (or the validation loss) and the learning rate.
 */
public final class TrainingDivergedException extends ArithmeticException {

    /**
     * @param epoch 1-based epoch
     * @param batch 1-based minibatch within the epoch, or 0 when the validation loss diverged
     */
    public TrainingDivergedException(int epoch, int batch, int batches, double loss, double learningRate) {
        super("training diverged: loss is " + loss + " at epoch " + epoch
                + (batch > 0 ? ", minibatch " + batch + " of " + batches : " (validation loss)")
                + " with learning rate " + learningRate + "; lower the learning rate");
    }
}
