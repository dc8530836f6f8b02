/**
 * Precision backends: the arithmetic that network, propagation and training code is written against.
 *
 * <p>Design: the logic of forward and backward propagation, losses, optimisers and training is written once
 * over {@link org.defrost.nn.backend.Backend}, generic in the matrix type. {@link
 * org.defrost.nn.backend.FloatBackend} (float32, {@code FloatGemm}) is what training uses;
 * {@link org.defrost.nn.backend.DoubleBackend} (float64, {@code DoubleGemm}) runs the very same propagation
 * code in double precision, where finite differences are accurate enough to check every layer, activation
 * and loss. The only per-precision code is the element-wise loops in the two backends (row copies, losses
 * and error counts are shared, in {@code RowMajorBackend}); tests run every such
 * loop on both backends on the same inputs and require agreement to float precision, so the float loops are
 * tied to the double loops that the gradient checks validate.
 */
package org.defrost.nn.backend;
