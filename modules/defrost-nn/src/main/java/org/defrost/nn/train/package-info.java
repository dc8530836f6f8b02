/**
 * Minibatch training: {@link org.defrost.nn.train.Trainer} with a {@link org.defrost.nn.train.TrainingConfig}
 * (optimiser, learning rate and schedule, batch size, epochs, early stopping, weight decay, per-layer rate
 * multipliers) returns a {@link org.defrost.nn.train.TrainingResult} with the per-epoch history.
 *
 * <p>Only trainable layers get optimiser state and weight gradients; backward propagation stops at the
 * lowest trainable layer, and a frozen prefix is evaluated once per dataset and cached. The training loop is
 * generic in the precision ({@code TrainingLoop}, {@code ParameterUpdater}); {@code Trainer} runs it in
 * float32. The minibatch loop allocates nothing, polls the cancellation check before every minibatch and
 * stops with {@link org.defrost.nn.train.TrainingDivergedException} on a non-finite loss.
 */
package org.defrost.nn.train;
