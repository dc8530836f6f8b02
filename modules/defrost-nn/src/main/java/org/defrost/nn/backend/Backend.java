package org.defrost.nn.backend;

import org.defrost.nn.Activation;
import org.defrost.nn.Head;
import org.ejml.data.ReshapeMatrix;

/**
 * The arithmetic of one floating-point precision: matrix products, the element-wise kernels of
 * forward and backward propagation, losses and optimiser updates, over row-major EJML matrices.
 *
 * <p>Network, propagation and training code is written once against this interface. {@link FloatBackend}
 * (float32, products on {@code FloatGemm}) trains; {@link DoubleBackend} (float64, products on
 * {@code DoubleGemm}) runs the same code in double precision, which is how gradients are checked against
 * finite differences. Products, optimiser updates and the element-wise kernels of propagation
 * ({@link #addBiasAndActivate}, {@link #multiplyByActivationDerivative}, {@link #sumRows}) run on the backend's
 * kernel threads when they are large enough, every other method on the caller; every result is bit-identical for
 * any number of threads. No method allocates unless it says so (a call spread over threads allocates its small
 * task object).
 *
 * <p>Shapes: a batch is {@code B × width} with one row per sample; a bias is {@code 1 × width}.
 *
 * @param <M> the matrix type, {@code FMatrixRMaj} or {@code DMatrixRMaj}
 */
public interface Backend<M extends ReshapeMatrix> {

    /** A new zero matrix. Allocates. */
    M zeros(int rows, int cols);

    /** Copies {@code src} into {@code dst}, reshaping {@code dst}. {@code src} not modified. */
    void copy(M src, M dst);

    /** Element {@code index} (row-major) as a double. */
    double get(M m, int index);

    /** Sets element {@code index} (row-major), rounding to the precision. */
    void set(M m, int index, double value);

    /** {@code c = a·b} or {@code c += a·b}; {@code c} reshaped when not accumulating. {@code a, b} not modified. */
    void mult(M a, M b, M c, boolean accumulate);

    /** {@code c = aᵀ·b} or {@code c += aᵀ·b}. {@code a, b} not modified. */
    void multTransA(M a, M b, M c, boolean accumulate);

    /** {@code c = a·bᵀ} or {@code c += a·bᵀ}. {@code a, b} not modified. */
    void multTransB(M a, M b, M c, boolean accumulate);

    /**
     * {@code out = act(z + bias)} row by row.
     *
     * @param z    {@code B × W} pre-activation without bias; modified only when {@code out == z}
     * @param bias {@code 1 × W} or null for no bias. Not modified.
     * @param out  {@code B × W}, may be {@code z}; when it is not, {@code z} receives {@code z + bias}
     *             (the pre-activation that {@link Activation#ERF}'s derivative needs). Modified.
     */
    void addBiasAndActivate(M z, M bias, Activation act, M out);

    /**
     * A dense layer's forward pass, {@code out = act(a·w + bias)}, with the same bits as {@link #mult} into
     * {@code z} followed by {@link #addBiasAndActivate}{@code (z, bias, act, out)}. A backend may apply the bias
     * and activation to each tile of the product while it is in cache; then {@code z} is left as it was for an
     * activation whose derivative does not read the pre-activation (all but {@link Activation#ERF}).
     *
     * @param a    {@code B × in}. Not modified.
     * @param w    {@code in × W}. Not modified.
     * @param bias {@code 1 × W} or null. Not modified.
     * @param z    {@code B × W} scratch for the pre-activation, may be {@code out}. Modified.
     * @param out  {@code B × W}, reshaped. Modified.
     */
    void multAddBiasAndActivate(M a, M w, M bias, Activation act, M z, M out);

    /**
     * Back-propagates through the activation: {@code grad *= act'(z)}.
     *
     * @param pre  {@code B × W} pre-activation including bias (read only by {@link Activation#ERF}). Not modified.
     * @param post {@code B × W} activation output (read by the others; may be {@code pre}). Not modified.
     * @param grad {@code B × W} gradient with respect to the output on entry, to the pre-activation on exit. Modified.
     */
    void multiplyByActivationDerivative(Activation act, M pre, M post, M grad);

    /**
     * {@code out(0, j) = sum_i g(i, j)}, each column added in row order; {@code out} reshaped to {@code 1 × W}.
     * {@code g} not modified.
     */
    void sumRows(M g, M out);

    /**
     * The mean loss of a batch and, optionally, its gradient.
     *
     * @param output   {@code B × K} readout output. Not modified.
     * @param labels   labels of the B rows in its first B entries. Not modified.
     * @param gradient {@code B × K} receives the derivative of the mean loss with respect to
     *                 {@code output}, or null for the loss only. Modified.
     * @return the mean over the B rows of the per-sample loss (computed in double)
     */
    double loss(Head head, M output, int[] labels, M gradient);

    /** The number of rows of {@code output} whose predicted class differs from the label. Not modified. */
    int errors(Head head, M output, int[] labels);

    /**
     * Copies rows {@code order[from..to)} of {@code src} into rows {@code 0..to-from} of {@code dst}, reshaping
     * {@code dst} (within its capacity). {@code src, order} not modified.
     */
    void gatherRows(M src, int[] order, int from, int to, M dst);

    /** Copies rows {@code from..to} of {@code src} into {@code dst}, reshaping it. {@code src} not modified. */
    void copyRows(M src, int from, int to, M dst);

    /**
     * Copies every row of {@code src} into {@code dst} starting at row {@code dstRow}; {@code dst} must have
     * the same number of columns and room for the rows. {@code src} not modified; {@code dst} modified.
     */
    void setRows(M src, M dst, int dstRow);

    /**
     * One Adam/AdamW update of {@code param} in place (PyTorch's formulation):
     * {@code g' = g + l2·p; m = β1 m + (1-β1) g'; v = β2 v + (1-β2) g'^2;
     * p = p (1 - lr·decoupled) - (lr / bc1) · m / (sqrt(v) / sqrt(bc2) + eps)}.
     * {@code param, m, v} modified; {@code grad} not modified.
     *
     * @param bc1 {@code 1 - β1^t}; @param bc2 {@code 1 - β2^t}, t = number of steps so far including this one
     */
    void adamStep(M param, M grad, M m, M v, double lr, double beta1, double beta2, double eps,
                  double bc1, double bc2, double l2, double decoupled);

    /**
     * One SGD update of {@code param} in place (PyTorch's formulation, no dampening):
     * {@code g' = g + l2·p; b = μ b + g'; step = nesterov ? g' + μ b : b; p -= lr·step}, with plain
     * {@code p -= lr·g'} when {@code velocity} is null. {@code param, velocity} modified; {@code grad} not.
     */
    void sgdStep(M param, M grad, M velocity, double lr, double momentum, boolean nesterov, double l2);
}
