package org.defrost.nn.conv;

import java.util.List;
import org.defrost.kernels.ImagePooling;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/** Max, average or global average pooling; no tensors. */
final class PoolLayer<M extends ReshapeMatrix> extends Layer<M> {
    private final ImageOps<M, ?> ops;
    private final ImagePooling.Window geometry;
    private final boolean max;
    private final M inputGrad;
    private M input;

    PoolLayer(Backend<M> backend, ImageOps<M, ?> ops, LayerSpec spec, ImageShape in, int capacity, boolean passes) {
        super(backend, in, spec.output(in), null, capacity);
        this.ops = ops;
        if (spec instanceof LayerSpec.Pool p) {
            this.geometry = p.geometry(in);
            this.max = p.max();
        } else {
            this.geometry = ((LayerSpec.GlobalAveragePool) spec).geometry(in);
            this.max = false;
        }
        this.inputGrad = passes ? backend.zeros(capacity, in.size()) : null;
    }

    @Override
    M forward(M x, int rows, boolean training) {
        input = x;
        pre.reshape(rows, out.size());
        if (max) {
            ops.maxPool(x, rows, geometry, pre);
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
            ops.maxPoolBackward(input, pre, g, rows, geometry, inputGrad);
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
