package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pooling against loops written from the definition and hand-computed windows with ties, bit-identical for any
 * number of threads and between the plain and the Vector API float operations.
 */
class ImagePoolingTest {

    /** The float operations named {@code plain} or {@code vector} (skipped without the incubator module). */
    private static ElementOps<float[]> floats(String kind) {
        if (kind.equals("plain")) {
            return new FloatElementOps();
        }
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        return new VectorFloatElementOps();
    }

    @ParameterizedTest(name = "{7}: B={0} C={1} {2}×{3} window {4}×{5} stride {6}")
    @CsvSource({
        "2, 1, 1, 1, 1, 1, 1, plain",
        "3, 5, 7, 9, 2, 2, 2, plain",
        "3, 5, 7, 9, 2, 2, 2, vector",
        "2, 17, 6, 5, 3, 3, 2, vector",
        "64, 32, 8, 8, 2, 2, 2, plain",
        "64, 32, 8, 8, 2, 2, 2, vector",
        "2, 11, 8, 8, 2, 2, 3, vector",
        "4, 3, 5, 7, 5, 7, 1, plain"
    })
    void matchesTheDefinitionAndIgnoresThreads(int batch, int c, int h, int w, int wh, int ww, int stride,
                                               String kind) {
        ElementOps<float[]> ops = floats(kind);
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
        float[] unrecorded = new float[gradOut.length];
        float[] avg = new float[gradOut.length];
        float[] maxGrad = nans(in.length); // every element must be written
        float[] avgGrad = nans(in.length);
        ImagePooling.Maxima maxima = new ImagePooling.Maxima(g, batch);
        ImagePooling.max(in, batch, maxima, max, ops, KernelThreads.single());
        ImagePooling.max(in, batch, g, unrecorded, ops, KernelThreads.single());
        ImagePooling.average(in, batch, g, avg, ops, KernelThreads.single());
        ImagePooling.maxBackward(gradOut, batch, maxima, maxGrad, ops, KernelThreads.single());
        ImagePooling.averageBackward(gradOut, batch, g, avgGrad, ops, KernelThreads.single());
        assertArrayEquals(max, unrecorded);
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
            float[] maxGrad3 = nans(in.length);
            float[] avgGrad3 = nans(in.length);
            ImagePooling.Maxima maxima3 = new ImagePooling.Maxima(g, batch);
            ImagePooling.max(in, batch, maxima3, max3, ops, three);
            ImagePooling.average(in, batch, g, avg3, ops, three);
            ImagePooling.maxBackward(gradOut, batch, maxima3, maxGrad3, ops, three);
            ImagePooling.averageBackward(gradOut, batch, g, avgGrad3, ops, three);
            assertArrayEquals(max, max3);
            assertArrayEquals(avg, avg3);
            assertArrayEquals(maxGrad, maxGrad3);
            assertArrayEquals(avgGrad, avgGrad3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "vector"})
    void overlappingWindowsAddTheGradientsOfTheFirstMaximum(String kind) {
        // 2×2 windows moved by 1 over a 3×3 image; every window's maximum, 3, is tied
        float[] in = {
            1, 3, 3,
            2, 3, 0,
            0, 1, 3};
        float[] grad = nans(9);
        float[] out = pool(in, new ImagePooling.Window(1, 3, 3, 2, 2, 1), new float[] {1, 10, 100, 1000}, grad,
                floats(kind));
        assertArrayEquals(new float[] {3, 3, 3, 3}, out);
        // windows (0,0) and (0,1) first meet 3 at (0,1); windows (1,0) and (1,1) at (1,1)
        assertArrayEquals(new float[] {
            0, 11, 0,
            0, 1100, 0,
            0, 0, 0}, grad);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "vector"})
    void tilingWindowsRouteToTheFirstMaximumAndZeroEverythingElse(String kind) {
        float[] in = {
            5, 5, 1, 2,
            5, 5, 2, 2,
            -0f, 0, 7, 1,
            -1, 0, 7, 7};
        float[] grad = nans(16);
        float[] out = pool(in, new ImagePooling.Window(1, 4, 4, 2, 2, 2), new float[] {1, 2, 3, 4}, grad,
                floats(kind));
        // Math.max(-0, 0) is +0, and -0 == 0: the -0 is the first maximum of its window
        assertArrayEquals(new float[] {5, 2, 0, 7}, out);
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(out[2]));
        assertArrayEquals(new float[] {
            1, 0, 0, 2,
            0, 0, 0, 0,
            3, 0, 4, 0,
            0, 0, 0, 0}, grad);
    }

    @Test
    void vectorOperationsGiveThePlainBitsOnManyTiesAndSignedZeros() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        float[] values = {-1f, -0f, 0f, 1f, Float.NEGATIVE_INFINITY};
        for (int c : new int[] {1, 7, 8, 37, 64}) {
            ImagePooling.Window g = new ImagePooling.Window(c, 6, 6, 2, 2, 2);
            SplittableRandom r = new SplittableRandom(c);
            float[] in = new float[3 * g.inSize()];
            for (int i = 0; i < in.length; i++) {
                in[i] = values[r.nextInt(values.length)];
            }
            float[] gradOut = new float[3 * g.outSize()];
            for (int i = 0; i < gradOut.length; i++) {
                gradOut[i] = (float) r.nextGaussian();
            }
            float[] plainGrad = nans(in.length);
            float[] vectorGrad = nans(in.length);
            float[] plain = pool(in, g, gradOut, plainGrad, new FloatElementOps());
            float[] vector = pool(in, g, gradOut, vectorGrad, new VectorFloatElementOps());
            assertArrayEquals(bits(plain), bits(vector), "channels " + c);
            assertArrayEquals(bits(plainGrad), bits(vectorGrad), "channels " + c);
        }
    }

    @Test
    void doublePrecisionRoutesLikeFloat() {
        ImagePooling.Window g = new ImagePooling.Window(3, 5, 5, 3, 3, 2);
        SplittableRandom r = new SplittableRandom(4);
        float[] in = new float[2 * g.inSize()];
        double[] inD = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextInt(4);
            inD[i] = in[i];
        }
        float[] gradOut = new float[2 * g.outSize()];
        double[] gradOutD = new double[gradOut.length];
        for (int i = 0; i < gradOut.length; i++) {
            gradOut[i] = 1 << r.nextInt(8); // sums are exact in both precisions
            gradOutD[i] = gradOut[i];
        }
        float[] grad = nans(in.length);
        double[] gradD = new double[in.length];
        Arrays.fill(gradD, Double.NaN);
        float[] out = pool(in, g, gradOut, grad, ElementOps.FLOAT);
        ImagePooling.Maxima maxima = new ImagePooling.Maxima(g, 2);
        double[] outD = new double[out.length];
        ImagePooling.max(inD, 2, maxima, outD, ElementOps.DOUBLE, KernelThreads.single());
        ImagePooling.maxBackward(gradOutD, 2, maxima, gradD, ElementOps.DOUBLE, KernelThreads.single());
        for (int i = 0; i < out.length; i++) {
            assertEquals(out[i], outD[i]);
        }
        for (int i = 0; i < grad.length; i++) {
            assertEquals(grad[i], gradD[i]);
        }
    }

    @Test
    void refusesABatchLargerThanTheRecordedCapacity() {
        ImagePooling.Window g = new ImagePooling.Window(1, 2, 2, 2, 2, 2);
        ImagePooling.Maxima maxima = new ImagePooling.Maxima(g, 2);
        assertThrows(IllegalArgumentException.class, () -> ImagePooling.max(new float[12], 3, maxima, new float[3],
                ElementOps.FLOAT, KernelThreads.single()));
    }

    /** Max pooling with recorded maxima then its gradient into {@code grad}; returns the pooled output. */
    private static float[] pool(float[] in, ImagePooling.Window g, float[] gradOut, float[] grad,
                                ElementOps<float[]> ops) {
        int batch = in.length / g.inSize();
        ImagePooling.Maxima maxima = new ImagePooling.Maxima(g, batch);
        float[] out = new float[batch * g.outSize()];
        ImagePooling.max(in, batch, maxima, out, ops, KernelThreads.single());
        ImagePooling.maxBackward(gradOut, batch, maxima, grad, ops, KernelThreads.single());
        return out;
    }

    private static float[] nans(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }
}
