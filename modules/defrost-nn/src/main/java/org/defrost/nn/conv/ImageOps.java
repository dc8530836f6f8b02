package org.defrost.nn.conv;

import java.util.function.Function;
import org.defrost.kernels.BatchNormalisation;
import org.defrost.kernels.ElementOps;
import org.defrost.kernels.ImageLowering;
import org.defrost.kernels.ImagePooling;
import org.defrost.kernels.KernelThreads;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.data.ReshapeMatrix;

/**
 * The image arithmetic of one precision that the matrix backend lacks, on matrices: convolution products
 * ({@link Convolution}), pooling and batch normalisation, from {@code defrost-kernels}. Batches are
 * {@code rows × (H·W·C)} matrices of NHWC images; every method reads and writes the first elements of the
 * matrices' data without reshaping them (except {@link #transpose}), and allocates nothing on one thread (but
 * {@link #convolution}, which allocates a layer's buffers). Convolutions, pooling and batch normalisation run on
 * the given kernel threads; results are bit-identical for any number of threads.
 *
 * @param <M> {@code FMatrixRMaj} or {@code DMatrixRMaj}
 * @param <A> the array behind it, {@code float[]} or {@code double[]}
 */
public final class ImageOps<M extends ReshapeMatrix, A> {
    private final ElementOps<A> ops;
    private final Function<M, A> data;
    private final KernelThreads threads;
    private final Factory<M> convolutions;

    /** How a precision builds its {@link Convolution}. */
    private interface Factory<M extends ReshapeMatrix> {
        Convolution<M> create(ImageLowering.Geometry g, int filters, int capacity, boolean passes, KernelThreads t);
    }

    private ImageOps(ElementOps<A> ops, Function<M, A> data, KernelThreads threads, Factory<M> convolutions) {
        this.ops = ops;
        this.data = data;
        this.threads = threads;
        this.convolutions = convolutions;
    }

    /** float32 operations whose convolutions, pooling and normalisation use {@code threads} (not closed here). */
    public static ImageOps<FMatrixRMaj, float[]> floats(KernelThreads threads) {
        return new ImageOps<>(ElementOps.FLOAT, m -> m.data, threads, Convolution.Implicit::new);
    }

    /** float64 operations whose convolutions, pooling and normalisation use {@code threads} (not closed here). */
    public static ImageOps<DMatrixRMaj, double[]> doubles(KernelThreads threads) {
        return new ImageOps<>(ElementOps.DOUBLE, m -> m.data, threads,
                (g, filters, capacity, passes, t) -> new Convolution.Lowered(g, capacity, passes, t));
    }

    /**
     * The products of one convolution layer of geometry {@code g} with {@code filters} output channels, with
     * scratch buffers for up to {@code capacity} samples (allocated here); {@code passes}: the input gradient will
     * be asked for. float32 reads the images in place (implicit GEMM), float64 lowers them explicitly.
     */
    Convolution<M> convolution(ImageLowering.Geometry g, int filters, int capacity, boolean passes) {
        return convolutions.create(g, filters, capacity, passes, threads);
    }

    /** {@code dst = srcᵀ}: src is {@code rows × cols} (its shape), dst is reshaped to {@code cols × rows}. src not modified. */
    public void transpose(M src, M dst) {
        int rows = src.getNumRows();
        int cols = src.getNumCols();
        dst.reshape(cols, rows);
        A s = data.apply(src);
        A d = data.apply(dst);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                ops.set(d, j * rows + i, ops.get(s, i * cols + j)); // exact: widening and narrowing back
            }
        }
    }

    /** Max pooling ({@link ImagePooling#max}); {@code out} modified, {@code in} not. */
    public void maxPool(M in, int rows, ImagePooling.Window p, M out) {
        ImagePooling.max(data.apply(in), rows, p, data.apply(out), ops, threads);
    }

    /**
     * Max pooling that records where each maximum is in {@code maxima} (modified) for {@link #maxPoolBackward};
     * {@code out} modified, {@code in} not.
     */
    public void maxPool(M in, int rows, ImagePooling.Maxima maxima, M out) {
        ImagePooling.max(data.apply(in), rows, maxima, data.apply(out), ops, threads);
    }

    /**
     * Routes each output gradient to the input {@code maxima} recorded for it in the forward pass of this batch
     * ({@link ImagePooling#maxBackward}); {@code grad} overwritten (modified); {@code gradOut, maxima} not modified.
     */
    public void maxPoolBackward(M gradOut, int rows, ImagePooling.Maxima maxima, M grad) {
        ImagePooling.maxBackward(data.apply(gradOut), rows, maxima, data.apply(grad), ops, threads);
    }

    /** Average pooling; {@code out} modified, {@code in} not. */
    public void averagePool(M in, int rows, ImagePooling.Window p, M out) {
        ImagePooling.average(data.apply(in), rows, p, data.apply(out), ops, threads);
    }

    /** Spreads each output gradient evenly over its window; {@code grad} overwritten (modified). */
    public void averagePoolBackward(M gradOut, int rows, ImagePooling.Window p, M grad) {
        ImagePooling.averageBackward(data.apply(gradOut), rows, p, data.apply(grad), ops, threads);
    }

    /**
     * Batch normalisation of {@code x} viewed as {@code pixels × C} ({@link BatchNormalisation#forward}); the
     * per-channel matrices are {@code 1 × C}. {@code x, gamma, beta} not modified; {@code mean, variance} modified
     * in training; {@code xhat, centre, invStd, y, sums} modified.
     */
    public void batchNorm(M x, int pixels, int channels, M gamma, M beta, M mean, M variance, boolean training,
                          double momentum, double eps, M xhat, M centre, M invStd, M y,
                          BatchNormalisation.ChannelSums sums) {
        BatchNormalisation.forward(data.apply(x), pixels, channels, data.apply(gamma), data.apply(beta),
                data.apply(mean), data.apply(variance), training, momentum, eps, data.apply(xhat), data.apply(centre),
                data.apply(invStd), data.apply(y), sums, ops, threads);
    }

    /**
     * Gradients of {@link #batchNorm} ({@link BatchNormalisation#backward}); {@code dx} may be null.
     * {@code g, xhat, gamma, invStd} not modified; {@code dGamma, dBeta, dx, sums} modified.
     */
    public void batchNormBackward(M g, int pixels, int channels, M xhat, M gamma, M invStd, boolean training, M dGamma,
                                  M dBeta, M dx, BatchNormalisation.ChannelSums sums) {
        BatchNormalisation.backward(data.apply(g), pixels, channels, data.apply(xhat), data.apply(gamma),
                data.apply(invStd), training, data.apply(dGamma), data.apply(dBeta), dx == null ? null : data.apply(dx),
                sums, ops, threads);
    }
}
