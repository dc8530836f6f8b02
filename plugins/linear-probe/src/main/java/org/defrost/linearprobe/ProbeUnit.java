package org.defrost.linearprobe;

import org.defrost.tasks.TargetSplit;

/**
 * The work unit of {@code linear-probe}: one readout on one layer of S for one target size and seed. It holds
 * exactly what determines the probe (with the unit's seed and the contents of its task pair and S).
 *
 * @param targetSize   n as requested
 * @param split        which target rows the readout trains and early-stops on
 * @param layer        the probed layer: 0 the input, 1..L the feature layers of S
 * @param learningRate Adam learning rate of the readout
 * @param weightDecay  L2 penalty on the readout's weights
 * @param batchSize    minibatch size
 * @param maxEpochs    upper bound on epochs
 * @param patience     early stopping: epochs without validation improvement
 * @param standardise  centre and scale each feature with statistics of the training rows
 */
record ProbeUnit(int targetSize, TargetSplit split, int layer, double learningRate, double weightDecay, int batchSize,
                 int maxEpochs, int patience, boolean standardise) {
}
