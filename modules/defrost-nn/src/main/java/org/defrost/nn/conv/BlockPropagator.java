package org.defrost.nn.conv;

import java.util.ArrayList;
import java.util.List;
import org.defrost.nn.Activation;
import org.defrost.nn.MinibatchPropagation;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/**
 * Forward and backward propagation of batches through blocks {@code first..last} of a block network, every
 * buffer allocated once for up to {@code capacity} rows, so the minibatch loop allocates nothing.
 *
 * <p>Batch normalisation uses batch statistics (and moves its running statistics) only in a trainable block of a
 * training propagator; in a frozen block, and whenever the propagator is forward-only, it uses the running
 * statistics and leaves them unchanged, so a frozen block computes a fixed function. Backward runs from the
 * readout down to the lowest trainable block and no further; frozen blocks between trainable ones pass the
 * gradient on without computing tensor gradients.
 *
 * @param <M> matrix type of the precision
 */
public final class BlockPropagator<M extends ReshapeMatrix> implements MinibatchPropagation<M> {
    private final Backend<M> backend;
    private final BlockParameters<M> params;
    private final boolean[] trainable;
    private final List<Layer<M>> layers = new ArrayList<>();
    private final List<Integer> blockOf = new ArrayList<>();
    private final int firstTrainableLayer;
    private final int inputWidth;
    private final M outputGrad;
    private boolean outputGradientReady;
    private int rows;

    /**
     * @param ops       image arithmetic of the same precision
     * @param params    tensors read (trainable ones never modified) by propagation
     * @param first     the first block computed (1..L+1); its input is block {@code first - 1}'s output
     * @param last      the last block computed; must be L+1 for a training propagator
     * @param trainable flags for blocks 1..L+1 (index 0 unused), or null for a forward-only propagator. Copied.
     * @param capacity  the largest batch, in rows
     */
    public BlockPropagator(Backend<M> backend, ImageOps<M, ?> ops, BlockParameters<M> params, int first, int last,
                           boolean[] trainable, int capacity) {
        Architecture arch = params.architecture();
        int blocks = arch.blockCount() + 1;
        if (first < 1 || first > last || last > blocks) {
            throw new IllegalArgumentException("blocks " + first + ".." + last + " outside 1.." + blocks);
        }
        if (trainable != null && (last != blocks || trainable.length != blocks + 1)) {
            throw new IllegalArgumentException("a training propagator runs to the readout with " + (blocks + 1)
                    + " trainable flags");
        }
        this.backend = backend;
        this.params = params;
        this.trainable = trainable == null ? null : trainable.clone();
        int lowest = last + 1;
        if (this.trainable != null) {
            for (int b = 1; b <= blocks; b++) {
                if (this.trainable[b]) {
                    if (b < first) {
                        throw new IllegalArgumentException("block " + b + " is trainable but below the first computed"
                                + " block " + first);
                    }
                    lowest = Math.min(lowest, b);
                }
            }
            if (lowest > last) {
                throw new IllegalArgumentException("no trainable block among " + first + ".." + last);
            }
        }
        int cap = Math.max(1, capacity);
        int firstTrainable = Integer.MAX_VALUE;
        ImageShape shape = arch.inputOf(first);
        this.inputWidth = shape.size();
        for (int b = first; b <= last; b++) {
            BlockSpec block = arch.block(b);
            boolean learns = this.trainable != null && this.trainable[b];
            Activation act = b == blocks ? null : arch.activation();
            List<LayerSpec> specs = block.layers();
            int activationAt = block.normalised() ? 1 : 0;
            for (int j = 0; j < specs.size(); j++) {
                if (learns && firstTrainable == Integer.MAX_VALUE) {
                    firstTrainable = layers.size();
                }
                boolean passes = layers.size() > firstTrainable; // input gradient needed above the lowest trainable layer
                Activation a = j == activationAt ? act : null;
                List<M> t = params.tensors(b, j);
                LayerSpec s = specs.get(j);
                Layer<M> layer;
                if (s instanceof LayerSpec.Conv c) {
                    layer = new ConvLayer<>(backend, ops, c, shape, t, a, cap, learns, passes);
                } else if (s instanceof LayerSpec.Dense d) {
                    layer = new DenseLayer<>(backend, d, shape, t, a, cap, learns, passes);
                } else if (s instanceof LayerSpec.BatchNorm) {
                    layer = new NormLayer<>(backend, ops, shape, t, a, cap, passes);
                } else {
                    PoolLayer<M> pool = new PoolLayer<>(backend, ops, s, shape, cap, passes);
                    pool.takeActivationDerivative(layers.get(layers.size() - 1)); // pooling never starts a block
                    layer = pool;
                }
                layers.add(layer);
                blockOf.add(b);
                shape = layer.out;
            }
        }
        this.firstTrainableLayer = firstTrainable;
        this.outputGrad = this.trainable == null ? null : backend.zeros(cap, arch.outputs());
    }

    /** Forward pass of {@code batch} ({@code B × width of block first-1's output}, not modified, kept by reference). */
    @Override
    public M forward(M batch) {
        if (batch.getNumCols() != inputWidth) {
            throw new IllegalArgumentException("batch has " + batch.getNumCols() + " columns, expected " + inputWidth);
        }
        rows = batch.getNumRows();
        outputGradientReady = false;
        M x = batch;
        for (int i = 0; i < layers.size(); i++) {
            boolean training = trainable != null && trainable[blockOf.get(i)];
            x = layers.get(i).forward(x, rows, training);
        }
        return x;
    }

    /** The output of the last forward pass: {@code rows × width} of the last block (a reused buffer). */
    public M output() {
        return layers.get(layers.size() - 1).post;
    }

    /** The mean loss of the last forward batch (the propagator must end at the readout). */
    @Override
    public double loss(int[] labels) {
        return backend.loss(params.architecture().head(), output(), labels, null);
    }

    /** The number of misclassified rows of the last forward batch. */
    @Override
    public int errors(int[] labels) {
        return backend.errors(params.architecture().head(), output(), labels);
    }

    /** The mean loss of the last forward batch, storing its gradient for {@link #backward()}. */
    @Override
    public double lossAndGradient(int[] labels) {
        if (trainable == null) {
            throw new IllegalStateException("forward-only propagator");
        }
        outputGrad.reshape(rows, params.architecture().outputs());
        double loss = backend.loss(params.architecture().head(), output(), labels, outputGrad);
        outputGradientReady = true;
        return loss;
    }

    /** Back-propagates the stored loss gradient, filling the trainable blocks' gradients. */
    @Override
    public void backward() {
        if (!outputGradientReady) {
            throw new IllegalStateException("backward needs lossAndGradient after forward");
        }
        M g = outputGrad;
        for (int i = layers.size() - 1; i >= firstTrainableLayer; i--) {
            boolean t = trainable[blockOf.get(i)];
            g = layers.get(i).backward(g, rows, t, t, i > firstTrainableLayer);
        }
        outputGradientReady = false;
    }

    /**
     * The gradients of block {@code block}'s trainable tensors from the last backward pass, aligned with
     * {@link BlockParameters#trainable}; reused buffers.
     */
    public List<M> gradients(int block) {
        if (trainable == null || block < 1 || block >= trainable.length || !trainable[block]) {
            throw new IllegalArgumentException("block " + block + " has no gradients here (frozen or not trained)");
        }
        List<M> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (blockOf.get(i) == block) {
                out.addAll(layers.get(i).gradients());
            }
        }
        return out;
    }
}
