package org.defrost.nn.conv;

import org.defrost.kernels.ImageLowering;
import org.defrost.kernels.ImagePooling;
import org.ejml.data.ReshapeMatrix;

/**
 * The element-wise image arithmetic of one precision that the matrix backend lacks: convolution lowering,
 * pooling and batch normalisation. Batches are {@code rows × (H·W·C)} matrices of NHWC images; every method
 * reads and writes the first elements of the matrices' data without reshaping them, and allocates nothing.
 * Results are deterministic: every sum runs in a fixed order (batch-norm statistics are accumulated in double).
 *
 * @param <M> {@code FMatrixRMaj} or {@code DMatrixRMaj}
 */
public interface ImageOps<M extends ReshapeMatrix> {

    /** Lowers {@code rows} images of {@code in} (not modified) into {@code lowered} (modified); see {@link ImageLowering}. */
    void lower(M in, int rows, ImageLowering.Geometry g, M lowered);

    /** The adjoint of {@link #lower}: overwrites {@code grad} (modified) from {@code lowered} (not modified). */
    void scatter(M lowered, int rows, ImageLowering.Geometry g, M grad);

    /** {@code dst = srcᵀ}: src is {@code rows × cols} (its shape), dst receives {@code cols × rows}. src not modified. */
    void transpose(M src, M dst);

    /** Max pooling ({@link ImagePooling#max}); {@code out} modified, {@code in} not. */
    void maxPool(M in, int rows, ImagePooling.Window p, M out);

    /**
     * Routes each output gradient to the first input of its window equal to the maximum; {@code grad} overwritten
     * (modified); {@code in} and {@code out} are the forward pass's, not modified.
     */
    void maxPoolBackward(M in, M out, M gradOut, int rows, ImagePooling.Window p, M grad);

    /** Average pooling; {@code out} modified, {@code in} not. */
    void averagePool(M in, int rows, ImagePooling.Window p, M out);

    /** Spreads each output gradient evenly over its window; {@code grad} overwritten (modified). */
    void averagePoolBackward(M gradOut, int rows, ImagePooling.Window p, M grad);

    /**
     * Batch normalisation over the columns of {@code x} viewed as {@code pixels × C} (one statistic per
     * channel): {@code y = γ·x̂ + β}. In training mode {@code x̂ = (x − μ_B)/sqrt(σ²_B + ε)} with the batch's mean
     * and biased variance, and the running statistics move by {@code m ← (1 − momentum)·m + momentum·μ_B},
     * {@code v ← (1 − momentum)·v + momentum·σ²_B·P/(P − 1)} (PyTorch's rule, P = pixels). Otherwise the
     * running statistics normalise and are not modified.
     *
     * @param x      {@code pixels × C} in its first elements. Not modified.
     * @param gamma  {@code 1 × C}; @param beta {@code 1 × C}. Not modified.
     * @param mean   running mean {@code 1 × C}; @param variance running variance {@code 1 × C}. Modified in training.
     * @param xhat   receives x̂ (same layout as x). Modified.
     * @param centre receives the mean used per channel, {@code 1 × C}. Modified.
     * @param invStd receives {@code 1/sqrt(σ² + ε)} per channel, of the statistics used. Modified.
     * @param y      receives y (same layout as x; may not be x). Modified.
     */
    void batchNorm(M x, int pixels, int channels, M gamma, M beta, M mean, M variance, boolean training,
                   double momentum, double eps, M xhat, M centre, M invStd, M y);

    /**
     * Gradients of {@link #batchNorm}: {@code dγ = Σ g·x̂} and {@code dβ = Σ g} (overwritten) and, when
     * {@code dx} is not null, {@code dx = γ·s/P·(P·g − dβ − x̂·dγ)} in training mode or {@code γ·s·g} with the running
     * statistics (s = invStd). {@code g, xhat, gamma, invStd} not modified; {@code dGamma, dBeta, dx} modified.
     */
    void batchNormBackward(M g, int pixels, int channels, M xhat, M gamma, M invStd, boolean training, M dGamma,
                           M dBeta, M dx);
}
