package org.defrost.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/**
 * The weights and biases of a network in one precision.
 *
 * <p>Layer {@code k} (1-based, readout = {@code L + 1}) has weight {@code W_k} of shape
 * {@code width(k-1) × width(k)} (in × out, the transpose of PyTorch's {@code Linear.weight}) and bias
 * {@code b_k} of shape {@code 1 × width(k)} (absent when the spec has no biases), so a batch {@code A} of
 * layer {@code k-1} outputs maps to {@code Z = A·W_k + b_k}. In × out makes the forward product a plain
 * {@code a·b}, the fastest form of the kernels, for training, evaluation and prefix caching alike.
 *
 * @param <M> matrix type of the precision
 */
public final class LayerParameters<M extends ReshapeMatrix> {
    private final NetworkSpec spec;
    private final List<M> weights;
    private final List<M> biases;

    /** Zero parameters for {@code spec}. Allocates. */
    public LayerParameters(NetworkSpec spec, Backend<M> backend) {
        this.spec = spec;
        List<M> w = new ArrayList<>();
        List<M> b = new ArrayList<>();
        for (int k = 1; k <= spec.layerCount(); k++) {
            w.add(backend.zeros(spec.width(k - 1), spec.width(k)));
            b.add(spec.bias() ? backend.zeros(1, spec.width(k)) : null);
        }
        this.weights = Collections.unmodifiableList(w);
        this.biases = Collections.unmodifiableList(b);
    }

    /** The architecture. */
    public NetworkSpec spec() {
        return spec;
    }

    /** L + 1, the number of weight layers. */
    public int layerCount() {
        return weights.size();
    }

    /** {@code W_k}, {@code width(k-1) × width(k)}; the live matrix. */
    public M weight(int layer) {
        return weights.get(check(layer) - 1);
    }

    /** {@code b_k}, {@code 1 × width(k)}, or null without biases; the live matrix. */
    public M bias(int layer) {
        return biases.get(check(layer) - 1);
    }

    /** Copies the weight and bias of {@code layer} from {@code other} (same precision and shapes). */
    public void copyLayer(LayerParameters<M> other, int layer, Backend<M> backend) {
        backend.copy(other.weight(layer), weight(layer));
        if (bias(layer) != null) {
            backend.copy(other.bias(layer), bias(layer));
        }
    }

    /**
     * These parameters converted to another precision. Allocates.
     *
     * @param from this precision's backend; @param to the target precision's backend
     */
    public <N extends ReshapeMatrix> LayerParameters<N> convert(Backend<M> from, Backend<N> to) {
        LayerParameters<N> out = new LayerParameters<>(spec, to);
        for (int k = 1; k <= layerCount(); k++) {
            convertInto(from, weight(k), to, out.weight(k));
            if (bias(k) != null) {
                convertInto(from, bias(k), to, out.bias(k));
            }
        }
        return out;
    }

    private static <M extends ReshapeMatrix, N extends ReshapeMatrix> void convertInto(
            Backend<M> from, M src, Backend<N> to, N dst) {
        int n = src.getNumRows() * src.getNumCols();
        for (int i = 0; i < n; i++) {
            to.set(dst, i, from.get(src, i));
        }
    }

    private int check(int layer) {
        if (layer < 1 || layer > weights.size()) {
            throw new IllegalArgumentException("layer " + layer + " outside 1.." + weights.size());
        }
        return layer;
    }
}
