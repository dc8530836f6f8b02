package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution products read straight from the images ({@link FloatGemm#convolve},
 * {@link FloatGemm#multTransAPatches}) against a naive convolution written from the definition, on awkward shapes
 * and both kernels: forward, weight gradient, and input gradient as the convolution of the output gradient with
 * the turned kernel. They must also give the same bits as the explicit lowering followed by the ordinary product
 * (the same chain of additions per element), and the same bits on one, two and three threads.
 */
class ImplicitConvolutionTest {
    private static final double EPS = Math.ulp(1f);

    /** batch, C, H, W, k, stride, pad, F. */
    static List<Arguments> shapes() {
        int[][] shapes = {
            {2, 1, 1, 1, 1, 1, 0, 3},      // 1×1 image, 1×1 kernel
            {3, 2, 1, 1, 3, 1, 1, 5},      // 1×1 image, padding on every side of it
            {2, 3, 4, 4, 4, 1, 0, 7},      // kernel = image, even kernel
            {2, 5, 7, 9, 3, 2, 1, 13},     // odd sizes, stride 2, channels not a multiple of the vector width
            {1, 1, 28, 28, 3, 1, 1, 32},   // the first layer of W3
            {3, 17, 6, 5, 2, 3, 0, 9},     // stride larger than the kernel
            {2, 2, 5, 5, 5, 1, 2, 4},      // kernel 5, padding 2
            {2, 2, 5, 5, 5, 1, 4, 4},      // padding k − 1: some fields lie entirely in it
            {3, 9, 5, 7, 1, 1, 1, 10},     // kernel 1 with padding: the input gradient is not a convolution
            {2, 7, 6, 6, 3, 1, 0, 17},     // padding 0
            {2, 6, 7, 5, 5, 1, 2, 2},      // kernel 5, two filters: the product runs transposed
            {2, 6, 7, 5, 5, 1, 2, 1},      // one filter, transposed: the output has unit strides both ways
            {4, 33, 8, 8, 3, 1, 1, 65},    // the middle layers of W4, shrunk
            {2, 64, 6, 6, 3, 1, 1, 24},    // 576 patch columns: two blocks of the summed index
            {9, 8, 14, 14, 3, 1, 1, 16}};  // enough rows to be split across threads
        List<Arguments> out = new ArrayList<>();
        for (String kernel : new String[] {"vector", "plain"}) {
            for (int[] s : shapes) {
                out.add(Arguments.of(kernel, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: B={1} C={2} {3}×{4} k={5} stride {6} pad {7} F={8}")
    @MethodSource("shapes")
    void forwardWeightAndInputGradientsMatchTheDefinitionAndTheExplicitLowering(String kernelName, int batch, int c,
            int h, int w, int k, int stride, int pad, int filters) {
        FloatKernel kernel = FloatGemm.select(kernelName);
        ImageLowering.Geometry g = new ImageLowering.Geometry(c, h, w, k, k, stride, pad);
        ImagePatches patches = new ImagePatches(g);
        SplittableRandom r = new SplittableRandom(batch * 131L + c * 17L + k);
        int pixels = batch * g.outPixels();
        float[] x = random(r, batch * g.imageSize());
        FMatrixRMaj weight = new FMatrixRMaj(g.patchSize(), filters, true, random(r, g.patchSize() * filters));
        FMatrixRMaj dz = new FMatrixRMaj(pixels, filters, true, random(r, pixels * filters));
        float[] xBefore = x.clone();

        FMatrixRMaj out = new FMatrixRMaj(1, 1);
        FloatGemm.convolve(patches, x, batch, weight, Epilogue.NONE, out, KernelThreads.single(), kernel);
        FMatrixRMaj dwT = new FMatrixRMaj(1, 1);
        FloatGemm.multTransAPatches(dz, patches, x, batch, dwT, false, KernelThreads.single(), kernel);
        assertArrayEquals(xBefore, x);

        double[][] naive = naive(x, batch, g, weight.data, filters, dz.data);
        assertClose(naive[0], naive[1], out.data, g.patchSize(), "output");
        assertClose(naive[2], naive[3], transpose(dwT), pixels, "weight gradient");
        if (g.gradientIsConvolution()) {
            assertClose(naive[4], naive[5], inputGradient(dz, batch, g, weight, KernelThreads.single(), kernel),
                    k * k * filters, "input gradient");
        }

        // the same chain of additions per element as the lowered matrix times the weights
        FMatrixRMaj lowered = new FMatrixRMaj(pixels, g.patchSize());
        ImageLowering.lower(x, batch, g, lowered.data, ElementOps.FLOAT, KernelThreads.single());
        FMatrixRMaj explicitOut = new FMatrixRMaj(1, 1);
        FloatGemm.run(ProductForm.PLAIN, lowered, weight, explicitOut, false, KernelThreads.single(), kernel);
        assertArrayEquals(bits(explicitOut.data, out.data.length), bits(out.data, out.data.length));
        FMatrixRMaj explicitDw = new FMatrixRMaj(1, 1);
        FloatGemm.run(ProductForm.TRANS_A, dz, lowered, explicitDw, false, KernelThreads.single(), kernel);
        assertArrayEquals(bits(explicitDw.data, dwT.data.length), bits(dwT.data, dwT.data.length));

        for (int threads = 2; threads <= 3; threads++) {
            try (KernelThreads t = KernelThreads.of(threads)) {
                assertSameBits(patches, x, batch, g, weight, dz, out, dwT, t, kernel, r);
            }
        }
    }

    /**
     * The bias and rectifier applied to each tile inside the product ({@link FloatGemm#convolve} with a bias) give
     * exactly the bits of the product followed by the separate passes, on one, two and three threads, for bias
     * alone, rectifier alone and both; a NaN in an image stays NaN through the rectifier.
     */
    @ParameterizedTest(name = "{0}: B={1} C={2} {3}×{4} k={5} stride {6} pad {7} F={8}")
    @MethodSource("shapes")
    void biasAndRectifierInTheProductGiveTheBitsOfSeparatePasses(String kernelName, int batch, int c, int h, int w,
            int k, int stride, int pad, int filters) {
        FloatKernel kernel = FloatGemm.select(kernelName);
        ImageLowering.Geometry g = new ImageLowering.Geometry(c, h, w, k, k, stride, pad);
        ImagePatches patches = new ImagePatches(g);
        SplittableRandom r = new SplittableRandom(batch * 7L + c * 5L + k);
        float[] x = random(r, batch * g.imageSize());
        x[x.length / 2] = Float.NaN;
        FMatrixRMaj weight = new FMatrixRMaj(g.patchSize(), filters, true, random(r, g.patchSize() * filters));
        FMatrixRMaj bias = new FMatrixRMaj(1, filters, true, random(r, filters));
        FMatrixRMaj plain = new FMatrixRMaj(1, 1);
        FloatGemm.convolve(patches, x, batch, weight, Epilogue.NONE, plain, KernelThreads.single(), kernel);
        boolean sawNaN = false;
        for (int mode = 0; mode < 3; mode++) {
            boolean withBias = mode != 1;
            boolean rectify = mode != 0;
            float[] expected = plain.data.clone();
            for (int i = 0; i < expected.length; i++) {
                float v = withBias ? expected[i] + bias.data[i % filters] : expected[i];
                expected[i] = rectify ? Math.max(0f, v) : v;
                sawNaN |= rectify && Float.isNaN(v);
            }
            for (int threads = 1; threads <= 3; threads++) {
                try (KernelThreads t = KernelThreads.of(threads)) {
                    FMatrixRMaj fused = new FMatrixRMaj(1, 1);
                    FloatGemm.convolve(patches, x, batch, weight, Epilogue.of(withBias ? bias.data : null, rectify),
                            fused, t, kernel);
                    assertArrayEquals(bits(expected, expected.length), bits(fused.data, expected.length),
                            "mode " + mode + " on " + threads + " threads");
                }
            }
        }
        assertTrue(sawNaN, "the NaN reaches some output");
        assertThrows(IllegalArgumentException.class, () -> FloatGemm.convolve(patches, x, batch, weight,
                Epilogue.of(new float[filters - 1], true), new FMatrixRMaj(1, 1), KernelThreads.single(), kernel));
    }

    /** On threads t: the bits of {@code out} and {@code dwT} (computed on one thread), and of the input gradient. */
    private static void assertSameBits(ImagePatches patches, float[] x, int batch, ImageLowering.Geometry g,
            FMatrixRMaj weight, FMatrixRMaj dz, FMatrixRMaj out, FMatrixRMaj dwT, KernelThreads t, FloatKernel kernel,
            SplittableRandom r) {
        FMatrixRMaj outT = new FMatrixRMaj(1, 1);
        FloatGemm.convolve(patches, x, batch, weight, Epilogue.NONE, outT, t, kernel);
        assertArrayEquals(bits(out.data, out.data.length), bits(outT.data, out.data.length));
        FMatrixRMaj dwTT = new FMatrixRMaj(dwT.numRows, dwT.numCols, true, random(r, dwT.data.length));
        FloatGemm.multTransAPatches(dz, patches, x, batch, dwTT, false, t, kernel);
        assertArrayEquals(bits(dwT.data, dwT.data.length), bits(dwTT.data, dwT.data.length));
        if (g.gradientIsConvolution()) {
            assertArrayEquals(bits(inputGradient(dz, batch, g, weight, KernelThreads.single(), kernel), x.length),
                    bits(inputGradient(dz, batch, g, weight, t, kernel), x.length));
        }
    }

    @Test
    void accumulatingTheWeightGradientAddsToTheOutput() {
        ImageLowering.Geometry g = new ImageLowering.Geometry(3, 5, 5, 3, 3, 1, 1);
        ImagePatches patches = new ImagePatches(g);
        SplittableRandom r = new SplittableRandom(5);
        float[] x = random(r, 2 * g.imageSize());
        FMatrixRMaj dz = new FMatrixRMaj(2 * g.outPixels(), 4, true, random(r, 2 * g.outPixels() * 4));
        FMatrixRMaj once = new FMatrixRMaj(1, 1);
        FloatGemm.multTransAPatches(dz, patches, x, 2, once, false, KernelThreads.single());
        FMatrixRMaj twice = once.copy();
        FloatGemm.multTransAPatches(dz, patches, x, 2, twice, true, KernelThreads.single());
        for (int i = 0; i < once.data.length; i++) {
            assertTrue(Math.abs(twice.data[i] - 2 * once.data[i]) <= 1e-5 * (1 + Math.abs(once.data[i])));
        }
        assertThrows(IllegalArgumentException.class,
                () -> FloatGemm.multTransAPatches(dz, patches, x, 2, new FMatrixRMaj(3, 3), true,
                        KernelThreads.single()));
    }

    @Test
    void theInputGradientIsAConvolutionOnlyForStrideOneAndPaddingBelowTheKernel() {
        assertTrue(new ImageLowering.Geometry(2, 5, 5, 3, 3, 1, 2).gradientIsConvolution());
        assertFalse(new ImageLowering.Geometry(2, 5, 5, 3, 3, 1, 3).gradientIsConvolution());
        assertFalse(new ImageLowering.Geometry(2, 5, 5, 3, 3, 2, 1).gradientIsConvolution());
        assertFalse(new ImageLowering.Geometry(2, 5, 5, 3, 2, 1, 1).gradientIsConvolution());
        ImageLowering.Geometry g = new ImageLowering.Geometry(2, 7, 5, 3, 3, 1, 0).inputGradient(6);
        assertTrue(g.outHeight() == 7 && g.outWidth() == 5 && g.channels() == 6 && g.padding() == 2);
        assertThrows(IllegalStateException.class,
                () -> new ImageLowering.Geometry(2, 5, 5, 1, 1, 1, 1).inputGradient(3));
    }

    /** dX = conv(dZ, turned kernel) with the geometry of {@link ImageLowering.Geometry#inputGradient}. */
    private static float[] inputGradient(FMatrixRMaj dz, int batch, ImageLowering.Geometry g, FMatrixRMaj weight,
            KernelThreads t, FloatKernel kernel) {
        int filters = weight.numCols;
        ImageLowering.Geometry back = g.inputGradient(filters);
        FMatrixRMaj rotated = new FMatrixRMaj(back.patchSize(), g.channels());
        ImagePatches.rotateKernel(weight.data, g, filters, rotated.data);
        FMatrixRMaj dx = new FMatrixRMaj(1, 1);
        FloatGemm.convolve(new ImagePatches(back), dz.data, batch, rotated, Epilogue.NONE, dx, t, kernel);
        return dx.data;
    }

    /**
     * From the definition, in double: {output, its magnitude, dW (patch × F), its magnitude, dX, its magnitude}, the
     * magnitudes being the sums of the absolute values of the terms.
     */
    private static double[][] naive(float[] x, int batch, ImageLowering.Geometry g, float[] weight, int filters,
            float[] dz) {
        int c = g.channels();
        int h = g.height();
        int w = g.width();
        int k = g.kernelHeight();
        int ho = g.outHeight();
        int wo = g.outWidth();
        double[][] r = {new double[batch * ho * wo * filters], new double[batch * ho * wo * filters],
            new double[g.patchSize() * filters], new double[g.patchSize() * filters], new double[x.length],
            new double[x.length]};
        for (int b = 0; b < batch; b++) {
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    int pixel = (b * ho + oy) * wo + ox;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int y = oy * g.stride() - g.padding() + ky;
                            int xx = ox * g.stride() - g.padding() + kx;
                            if (y < 0 || y >= h || xx < 0 || xx >= w) {
                                continue;
                            }
                            for (int ci = 0; ci < c; ci++) {
                                int in = ((b * h + y) * w + xx) * c + ci;
                                int row = (ky * k + kx) * c + ci;
                                for (int f = 0; f < filters; f++) {
                                    add(r, 0, pixel * filters + f, (double) x[in] * weight[row * filters + f]);
                                    add(r, 2, row * filters + f, (double) dz[pixel * filters + f] * x[in]);
                                    add(r, 4, in, (double) dz[pixel * filters + f] * weight[row * filters + f]);
                                }
                            }
                        }
                    }
                }
            }
        }
        return r;
    }

    private static void add(double[][] r, int which, int index, double term) {
        r[which][index] += term;
        r[which + 1][index] += Math.abs(term);
    }

    private static void assertClose(double[] expected, double[] magnitude, float[] actual, int terms, String what) {
        double tolerance = 2 * (terms + 1) * EPS;
        for (int e = 0; e < expected.length; e++) {
            double error = Math.abs(actual[e] - expected[e]);
            assertTrue(error <= tolerance * magnitude[e] + Float.MIN_NORMAL,
                    what + " element " + e + ": got " + actual[e] + ", expected " + expected[e]);
        }
    }

    /** dW (patch × F) from dWᵀ. */
    private static float[] transpose(FMatrixRMaj m) {
        float[] t = new float[m.numRows * m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                t[j * m.numRows + i] = m.data[i * m.numCols + j];
            }
        }
        return t;
    }

    private static int[] bits(float[] v, int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
