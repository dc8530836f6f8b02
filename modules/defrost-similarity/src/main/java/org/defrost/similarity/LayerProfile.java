package org.defrost.similarity;

/**
 * A one-representation measure (intrinsic dimension, label overlap) on each layer of one network.
 *
 * @param value   one value per layer, layer 0 being the input
 * @param stderr  standard errors across point subsets; NaN when all points were used together
 * @param subsets number of point subsets averaged (1 when all points were used together)
 */
public record LayerProfile(double[] value, double[] stderr, int subsets) {
}
