package org.defrost.nn.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.defrost.kernels.ImageLowering;
import org.defrost.kernels.KernelThreads;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The float convolution (products read from the images, the input gradient as a convolution with the turned kernel
 * or, for strides above 1, as a scatter) against the float64 one through an explicit lowered matrix, on the same
 * values: forward, weight gradient and input gradient agree to float rounding, on awkward shapes, through buffers
 * sized for a larger batch than the one computed.
 */
class ConvolutionTest {

    @ParameterizedTest(name = "B={0} C={1} {2}×{3} k={4} stride {5} pad {6} F={7}")
    @CsvSource({
        "2, 1, 1, 1, 1, 1, 0, 3",
        "3, 2, 1, 1, 3, 1, 1, 5",
        "2, 5, 7, 9, 3, 2, 1, 13",
        "3, 9, 5, 7, 1, 1, 1, 10",
        "2, 6, 7, 5, 5, 1, 2, 2",
        "2, 12, 6, 6, 5, 1, 0, 9",
        "4, 33, 8, 8, 3, 1, 1, 20"
    })
    void floatProductsMatchTheExplicitlyLoweredDoubleOnes(int batch, int c, int h, int w, int k, int stride, int pad,
            int filters) {
        ImageLowering.Geometry g = new ImageLowering.Geometry(c, h, w, k, k, stride, pad);
        SplittableRandom r = new SplittableRandom(batch * 7L + c);
        int pixels = batch * g.outPixels();
        double[] x = r.doubles(batch * g.imageSize(), -1, 1).toArray();
        double[] weight = r.doubles(g.patchSize() * filters, -1, 1).toArray();
        double[] dz = r.doubles(pixels * filters, -1, 1).toArray();
        int capacity = batch + 2;
        try (KernelThreads t = KernelThreads.of(2)) {
            Convolution<FMatrixRMaj> f = ImageOps.floats(t).convolution(g, filters, capacity, true);
            Convolution<DMatrixRMaj> d = ImageOps.doubles(t).convolution(g, filters, capacity, true);
            FMatrixRMaj xf = floats(x, capacity, g.imageSize());
            FMatrixRMaj wf = floats(weight, g.patchSize(), filters);
            FMatrixRMaj dzf = floats(dz, pixels, filters);
            DMatrixRMaj xd = doubles(x, capacity, g.imageSize());
            DMatrixRMaj wd = doubles(weight, g.patchSize(), filters);
            DMatrixRMaj dzd = doubles(dz, pixels, filters);
            FMatrixRMaj of = new FMatrixRMaj(1, 1);
            DMatrixRMaj od = new DMatrixRMaj(1, 1);
            f.forward(xf, batch, wf, null, false, of);
            d.forward(xd, batch, wd, null, false, od);
            assertClose(od, of, g.patchSize(), "output");
            double[] bias = r.doubles(filters, -1, 1).toArray();
            f.forward(xf, batch, wf, floats(bias, 1, filters), true, of);
            d.forward(xd, batch, wd, doubles(bias, 1, filters), true, od);
            assertClose(od, of, g.patchSize() + 1, "rectified output with bias");
            for (int i = 0; i < of.getNumElements(); i++) {
                assertTrue(of.data[i] >= 0, "rectified output element " + i + ": " + of.data[i]);
            }
            f.weightGradient(dzf, xf, batch, of);
            d.weightGradient(dzd, xd, batch, od);
            assertClose(od, of, pixels, "weight gradient");
            f.inputGradient(dzf, batch, wf, of);
            d.inputGradient(dzd, batch, wd, od);
            assertClose(od, of, k * k * filters, "input gradient");
        }
    }

    /** Shapes equal, and every element within the rounding of a float sum of {@code terms} terms of size ≤ 1. */
    private static void assertClose(DMatrixRMaj expected, FMatrixRMaj actual, int terms, String what) {
        assertTrue(expected.numRows == actual.numRows && expected.numCols == actual.numCols,
                what + ": " + actual.numRows + "×" + actual.numCols + ", expected " + expected.numRows + "×"
                        + expected.numCols);
        double tolerance = 2 * (terms + 1) * Math.ulp(1f) + 1e-6;
        for (int i = 0; i < expected.getNumElements(); i++) {
            double error = Math.abs(actual.data[i] - expected.data[i]);
            assertTrue(error <= tolerance * Math.max(1, terms / 4.0), what + " element " + i + ": " + actual.data[i]
                    + " vs " + expected.data[i]);
        }
    }

    private static FMatrixRMaj floats(double[] v, int rows, int cols) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < v.length; i++) {
            m.data[i] = (float) v[i];
        }
        return m;
    }

    private static DMatrixRMaj doubles(double[] v, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < v.length; i++) {
            m.data[i] = (float) v[i]; // the same values as the float operands
        }
        return m;
    }
}
