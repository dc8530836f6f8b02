package org.defrost.nn.conv;

import java.util.List;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/** Max, average or global average pooling; no tensors. */
final class PoolLayer<M extends ReshapeMatrix> extends Layer<M> {
    private final ImageOps<M> ops;
    private final PoolGeometry geometry;
    private final boolean max;
    private final int[] argmax;
    private final M inputGrad;

    PoolLayer(Backend<M> backend, ImageOps<M> ops, LayerSpec spec, ImageShape in, int capacity, boolean passes) {
        super(backend, in, spec.output(in), null, capacity);
        this.ops = ops;
        if (spec instanceof LayerSpec.Pool p) {
            this.geometry = p.geometry(in);
            this.max = p.max();
        } else {
            this.geometry = ((LayerSpec.GlobalAveragePool) spec).geometry(in);
            this.max = false;
        }
        this.argmax = max ? new int[capacity * out.size()] : null;
        this.inputGrad = passes ? backend.zeros(capacity, in.size()) : null;
    }

    @Override
    M forward(M x, int rows, boolean training) {
        pre.reshape(rows, out.size());
        if (max) {
            ops.maxPool(x, rows, geometry, pre, argmax);
        } else {
            ops.averagePool(x, rows, geometry, pre);
        }
        return pre;
    }

    @Override
    M backward(M g, int rows, boolean training, boolean learn, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        inputGrad.reshape(rows, in.size());
        if (max) {
            ops.maxPoolBackward(g, rows, geometry, argmax, inputGrad);
        } else {
            ops.averagePoolBackward(g, rows, geometry, inputGrad);
        }
        return inputGrad;
    }

    @Override
    List<M> gradients() {
        return List.of();
    }
}
