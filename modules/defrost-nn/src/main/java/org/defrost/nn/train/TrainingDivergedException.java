package org.defrost.nn.train;

/** Training produced a NaN or infinite loss; the network's weights are then unusable. */
public final class TrainingDivergedException extends ArithmeticException {
    private final int epoch;
    private final int batch;

    /**
     * @param epoch 1-based epoch
     * @param batch 1-based minibatch within the epoch, or 0 when the validation loss diverged
     */
    public TrainingDivergedException(int epoch, int batch, int batches, double loss, double learningRate) {
        super("training diverged: loss is " + loss + " at epoch " + epoch
                + (batch > 0 ? ", minibatch " + batch + " of " + batches : " (validation loss)")
                + " with learning rate " + learningRate + "; lower the learning rate");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The 1-based epoch in which the loss became non-finite. */
    public int epoch() {
        return epoch;
    }

    /** The 1-based minibatch within the epoch, or 0 for the validation loss. */
    public int batch() {
        return batch;
    }
}
