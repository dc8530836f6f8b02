package org.defrost.nn.conv;

import org.defrost.kernels.ImageLowering;
import org.defrost.kernels.ImagePooling;
import org.defrost.kernels.KernelThreads;
import org.ejml.data.FMatrixRMaj;

/** {@link ImageOps} in float32; lowering and pooling run on the given kernel threads, batch normalisation on the caller. */
public final class FloatImageOps implements ImageOps<FMatrixRMaj> {
    private final KernelThreads threads;

    /** Operations whose lowering uses {@code threads} (not closed here). */
    public FloatImageOps(KernelThreads threads) {
        this.threads = threads;
    }

    @Override
    public void lower(FMatrixRMaj in, int rows, ImageLowering.Geometry g, FMatrixRMaj lowered) {
        ImageLowering.lower(in.data, rows, g, lowered.data, threads);
    }

    @Override
    public void scatter(FMatrixRMaj lowered, int rows, ImageLowering.Geometry g, FMatrixRMaj grad) {
        ImageLowering.scatter(lowered.data, rows, g, grad.data, threads);
    }

    @Override
    public void transpose(FMatrixRMaj src, FMatrixRMaj dst) {
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
    public void maxPool(FMatrixRMaj in, int rows, ImagePooling.Window p, FMatrixRMaj out) {
        ImagePooling.max(in.data, rows, p, out.data, threads);
    }

    @Override
    public void maxPoolBackward(FMatrixRMaj in, FMatrixRMaj out, FMatrixRMaj gradOut, int rows, ImagePooling.Window p, FMatrixRMaj grad) {
        ImagePooling.maxBackward(in.data, out.data, gradOut.data, rows, p, grad.data, threads);
    }

    @Override
    public void averagePool(FMatrixRMaj in, int rows, ImagePooling.Window p, FMatrixRMaj out) {
        ImagePooling.average(in.data, rows, p, out.data, threads);
    }

    @Override
    public void averagePoolBackward(FMatrixRMaj gradOut, int rows, ImagePooling.Window p, FMatrixRMaj grad) {
        ImagePooling.averageBackward(gradOut.data, rows, p, grad.data, threads);
    }

    @Override
    public void batchNorm(FMatrixRMaj x, int pixels, int channels, FMatrixRMaj gamma, FMatrixRMaj beta,
                          FMatrixRMaj mean, FMatrixRMaj variance, boolean training, double momentum, double eps,
                          FMatrixRMaj xhat, FMatrixRMaj centre, FMatrixRMaj invStd, FMatrixRMaj y) {
        float[] in = x.data;
        float[] s = invStd.data;
        float[] shift = centre.data;
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
                s[ch] = (float) (1 / Math.sqrt(var + eps));
                double unbiased = pixels > 1 ? var * pixels / (pixels - 1) : var;
                mean.data[ch] = (float) ((1 - momentum) * mean.data[ch] + momentum * mu);
                variance.data[ch] = (float) ((1 - momentum) * variance.data[ch] + momentum * unbiased);
                shift[ch] = (float) mu;
            }
            normalise(in, pixels, channels, shift, s, gamma.data, beta.data, xhat.data, y.data);
        } else {
            for (int ch = 0; ch < channels; ch++) {
                s[ch] = (float) (1 / Math.sqrt(variance.data[ch] + eps));
                shift[ch] = mean.data[ch];
            }
            normalise(in, pixels, channels, shift, s, gamma.data, beta.data, xhat.data, y.data);
        }
    }

    /** x̂ = (x − shift)·s, y = γ·x̂ + β. */
    private static void normalise(float[] x, int pixels, int channels, float[] shift, float[] s, float[] gamma,
                                  float[] beta, float[] xhat, float[] y) {
        for (int p = 0; p < pixels; p++) {
            int row = p * channels;
            for (int ch = 0; ch < channels; ch++) {
                float h = (x[row + ch] - shift[ch]) * s[ch];
                xhat[row + ch] = h;
                y[row + ch] = gamma[ch] * h + beta[ch];
            }
        }
    }

    @Override
    public void batchNormBackward(FMatrixRMaj g, int pixels, int channels, FMatrixRMaj xhat, FMatrixRMaj gamma,
                                  FMatrixRMaj invStd, boolean training, FMatrixRMaj dGamma, FMatrixRMaj dBeta,
                                  FMatrixRMaj dx) {
        float[] d = g.data;
        float[] h = xhat.data;
        for (int ch = 0; ch < channels; ch++) {
            double sg = 0;
            double sgh = 0;
            for (int i = ch, end = pixels * channels; i < end; i += channels) {
                sg += d[i];
                sgh += (double) d[i] * h[i];
            }
            dBeta.data[ch] = (float) sg;
            dGamma.data[ch] = (float) sgh;
        }
        if (dx == null) {
            return;
        }
        float[] out = dx.data;
        for (int p = 0; p < pixels; p++) {
            int row = p * channels;
            for (int ch = 0; ch < channels; ch++) {
                float k = gamma.data[ch] * invStd.data[ch];
                out[row + ch] = training
                        ? k / pixels * (pixels * d[row + ch] - dBeta.data[ch] - h[row + ch] * dGamma.data[ch])
                        : k * d[row + ch];
            }
        }
    }
}
