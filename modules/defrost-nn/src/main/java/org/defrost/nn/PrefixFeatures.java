package org.defrost.nn;

import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/**
 * The outputs of layers {@code 1..depth} for a whole dataset, computed once so that a network whose first
 * {@code depth} layers are frozen can train its other layers on them (frozen layers never change, so these
 * features are exactly what every epoch would recompute).
 */
public final class PrefixFeatures {
    private PrefixFeatures() {
    }

    /**
     * Computes layer {@code depth}'s post-activation output for every input row, in chunks of
     * {@code chunkRows} rows. Allocates the result and the chunk buffers.
     *
     * @param inputs {@code n × N}. Not modified.
     * @return {@code n × width(depth)}
     */
    public static <M extends ReshapeMatrix> M compute(Backend<M> backend, LayerParameters<M> params, int depth,
                                                      M inputs, int chunkRows) {
        int n = inputs.getNumRows();
        M features = backend.zeros(n, params.spec().width(depth));
        if (n == 0) {
            return features;
        }
        int capacity = Math.max(1, Math.min(chunkRows, n));
        Propagator<M> prefix = new Propagator<>(backend, params, 1, depth, null, capacity);
        M chunk = backend.zeros(capacity, inputs.getNumCols());
        for (int from = 0; from < n; from += capacity) {
            int to = Math.min(n, from + capacity);
            backend.copyRows(inputs, from, to, chunk);
            prefix.forward(chunk);
            backend.setRows(prefix.activation(depth), features, from);
        }
        return features;
    }
}
