package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lowering followed by the float product against a naive convolution written from the definition, on awkward
 * shapes; scatter against the adjoint identity; both bit-identical for any number of threads.
 */
class ImageLoweringTest {

    @ParameterizedTest(name = "B={0} C={1} {2}×{3} k={4}×{5} stride {6} pad {7} Cout={8}")
    @CsvSource({
        "2, 1, 1, 1, 1, 1, 1, 0, 3",     // 1×1 image, 1×1 kernel
        "3, 2, 1, 1, 3, 3, 1, 1, 5",     // 1×1 image, padding larger than the image
        "2, 3, 4, 4, 4, 4, 1, 0, 7",     // kernel = image size
        "2, 5, 7, 9, 3, 3, 2, 1, 13",    // odd sizes, stride 2, channels not a multiple of the vector width
        "1, 1, 28, 28, 3, 3, 1, 1, 32",  // the first layer of W3
        "3, 17, 6, 5, 2, 2, 3, 0, 9",    // stride larger than the kernel (skipped pixels)
        "2, 2, 5, 5, 5, 5, 1, 4, 4",     // padding so large some fields lie entirely in it
        "4, 33, 8, 8, 3, 3, 1, 1, 65"    // the middle layers of W4, shrunk
    })
    void loweredProductEqualsNaiveConvolution(int batch, int c, int h, int w, int kh, int kw, int stride, int pad,
                                              int cout) {
        ImageLowering.Geometry g = new ImageLowering.Geometry(c, h, w, kh, kw, stride, pad);
        SplittableRandom r = new SplittableRandom(batch * 31L + c);
        float[] input = random(r, batch * g.imageSize());
        FMatrixRMaj weight = new FMatrixRMaj(g.patchSize(), cout, true, random(r, g.patchSize() * cout));
        int rows = batch * g.outHeight() * g.outWidth();
        FMatrixRMaj lowered = new FMatrixRMaj(rows, g.patchSize());
        ImageLowering.lower(input, batch, g, lowered.data, ElementOps.FLOAT, KernelThreads.single());
        FMatrixRMaj out = new FMatrixRMaj(1, 1);
        FloatGemm.mult(lowered, weight, out, false, KernelThreads.single());
        int ho = g.outHeight();
        int wo = g.outWidth();
        assertEquals((h + 2 * pad - kh) / stride + 1, ho);
        for (int b = 0; b < batch; b++) {
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    for (int co = 0; co < cout; co++) {
                        double expected = 0;
                        double magnitude = 0;
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                int y = oy * stride - pad + ky;
                                int x = ox * stride - pad + kx;
                                if (y < 0 || y >= h || x < 0 || x >= w) {
                                    continue;
                                }
                                for (int ci = 0; ci < c; ci++) {
                                    double term = input[((b * h + y) * w + x) * c + ci]
                                            * weight.get((ky * kw + kx) * c + ci, co);
                                    expected += term;
                                    magnitude += Math.abs(term);
                                }
                            }
                        }
                        float actual = out.get((b * ho + oy) * wo + ox, co);
                        assertEquals(expected, actual, 1e-6 * (1 + magnitude),
                                "sample " + b + " pixel (" + oy + ", " + ox + ") channel " + co);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "B={0} C={1} {2}×{3} k={4} stride {5} pad {6}")
    @CsvSource({
        "2, 1, 1, 1, 3, 1, 1",
        "3, 5, 7, 9, 3, 2, 1",
        "9, 4, 6, 6, 2, 3, 0",
        "5, 3, 5, 5, 5, 1, 4",
        "64, 8, 10, 10, 3, 1, 1"
    })
    void scatterIsTheAdjointOfLoweringAndIgnoresThreads(int batch, int c, int h, int w, int k, int stride, int pad) {
        ImageLowering.Geometry g = new ImageLowering.Geometry(c, h, w, k, k, stride, pad);
        SplittableRandom r = new SplittableRandom(h * 7L + batch);
        double[] x = r.doubles(batch * g.imageSize()).toArray();
        int size = batch * g.outHeight() * g.outWidth() * g.patchSize();
        double[] y = r.doubles(size).toArray();
        double[] lowered = new double[size];
        double[] scattered = new double[x.length];
        ImageLowering.lower(x, batch, g, lowered, ElementOps.DOUBLE, KernelThreads.single());
        ImageLowering.scatter(y, batch, g, scattered, ElementOps.DOUBLE, KernelThreads.single());
        double left = 0;
        double right = 0;
        for (int i = 0; i < size; i++) {
            left += lowered[i] * y[i];
        }
        for (int i = 0; i < x.length; i++) {
            right += x[i] * scattered[i];
        }
        assertEquals(left, right, 1e-9 * (1 + Math.abs(left)));

        float[] xf = random(r, x.length);
        float[] yf = random(r, size);
        float[] lowered1 = new float[size];
        float[] scattered1 = new float[x.length];
        ImageLowering.lower(xf, batch, g, lowered1, ElementOps.FLOAT, KernelThreads.single());
        ImageLowering.scatter(yf, batch, g, scattered1, ElementOps.FLOAT, KernelThreads.single());
        try (KernelThreads three = KernelThreads.of(3)) {
            float[] lowered3 = new float[size];
            float[] scattered3 = random(r, x.length); // stale contents must be overwritten
            ImageLowering.lower(xf, batch, g, lowered3, ElementOps.FLOAT, three);
            ImageLowering.scatter(yf, batch, g, scattered3, ElementOps.FLOAT, three);
            assertArrayEquals(lowered1, lowered3);
            assertArrayEquals(scattered1, scattered3);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 2, 2, 3, 1, 0", "1, 1, 5, 1, 0, 0", "0, 3, 3, 3, 1, 0"})
    void rejectsImpossibleGeometries(int c, int h, int w, int k, int stride, int pad) {
        assertThrows(IllegalArgumentException.class, () -> new ImageLowering.Geometry(c, h, w, k, k, stride, pad));
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
