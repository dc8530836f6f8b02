package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pooling against loops written from the definition, and bit-identical for any number of threads. */
class ImagePoolingTest {

    @ParameterizedTest(name = "B={0} C={1} {2}×{3} window {4}×{5} stride {6}")
    @CsvSource({
        "2, 1, 1, 1, 1, 1, 1",
        "3, 5, 7, 9, 2, 2, 2",
        "2, 17, 6, 5, 3, 3, 2",
        "64, 32, 8, 8, 2, 2, 2",
        "4, 3, 5, 7, 5, 7, 1"
    })
    void matchesTheDefinitionAndIgnoresThreads(int batch, int c, int h, int w, int wh, int ww, int stride) {
        ImagePooling.Window g = new ImagePooling.Window(c, h, w, wh, ww, stride);
        SplittableRandom r = new SplittableRandom(c * 13L + h);
        float[] in = new float[batch * g.inSize()];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) Math.round(r.nextGaussian() * 4) / 4; // ties occur: the first maximum takes the gradient
        }
        float[] gradOut = new float[batch * g.outSize()];
        for (int i = 0; i < gradOut.length; i++) {
            gradOut[i] = (float) r.nextGaussian();
        }
        float[] max = new float[gradOut.length];
        float[] avg = new float[gradOut.length];
        float[] maxGrad = new float[in.length];
        float[] avgGrad = new float[in.length];
        ImagePooling.Maxima maxima = new ImagePooling.Maxima(g, batch);
        ImagePooling.max(in, batch, maxima, max, ElementOps.FLOAT, KernelThreads.single());
        ImagePooling.average(in, batch, g, avg, ElementOps.FLOAT, KernelThreads.single());
        ImagePooling.maxBackward(gradOut, batch, maxima, maxGrad, ElementOps.FLOAT, KernelThreads.single());
        ImagePooling.averageBackward(gradOut, batch, g, avgGrad, ElementOps.FLOAT, KernelThreads.single());
        float[] expectedMaxGrad = new float[in.length];
        double[] expectedAvgGrad = new double[in.length];
        for (int b = 0; b < batch; b++) {
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        int o = ((b * g.outHeight() + oy) * g.outWidth() + ox) * c + ch;
                        float best = Float.NEGATIVE_INFINITY;
                        int bestAt = -1;
                        double sum = 0;
                        for (int dy = 0; dy < wh; dy++) {
                            for (int dx = 0; dx < ww; dx++) {
                                int at = ((b * h + oy * stride + dy) * w + ox * stride + dx) * c + ch;
                                sum += in[at];
                                if (in[at] > best) {
                                    best = in[at];
                                    bestAt = at;
                                }
                                expectedAvgGrad[at] += (double) gradOut[o] / (wh * ww);
                            }
                        }
                        assertEquals(best, max[o]);
                        assertEquals(sum / (wh * ww), avg[o], 1e-5);
                        expectedMaxGrad[bestAt] += gradOut[o];
                    }
                }
            }
        }
        assertArrayEquals(expectedMaxGrad, maxGrad, 1e-5f);
        for (int i = 0; i < in.length; i++) {
            assertEquals(expectedAvgGrad[i], avgGrad[i], 1e-5);
        }
        try (KernelThreads three = KernelThreads.of(3)) {
            float[] max3 = new float[max.length];
            float[] avg3 = new float[avg.length];
            float[] maxGrad3 = new float[in.length];
            float[] avgGrad3 = new float[in.length];
            ImagePooling.Maxima maxima3 = new ImagePooling.Maxima(g, batch);
            ImagePooling.max(in, batch, maxima3, max3, ElementOps.FLOAT, three);
            ImagePooling.average(in, batch, g, avg3, ElementOps.FLOAT, three);
            ImagePooling.maxBackward(gradOut, batch, maxima3, maxGrad3, ElementOps.FLOAT, three);
            ImagePooling.averageBackward(gradOut, batch, g, avgGrad3, ElementOps.FLOAT, three);
            assertArrayEquals(max, max3);
            assertArrayEquals(avg, avg3);
            assertArrayEquals(maxGrad, maxGrad3);
            assertArrayEquals(avgGrad, avgGrad3);
        }
    }
}
