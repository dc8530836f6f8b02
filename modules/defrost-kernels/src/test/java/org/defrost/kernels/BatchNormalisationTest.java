package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Batch normalisation in float against its formulas written channel by channel (each statistic a loop over the
 * channel's pixels in double), bit for bit, on one thread and on three.
 */
class BatchNormalisationTest {
    private static final double MOMENTUM = 0.1;
    private static final double EPS = 1e-5;

    @ParameterizedTest(name = "{0} pixels × {1} channels, training {2}, {3} threads")
    @CsvSource({"37, 5, true, 1", "37, 5, false, 1", "1, 3, true, 1", "200, 33, true, 1", "8192, 33, true, 3",
        "8192, 33, false, 3"})
    void matchesTheChannelByChannelFormulas(int pixels, int channels, boolean training, int threadCount) {
        SplittableRandom r = new SplittableRandom(pixels * 7L + channels);
        float[] x = random(r, pixels * channels, 2);
        float[] gamma = random(r, channels, 1);
        float[] beta = random(r, channels, 1);
        float[] mean = random(r, channels, 0.5);
        float[] variance = new float[channels];
        for (int c = 0; c < channels; c++) {
            variance[c] = 0.5f + (float) r.nextDouble();
        }
        float[] g = random(r, pixels * channels, 1);
        float[] expectedMean = mean.clone();
        float[] expectedVariance = variance.clone();
        float[] expectedCentre = new float[channels];
        float[] expectedInvStd = new float[channels];
        float[] expectedGammaGrad = new float[channels];
        float[] expectedBetaGrad = new float[channels];
        for (int c = 0; c < channels; c++) {
            if (training) {
                double sum = 0;
                for (int p = 0; p < pixels; p++) {
                    sum += x[p * channels + c];
                }
                double mu = sum / pixels;
                double squares = 0;
                for (int p = 0; p < pixels; p++) {
                    double d = x[p * channels + c] - mu;
                    squares += d * d;
                }
                double var = squares / pixels;
                expectedInvStd[c] = (float) (1 / Math.sqrt(var + EPS));
                double unbiased = pixels > 1 ? var * pixels / (pixels - 1) : var;
                expectedMean[c] = (float) ((1 - MOMENTUM) * mean[c] + MOMENTUM * mu);
                expectedVariance[c] = (float) ((1 - MOMENTUM) * variance[c] + MOMENTUM * unbiased);
                expectedCentre[c] = (float) mu;
            } else {
                expectedInvStd[c] = (float) (1 / Math.sqrt(variance[c] + EPS));
                expectedCentre[c] = mean[c];
            }
        }
        float[] xhat = new float[x.length];
        float[] y = new float[x.length];
        float[] centre = new float[channels];
        float[] invStd = new float[channels];
        BatchNormalisation.ChannelSums sums = new BatchNormalisation.ChannelSums(channels);
        try (KernelThreads threads = KernelThreads.of(threadCount)) {
            BatchNormalisation.forward(x, pixels, channels, gamma, beta, mean, variance, training, MOMENTUM, EPS, xhat,
                    centre, invStd, y, sums, ElementOps.FLOAT, threads);
        }
        assertArrayEquals(expectedMean, mean);
        assertArrayEquals(expectedVariance, variance);
        assertArrayEquals(expectedCentre, centre);
        assertArrayEquals(expectedInvStd, invStd);
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                int i = p * channels + c;
                float h = (x[i] - centre[c]) * invStd[c];
                assertEquals(h, xhat[i]);
                assertEquals(gamma[c] * h + beta[c], y[i]);
            }
        }
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            double dot = 0;
            for (int p = 0; p < pixels; p++) {
                sum += g[p * channels + c];
                dot += (double) g[p * channels + c] * xhat[p * channels + c];
            }
            expectedBetaGrad[c] = (float) sum;
            expectedGammaGrad[c] = (float) dot;
        }
        float[] gammaGrad = new float[channels];
        float[] betaGrad = new float[channels];
        float[] dx = new float[x.length];
        try (KernelThreads threads = KernelThreads.of(threadCount)) {
            BatchNormalisation.backward(g, pixels, channels, xhat, gamma, invStd, training, gammaGrad, betaGrad, dx,
                    sums, ElementOps.FLOAT, threads);
        }
        assertArrayEquals(expectedBetaGrad, betaGrad);
        assertArrayEquals(expectedGammaGrad, gammaGrad);
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                int i = p * channels + c;
                float k = gamma[c] * invStd[c];
                float expected = training ? k / pixels * (pixels * g[i] - betaGrad[c] - xhat[i] * gammaGrad[c])
                        : k * g[i];
                assertEquals(expected, dx[i]);
            }
        }
    }

    @Test
    void refusesScratchForFewerChannels() {
        float[] four = new float[4];
        assertThrows(IllegalArgumentException.class, () -> BatchNormalisation.backward(four, 1, 4, four, four, four,
                true, four, four, null, new BatchNormalisation.ChannelSums(3), ElementOps.FLOAT,
                KernelThreads.single()));
    }

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }
}
