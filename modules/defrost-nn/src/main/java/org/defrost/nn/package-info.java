/**
 * Fully connected networks: architecture ({@link org.defrost.nn.NetworkSpec}: widths, {@link
 * org.defrost.nn.Activation}, {@link org.defrost.nn.Head}, {@link org.defrost.nn.Init}, biases), float32
 * parameters and frozen flags ({@link org.defrost.nn.Network}), propagation ({@link
 * org.defrost.nn.Propagator}), layer activations for the similarity analysis, and evaluation.
 *
 * <p>Conventions: a batch is {@code n × width} with one row per sample; labels are class indices;
 * layers are numbered 1..L from the input (layer 0 is the input) and the readout is L+1; weight
 * {@code W_k} is {@code in × out} ({@code width(k-1) × width(k)}), so a batch maps as {@code A·W_k + b_k}
 * (the transpose of PyTorch's {@code Linear.weight}).
 *
 * <p>Precision: propagation is written once over {@link org.defrost.nn.backend.Backend}; training runs on
 * the float32 backend, and the same classes run on the float64 backend for finite-difference gradient
 * checks (see {@link org.defrost.nn.backend}). Products are bit-identical for any number of kernel threads,
 * and each row of a product depends only on the matching input row, so evaluating in other batch sizes or
 * caching a frozen prefix does not change a bit.
 */
package org.defrost.nn;
