package org.defrost.nn.conv;

import java.util.List;
import org.defrost.kernels.ImageLowering;
import org.defrost.nn.Activation;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/**
 * Convolution as a matrix product: the batch is lowered to {@code (rows·Ho·Wo) × (k·k·Cin)}
 * ({@link ImageLowering}) and multiplied by the weight {@code (k·k·Cin) × Cout}, which gives the NHWC output
 * directly. Backward: {@code dW = (dZᵀ·lowered)ᵀ}, {@code db = column sums of dZ}, and the input gradient is the
 * scatter of {@code dZ·Wᵀ}.
 *
 * <p>The batch goes through in chunks of a few samples, so that the lowered matrix of a chunk (and its gradient)
 * stays in the processor's cache instead of being written out and read back for the whole batch; backward lowers
 * each chunk again. Chunking changes no result: every output row and input-gradient sample belongs to one chunk,
 * and the weight gradient is one product accumulated chunk after chunk in sample order, the same chain of fused
 * multiply-adds per element as one product over the whole batch (the product stores and reloads its float sums
 * between blocks of the summed dimension in any case).
 */
final class ConvLayer<M extends ReshapeMatrix> extends Layer<M> {
    /** Values of a chunk's lowered matrix to aim at: 1 MiB of floats, about a core's share of the cache. */
    private static final int CHUNK_VALUES = 1 << 18;

    private final ImageOps<M, ?> ops;
    private final ImageLowering.Geometry geometry;
    private final M weight;
    private final M bias;
    private final int pixelsOut;
    private final int chunk;
    private final M chunkInput;
    private final M lowered;
    private final M chunkOutput;
    private final M loweredGrad;
    private final M chunkInputGrad;
    private final M weightGrad;
    private final M weightGradT;
    private final M biasGrad;
    private final M inputGrad;
    private M input;

    ConvLayer(Backend<M> backend, ImageOps<M, ?> ops, LayerSpec.Conv spec, ImageShape in, List<M> tensors,
              Activation activation, int capacity, boolean learns, boolean passes) {
        super(backend, in, spec.output(in), activation, capacity);
        this.ops = ops;
        this.geometry = spec.geometry(in);
        this.weight = tensors.get(0);
        this.bias = spec.bias() ? tensors.get(1) : null;
        this.pixelsOut = out.pixels();
        long sampleValues = (long) pixelsOut * geometry.patchSize();
        this.chunk = (int) Math.min(capacity, Math.max(ops.threads(), CHUNK_VALUES / sampleValues));
        this.chunkInput = backend.zeros(chunk, in.size());
        this.lowered = backend.zeros(chunk * pixelsOut, geometry.patchSize());
        this.chunkOutput = backend.zeros(chunk * pixelsOut, out.channels());
        this.loweredGrad = passes ? backend.zeros(chunk * pixelsOut, geometry.patchSize()) : null;
        this.chunkInputGrad = passes ? backend.zeros(chunk, in.size()) : null;
        this.inputGrad = passes ? backend.zeros(capacity, in.size()) : null;
        this.weightGrad = learns ? backend.zeros(weight.getNumRows(), weight.getNumCols()) : null;
        this.weightGradT = learns ? backend.zeros(weight.getNumCols(), weight.getNumRows()) : null;
        this.biasGrad = learns && bias != null ? backend.zeros(1, spec.filters()) : null;
    }

    @Override
    M forward(M x, int rows, boolean training) {
        input = x;
        pre.reshape(rows * pixelsOut, out.channels());
        for (int s0 = 0; s0 < rows; s0 += chunk) {
            int s1 = Math.min(rows, s0 + chunk);
            lowerChunk(s0, s1);
            backend.mult(lowered, weight, chunkOutput, false);
            backend.setRows(chunkOutput, pre, s0 * pixelsOut);
        }
        if (activation == null) {
            if (bias != null) {
                backend.addBiasAndActivate(pre, bias, Activation.LINEAR, pre);
            }
            pre.reshape(rows, out.size());
            return pre;
        }
        // bias and activation in one pass over the (rows·Ho·Wo) × Cout product
        backend.addBiasAndActivate(pre, bias, activation, post);
        pre.reshape(rows, out.size());
        post.reshape(rows, out.size());
        return post;
    }

    /** Lowers samples [s0, s1) of the forward input into {@link #lowered}. */
    private void lowerChunk(int s0, int s1) {
        backend.copyRows(input, s0, s1, chunkInput);
        lowered.reshape((s1 - s0) * pixelsOut, geometry.patchSize());
        ops.lower(chunkInput, s1 - s0, geometry, lowered);
    }

    @Override
    M backward(M g, int rows, boolean training, boolean learn, boolean inputGradient) {
        activationDerivative(g);
        g.reshape(rows * pixelsOut, out.channels());
        if (learn && biasGrad != null) {
            backend.sumRows(g, biasGrad);
        }
        if (inputGradient) {
            inputGrad.reshape(rows, in.size());
        }
        for (int s0 = 0; s0 < rows; s0 += chunk) {
            int s1 = Math.min(rows, s0 + chunk);
            backend.copyRows(g, s0 * pixelsOut, s1 * pixelsOut, chunkOutput);
            if (learn) {
                if (rows > chunk) { // one chunk: the forward pass's lowered matrix is still there
                    lowerChunk(s0, s1);
                }
                // dWᵀ = dZᵀ·lowered packs the narrow dZ as the left operand and copies lowered's rows whole, much
                // cheaper than packing the wide lowered matrix; the sums are the same, in the same order
                backend.multTransA(chunkOutput, lowered, weightGradT, s0 > 0);
            }
            if (inputGradient) {
                backend.multTransB(chunkOutput, weight, loweredGrad, false);
                chunkInputGrad.reshape(s1 - s0, in.size());
                ops.scatter(loweredGrad, s1 - s0, geometry, chunkInputGrad);
                backend.setRows(chunkInputGrad, inputGrad, s0);
            }
        }
        if (learn) {
            ops.transpose(weightGradT, weightGrad);
        }
        g.reshape(rows, out.size());
        return inputGradient ? inputGrad : null;
    }

    @Override
    List<M> gradients() {
        return biasGrad == null ? List.of(weightGrad) : List.of(weightGrad, biasGrad);
    }
}
