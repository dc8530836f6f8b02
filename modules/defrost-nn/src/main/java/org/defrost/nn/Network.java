package org.defrost.nn;

import java.util.ArrayList;
import java.util.List;
import org.defrost.kernels.KernelThreads;
import org.defrost.nn.backend.FloatBackend;
import org.defrost.spi.Seed;
import org.ejml.data.FMatrixRMaj;

/**
 * A fully connected float32 network: its architecture, its parameters (see {@link LayerParameters} for
 * shapes) and which layers are frozen.
 *
 * <p>Layer {@code k}'s initial weights come from the stream {@code seed.derive("init").derive(k)}, so a layer's
 * draw does not depend on the other layers: {@link #reinitialize(int, Seed)} with the build seed reproduces
 * the layer a fresh network would have. Not thread-safe; one network is trained by one trainer at a time.
 */
public final class Network extends FreezableNetwork {
    private static final int EVALUATION_BATCH = 1024;
    private static final FloatBackend PLAIN = new FloatBackend(KernelThreads.single());

    private final LayerParameters<FMatrixRMaj> params;

    private Network(LayerParameters<FMatrixRMaj> params, boolean[] frozen) {
        super(frozen);
        this.params = params;
    }

    /** A freshly initialised network with every layer trainable and zero biases. */
    public static Network build(NetworkSpec spec, Seed seed) {
        Network n = zeros(spec);
        for (int k = 1; k <= spec.layerCount(); k++) {
            n.reinitialize(k, seed);
        }
        return n;
    }

    /** A network with all parameters zero and every layer trainable. */
    public static Network zeros(NetworkSpec spec) {
        return new Network(new LayerParameters<>(spec, PLAIN), new boolean[spec.layerCount() + 1]);
    }

    /** The architecture. */
    public NetworkSpec spec() {
        return params.spec();
    }

    /** L + 1, the number of weight layers (the readout is the last). */
    public int layerCount() {
        return params.layerCount();
    }

    /** The live parameters; modifying them modifies this network. */
    public LayerParameters<FMatrixRMaj> parameters() {
        return params;
    }

    /** {@code W_k}, {@code width(k-1) × width(k)} (in × out); the live matrix. */
    public FMatrixRMaj weight(int layer) {
        return params.weight(layer);
    }

    /** {@code b_k}, {@code 1 × width(k)}, or null without biases; the live matrix. */
    public FMatrixRMaj bias(int layer) {
        return params.bias(layer);
    }

    @Override
    protected int unitCount() {
        return layerCount();
    }

    @Override
    protected void checkUnit(int layer) {
        params.weight(layer);
    }

    /**
     * Redraws layer {@code k}'s weights from {@code seed.derive("init").derive(k)} under the spec's init and
     * zeroes its bias. The frozen flag is unchanged.
     */
    public void reinitialize(int layer, Seed seed) {
        NetworkSpec spec = spec();
        FMatrixRMaj w = params.weight(layer);
        double std = spec.init().standardDeviation(spec.width(layer - 1), spec.width(layer));
        Gaussian g = new Gaussian(seed.derive("init").derive(layer).generator());
        int n = w.getNumElements();
        for (int i = 0; i < n; i++) {
            w.data[i] = (float) (std * g.next());
        }
        if (params.bias(layer) != null) {
            params.bias(layer).zero();
        }
    }

    /**
     * Copies the weights and biases of layers {@code first..last} from {@code source} (not modified), whose
     * layers must have the same shapes. Frozen flags are unchanged.
     */
    public void copyLayersFrom(Network source, int first, int last) {
        for (int k = first; k <= last; k++) {
            FMatrixRMaj from = source.weight(k);
            FMatrixRMaj to = weight(k);
            boolean sameBias = (source.bias(k) == null) == (bias(k) == null);
            if (from.numRows != to.numRows || from.numCols != to.numCols || !sameBias) {
                throw new IllegalArgumentException("layer " + k + " differs: source " + from.numRows + "×"
                        + from.numCols + (source.bias(k) == null ? " without" : " with") + " bias, target "
                        + to.numRows + "×" + to.numCols + (bias(k) == null ? " without" : " with") + " bias");
            }
            params.copyLayer(source.params, k, PLAIN);
        }
    }

    /** A deep copy (parameters and frozen flags). */
    public Network copy() {
        Network c = new Network(new LayerParameters<>(spec(), PLAIN), frozenFlags());
        c.copyLayersFrom(this, 1, layerCount());
        return c;
    }

    /**
     * The post-activation output of every layer for a batch: index 0 is a copy of the inputs, 1..L the hidden
     * layers, L+1 the readout's raw output (logits, before the head). Allocates the returned matrices.
     *
     * @param inputs  {@code n × N}. Not modified.
     * @param threads kernel threads for the products
     * @return L+2 matrices of shape {@code n × width(k)}
     */
    public List<FMatrixRMaj> activations(FMatrixRMaj inputs, KernelThreads threads) {
        Propagator<FMatrixRMaj> p = new Propagator<>(new FloatBackend(threads), params, 1, null, inputs.numRows);
        p.forward(inputs);
        List<FMatrixRMaj> out = new ArrayList<>();
        out.add(inputs.copy());
        for (int k = 1; k <= layerCount(); k++) {
            out.add(p.activation(k));
        }
        return out;
    }

    /** The readout's raw outputs (logits) for {@code inputs}, {@code n × K}. {@code inputs} not modified. */
    public FMatrixRMaj outputs(FMatrixRMaj inputs, KernelThreads threads) {
        return activations(inputs, threads).get(layerCount());
    }

    /** Loss, 0/1 error and accuracy on {@code data}, evaluated in batches of 1024 rows. */
    public Evaluation evaluate(Dataset data, KernelThreads threads) {
        return Evaluator.evaluate(new FloatBackend(threads), params, 1, data.inputs(), data.labels(),
                EVALUATION_BATCH);
    }
}
