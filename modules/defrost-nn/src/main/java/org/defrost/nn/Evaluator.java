package org.defrost.nn;

import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/** Loss and error of a network over a large set, in batches, with buffers allocated once. */
public final class Evaluator<M extends ReshapeMatrix> {
    private final Backend<M> backend;
    private final MinibatchPropagation<M> propagator;
    private final M batch;
    private final int[] batchLabels;

    /**
     * @param first    the first computed layer; inputs have width {@code width(first - 1)}
     * @param capacity rows per batch
     */
    public Evaluator(Backend<M> backend, LayerParameters<M> params, int first, int capacity) {
        this(backend, new Propagator<>(backend, params, first, null, capacity), params.spec().width(first - 1),
                capacity);
    }

    /**
     * An evaluator on any network's forward-only propagation.
     *
     * @param propagation ends at the readout, with room for {@code capacity} rows
     * @param inputWidth  columns of the inputs it takes
     */
    public Evaluator(Backend<M> backend, MinibatchPropagation<M> propagation, int inputWidth, int capacity) {
        this.backend = backend;
        this.propagator = propagation;
        this.batch = backend.zeros(capacity, inputWidth);
        this.batchLabels = new int[capacity];
    }

    /**
     * Evaluates layers {@code first..L+1} on {@code inputs}.
     *
     * @param inputs {@code n × width(first-1)}. Not modified.
     * @param labels length n. Not modified.
     */
    public Evaluation run(M inputs, int[] labels) {
        int n = inputs.getNumRows();
        int capacity = batchLabels.length;
        double lossSum = 0;
        long errors = 0;
        for (int from = 0; from < n; from += capacity) {
            int to = Math.min(n, from + capacity);
            backend.copyRows(inputs, from, to, batch);
            System.arraycopy(labels, from, batchLabels, 0, to - from);
            propagator.forward(batch);
            lossSum += propagator.loss(batchLabels) * (to - from);
            errors += propagator.errors(batchLabels);
        }
        return new Evaluation(n == 0 ? Double.NaN : lossSum / n, errors, n);
    }

    /** One-shot evaluation; allocates its buffers. */
    public static <M extends ReshapeMatrix> Evaluation evaluate(Backend<M> backend, LayerParameters<M> params,
                                                                int first, M inputs, int[] labels, int batchSize) {
        int capacity = Math.max(1, Math.min(batchSize, inputs.getNumRows()));
        return new Evaluator<>(backend, params, first, capacity).run(inputs, labels);
    }
}
