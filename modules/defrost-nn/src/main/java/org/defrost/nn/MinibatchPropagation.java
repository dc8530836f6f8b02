package org.defrost.nn;

import org.ejml.data.ReshapeMatrix;

/**
 * What training and evaluation need of a network's propagation, for one minibatch at a time: the forward pass, the
 * loss and error count, the loss with its gradient, and back-propagation into the trainable tensors' gradients (the
 * last two only for a propagation that trains).
 *
 * @param <M> matrix type of the precision
 */
public interface MinibatchPropagation<M extends ReshapeMatrix> {

    /** Forward pass of {@code batch} ({@code B × input width}; not modified, kept by reference); a reused buffer. */
    M forward(M batch);

    /** The mean loss of the last forward batch (the propagation must end at the readout). */
    double loss(int[] labels);

    /** The number of misclassified rows of the last forward batch. */
    int errors(int[] labels);

    /** The mean loss of the last forward batch, storing its gradient for {@link #backward()}. */
    double lossAndGradient(int[] labels);

    /** Back-propagates the stored loss gradient, filling the trainable tensors' gradients. */
    void backward();
}
