package org.defrost.nn.conv;

import org.defrost.kernels.ImageLowering;
import org.defrost.kernels.ImagePooling;
import org.defrost.kernels.KernelThreads;
import org.ejml.data.DMatrixRMaj;

/** {@link ImageOps} in float64; lowering and pooling run on the given kernel threads, batch normalisation on the caller. */
public final class DoubleImageOps implements ImageOps<DMatrixRMaj> {
    private final KernelThreads threads;

    /** Operations whose lowering uses {@code threads} (not closed here). */
    public DoubleImageOps(KernelThreads threads) {
        this.threads = threads;
    }

    @Override
    public void lower(DMatrixRMaj in, int rows, ImageLowering.Geometry g, DMatrixRMaj lowered) {
        ImageLowering.lower(in.data, rows, g, lowered.data, threads);
    }

    @Override
    public void scatter(DMatrixRMaj lowered, int rows, ImageLowering.Geometry g, DMatrixRMaj grad) {
        ImageLowering.scatter(lowered.data, rows, g, grad.data, threads);
    }

    @Override
    public void transpose(DMatrixRMaj src, DMatrixRMaj dst) {
        int rows = src.numRows;
        int cols = src.numCols;
        dst.reshape(cols, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dst.data[j * rows + i] = src.data[i * cols + j];
            }
        }
    }

    @Override
    public void maxPool(DMatrixRMaj in, int rows, ImagePooling.Window p, DMatrixRMaj out) {
        ImagePooling.max(in.data, rows, p, out.data, threads);
    }

    @Override
    public void maxPoolBackward(DMatrixRMaj in, DMatrixRMaj out, DMatrixRMaj gradOut, int rows, ImagePooling.Window p, DMatrixRMaj grad) {
        ImagePooling.maxBackward(in.data, out.data, gradOut.data, rows, p, grad.data, threads);
    }

    @Override
    public void averagePool(DMatrixRMaj in, int rows, ImagePooling.Window p, DMatrixRMaj out) {
        ImagePooling.average(in.data, rows, p, out.data, threads);
    }

    @Override
    public void averagePoolBackward(DMatrixRMaj gradOut, int rows, ImagePooling.Window p, DMatrixRMaj grad) {
        ImagePooling.averageBackward(gradOut.data, rows, p, grad.data, threads);
    }

    @Override
    public void batchNorm(DMatrixRMaj x, int pixels, int channels, DMatrixRMaj gamma, DMatrixRMaj beta,
                          DMatrixRMaj mean, DMatrixRMaj variance, boolean training, double momentum, double eps,
                          DMatrixRMaj xhat, DMatrixRMaj centre, DMatrixRMaj invStd, DMatrixRMaj y) {
        double[] in = x.data;
        double[] s = invStd.data;
        double[] shift = centre.data;
        if (training) {
            // Mean and biased variance per channel, two passes in double.
            for (int ch = 0; ch < channels; ch++) {
                double sum = 0;
                for (int i = ch, end = pixels * channels; i < end; i += channels) {
                    sum += in[i];
                }
                double mu = sum / pixels;
                double sq = 0;
                for (int i = ch, end = pixels * channels; i < end; i += channels) {
                    double d = in[i] - mu;
                    sq += d * d;
                }
                double var = sq / pixels;
                s[ch] = (1 / Math.sqrt(var + eps));
                double unbiased = pixels > 1 ? var * pixels / (pixels - 1) : var;
                mean.data[ch] = ((1 - momentum) * mean.data[ch] + momentum * mu);
                variance.data[ch] = ((1 - momentum) * variance.data[ch] + momentum * unbiased);
                shift[ch] = mu;
            }
            normalise(in, pixels, channels, shift, s, gamma.data, beta.data, xhat.data, y.data);
        } else {
            for (int ch = 0; ch < channels; ch++) {
                s[ch] = (1 / Math.sqrt(variance.data[ch] + eps));
                shift[ch] = mean.data[ch];
            }
            normalise(in, pixels, channels, shift, s, gamma.data, beta.data, xhat.data, y.data);
        }
    }

    /** x̂ = (x − shift)·s, y = γ·x̂ + β. */
    private static void normalise(double[] x, int pixels, int channels, double[] shift, double[] s, double[] gamma,
                                  double[] beta, double[] xhat, double[] y) {
        for (int p = 0; p < pixels; p++) {
            int row = p * channels;
            for (int ch = 0; ch < channels; ch++) {
                double h = (x[row + ch] - shift[ch]) * s[ch];
                xhat[row + ch] = h;
                y[row + ch] = gamma[ch] * h + beta[ch];
            }
        }
    }

    @Override
    public void batchNormBackward(DMatrixRMaj g, int pixels, int channels, DMatrixRMaj xhat, DMatrixRMaj gamma,
                                  DMatrixRMaj invStd, boolean training, DMatrixRMaj dGamma, DMatrixRMaj dBeta,
                                  DMatrixRMaj dx) {
        double[] d = g.data;
        double[] h = xhat.data;
        for (int ch = 0; ch < channels; ch++) {
            double sg = 0;
            double sgh = 0;
            for (int i = ch, end = pixels * channels; i < end; i += channels) {
                sg += d[i];
                sgh += (double) d[i] * h[i];
            }
            dBeta.data[ch] = sg;
            dGamma.data[ch] = sgh;
        }
        if (dx == null) {
            return;
        }
        double[] out = dx.data;
        for (int p = 0; p < pixels; p++) {
            int row = p * channels;
            for (int ch = 0; ch < channels; ch++) {
                double k = gamma.data[ch] * invStd.data[ch];
                out[row + ch] = training
                        ? k / pixels * (pixels * d[row + ch] - dBeta.data[ch] - h[row + ch] * dGamma.data[ch])
                        : k * d[row + ch];
            }
        }
    }
}
