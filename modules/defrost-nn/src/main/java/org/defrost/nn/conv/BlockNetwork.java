package org.defrost.nn.conv;

import org.defrost.kernels.KernelThreads;
import org.defrost.nn.Dataset;
import org.defrost.nn.Evaluation;
import org.defrost.nn.Evaluator;
import org.defrost.nn.FreezableNetwork;
import org.defrost.nn.backend.FloatBackend;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;

/**
 * A float32 network of blocks ({@link Architecture}): conv and dense blocks {@code 1..L} and the readout
 * {@code L + 1}. Inputs are {@code n × (C·H·W)} matrices of NHWC images (for one channel, NHWC is the row-major
 * image). Transfer depth counts blocks: {@link #freezeThrough}(ℓ) freezes blocks {@code 1..ℓ}, which then keep
 * their tensors, batch-norm statistics included, bit for bit.
 *
 * <p>Block b's initial weights come from {@code seed.derive("init").derive(b)}, independent of the other blocks.
 * Not thread-safe.
 */
public final class BlockNetwork extends FreezableNetwork {
    private static final int CHUNK = 256;
    private static final FloatBackend PLAIN = new FloatBackend(KernelThreads.single());

    private final BlockParameters<FMatrixRMaj> params;

    private BlockNetwork(BlockParameters<FMatrixRMaj> params, boolean[] frozen) {
        super(frozen);
        this.params = params;
    }

    /** A freshly initialised network, every block trainable. */
    public static BlockNetwork build(Architecture architecture, Seed seed) {
        BlockNetwork n = zeros(architecture);
        for (int b = 1; b <= n.blockCount(); b++) {
            n.reinitialize(b, seed);
        }
        return n;
    }

    /** A network with every tensor zero (batch-norm γ and variances too) and every block trainable. */
    public static BlockNetwork zeros(Architecture architecture) {
        return new BlockNetwork(new BlockParameters<>(architecture, PLAIN), new boolean[architecture.blockCount() + 2]);
    }

    /** The architecture. */
    public Architecture architecture() {
        return params.architecture();
    }

    /** L + 1, the number of blocks including the readout. */
    public int blockCount() {
        return params.blockCount();
    }

    /** The live tensors. */
    public BlockParameters<FMatrixRMaj> parameters() {
        return params;
    }

    @Override
    protected int unitCount() {
        return blockCount();
    }

    @Override
    protected void checkUnit(int block) {
        params.all(block);
    }

    /** Redraws block {@code b} from {@code seed} as {@link #build} does; the frozen flag is unchanged. */
    public void reinitialize(int block, Seed seed) {
        params.initialise(block, seed, PLAIN);
    }

    /** Copies every tensor (statistics included) of blocks {@code first..last} from {@code source} (not modified). */
    public void copyBlocksFrom(BlockNetwork source, int first, int last) {
        for (int b = first; b <= last; b++) {
            params.copyBlock(source.params, b, PLAIN);
        }
    }

    /** A deep copy (tensors and frozen flags). */
    public BlockNetwork copy() {
        BlockNetwork c = new BlockNetwork(new BlockParameters<>(architecture(), PLAIN), frozenFlags());
        c.copyBlocksFrom(this, 1, blockCount());
        return c;
    }

    /**
     * The output of block {@code depth} (running batch-norm statistics) for every input row, computed once:
     * the features a network with blocks {@code 1..depth} frozen trains on. Allocates the result.
     *
     * @param inputs {@code n × input size}. Not modified.
     * @return {@code n × outputOf(depth).size()}; for depth 0 a copy of the inputs
     */
    public FMatrixRMaj prefixFeatures(int depth, FMatrixRMaj inputs, KernelThreads threads) {
        return prefixFeatures(new FloatBackend(threads), ImageOps.floats(threads), params, depth, inputs);
    }

    static FMatrixRMaj prefixFeatures(FloatBackend backend, ImageOps<FMatrixRMaj, float[]> ops, BlockParameters<FMatrixRMaj> params,
                                      int depth, FMatrixRMaj inputs) {
        int n = inputs.numRows;
        if (depth == 0) {
            return inputs.copy();
        }
        FMatrixRMaj features = new FMatrixRMaj(n, params.architecture().outputOf(depth).size());
        if (n == 0) {
            return features;
        }
        int capacity = Math.min(CHUNK, n);
        BlockPropagator<FMatrixRMaj> prefix = new BlockPropagator<>(backend, ops, params, 1, depth, null, capacity);
        FMatrixRMaj chunk = new FMatrixRMaj(capacity, inputs.numCols);
        for (int from = 0; from < n; from += capacity) {
            int to = Math.min(n, from + capacity);
            backend.copyRows(inputs, from, to, chunk);
            backend.setRows(prefix.forward(chunk), features, from);
        }
        return features;
    }

    /** The readout's raw outputs (logits), {@code n × K}. {@code inputs} not modified. */
    public FMatrixRMaj outputs(FMatrixRMaj inputs, KernelThreads threads) {
        return prefixFeatures(blockCount(), inputs, threads);
    }

    /** Loss, 0/1 error and accuracy on {@code data} with running batch-norm statistics. */
    public Evaluation evaluate(Dataset data, KernelThreads threads) {
        return evaluate(new FloatBackend(threads), ImageOps.floats(threads), params, 1, data.inputs(), data.labels());
    }

    static Evaluation evaluate(FloatBackend backend, ImageOps<FMatrixRMaj, float[]> ops, BlockParameters<FMatrixRMaj> params,
                               int first, FMatrixRMaj inputs, int[] labels) {
        int n = inputs.numRows;
        if (n == 0) {
            return new Evaluation(Double.NaN, 0, 0);
        }
        int capacity = Math.min(CHUNK, n);
        BlockPropagator<FMatrixRMaj> p = new BlockPropagator<>(backend, ops, params, first, params.blockCount(), null,
                capacity);
        return new Evaluator<>(backend, p, inputs.numCols, capacity).run(inputs, labels);
    }

    /**
     * Bytes needed to train this network on minibatches of {@code batch} rows, excluding the data set: four
     * copies of every tensor (weights, gradients, two optimiser moments) plus, per row, every layer's output,
     * pre-activation and input gradient, and for each convolution whose input gradient is not itself a convolution
     * (stride above 1, {@link org.defrost.kernels.ImageLowering.Geometry#gradientIsConvolution}) the gradient of its
     * lowered input, which that convolution scatters back. Training never writes a lowered input: the products read
     * the images in place.
     */
    public long estimatedMemoryBytes(int batch) {
        Architecture arch = architecture();
        long tensorValues = 0;
        long perRow = arch.input().size();
        for (int b = 1; b <= blockCount(); b++) {
            for (FMatrixRMaj t : params.all(b)) {
                tensorValues += t.getNumElements();
            }
            ImageShape s = arch.inputOf(b);
            for (LayerSpec l : arch.block(b).layers()) {
                ImageShape o = l.output(s);
                perRow += 2L * o.size() + s.size();
                if (l instanceof LayerSpec.Conv c && !c.geometry(s).gradientIsConvolution()) {
                    perRow += (long) o.pixels() * c.geometry(s).patchSize();
                }
                s = o;
            }
        }
        return Float.BYTES * (4 * tensorValues + perRow * Math.max(1, batch));
    }
}
