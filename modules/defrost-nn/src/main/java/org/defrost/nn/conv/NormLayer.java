package org.defrost.nn.conv;

import java.util.List;
import org.defrost.kernels.BatchNormalisation;
import org.defrost.nn.Activation;
import org.defrost.nn.backend.Backend;
import org.ejml.data.ReshapeMatrix;

/**
 * Batch normalisation per channel ({@link ImageOps#batchNorm}), then the block's activation. In training mode
 * it normalises with the batch's statistics and moves the running ones; otherwise (evaluation, or a frozen
 * block) it normalises with the running statistics and leaves them unchanged.
 */
final class NormLayer<M extends ReshapeMatrix> extends Layer<M> {
    private final ImageOps<M, ?> ops;
    private final M gamma;
    private final M beta;
    private final M mean;
    private final M variance;
    private final M xhat;
    private final M centre;
    private final M invStd;
    private final M gammaGrad;
    private final M betaGrad;
    private final M inputGrad;
    private final BatchNormalisation.ChannelSums sums;

    NormLayer(Backend<M> backend, ImageOps<M, ?> ops, ImageShape in, List<M> tensors, Activation activation,
              int capacity, boolean passes) {
        super(backend, in, in, activation, capacity);
        this.ops = ops;
        this.gamma = tensors.get(0);
        this.beta = tensors.get(1);
        this.mean = tensors.get(2);
        this.variance = tensors.get(3);
        this.xhat = backend.zeros(capacity, in.size());
        this.centre = backend.zeros(1, in.channels());
        this.invStd = backend.zeros(1, in.channels());
        this.gammaGrad = backend.zeros(1, in.channels());
        this.betaGrad = backend.zeros(1, in.channels());
        this.inputGrad = passes ? backend.zeros(capacity, in.size()) : null;
        this.sums = new BatchNormalisation.ChannelSums(in.channels());
    }

    @Override
    M forward(M x, int rows, boolean training) {
        int pixels = rows * in.pixels();
        ops.batchNorm(x, pixels, in.channels(), gamma, beta, mean, variance, training,
                LayerSpec.BatchNorm.MOMENTUM, LayerSpec.BatchNorm.EPSILON, xhat, centre, invStd, pre, sums);
        return activate(rows);
    }

    @Override
    M backward(M g, int rows, boolean training, boolean learn, boolean inputGradient) {
        activationDerivative(g);
        M dx = null;
        if (inputGradient) {
            inputGrad.reshape(rows, in.size());
            dx = inputGrad;
        }
        ops.batchNormBackward(g, rows * in.pixels(), in.channels(), xhat, gamma, invStd, training, gammaGrad,
                betaGrad, dx, sums);
        return dx;
    }

    @Override
    List<M> gradients() {
        return List.of(gammaGrad, betaGrad);
    }
}
