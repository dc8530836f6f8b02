package org.defrost.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks one float32 kernel against the double-precision oracle on awkward shapes, for all three forms. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FloatKernelContract {
    private static final double EPS = Math.ulp(1f);
    private KernelThreads two;
    private KernelThreads three;

    abstract FloatKernel kernel();

    @BeforeAll
    void startThreads() {
        two = KernelThreads.of(2);
        three = KernelThreads.of(3);
    }

    @AfterAll
    void stopThreads() {
        two.close();
        three.close();
    }

    /** m, n, k: empty, degenerate, vector-width-unfriendly, training-like and blocked shapes. */
    static List<Arguments> shapes() {
        int[][] mnk = {
            {0, 5, 3}, {5, 0, 3}, {0, 0, 0}, {4, 6, 0}, {1, 1, 1}, {1, 17, 7}, {17, 1, 7}, {1, 1, 255},
            {7, 7, 7}, {2, 33, 129}, {255, 7, 33}, {7, 255, 17}, {33, 129, 17}, {129, 33, 255}, {64, 10, 129},
            {13, 100, 3}, {6, 48, 256}, {31, 95, 300}, {128, 64, 33},
            // A one-unit readout, its weight gradient and the outer product below it; some split across threads.
            {64, 1, 400}, {400, 1, 64}, {64, 400, 1}, {19, 1, 1}, {1, 21, 1}, {1300, 1, 300}, {300, 1300, 1},
            // Several blocks of the inner dimension, and more rows than one packed block holds.
            {9, 40, 1100}, {70, 50, 1030}, {1100, 64, 9},
            // Tall and narrow (a convolution over a lowered image): threads split the rows, over several blocks.
            {2500, 40, 37}, {2100, 20, 300}};
        List<Arguments> out = new ArrayList<>();
        for (ProductForm form : ProductForm.values()) {
            for (int[] s : mnk) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    out.add(Arguments.of(form, s[0], s[1], s[2], accumulate));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}x{2} inner {3} accumulate {4}")
    @MethodSource("shapes")
    void matchesNaiveLoopAndLeavesOperandsUnchanged(ProductForm form, int m, int n, int k, boolean accumulate) {
        SplittableRandom random = new SplittableRandom(31L * m + 7L * n + k);
        FMatrixRMaj a = ProductOracle.operandA(form, m, k, random);
        FMatrixRMaj b = ProductOracle.operandB(form, n, k, random);
        FMatrixRMaj a0 = a.copy();
        FMatrixRMaj b0 = b.copy();
        FMatrixRMaj c = initialOutput(m, n, accumulate, random);
        float[] before = c.data.clone();
        double[] magnitude = new double[m * n];
        double[] expected = ProductOracle.expected(form, a, b, before, accumulate, m, n, k, magnitude);

        FloatGemm.run(form, a, b, c, accumulate, KernelThreads.single(), kernel());

        assertEquals(m, c.numRows);
        assertEquals(n, c.numCols);
        double tolerance = 2 * (k + 1) * EPS;
        for (int e = 0; e < m * n; e++) {
            double error = Math.abs(c.data[e] - expected[e]);
            assertTrue(error <= tolerance * magnitude[e] + Float.MIN_NORMAL,
                    "element " + e + ": got " + c.data[e] + ", expected " + expected[e]);
        }
        assertArrayEquals(a0.data, a.data);
        assertArrayEquals(b0.data, b.data);
    }

    @ParameterizedTest(name = "{0} {1}x{2} inner {3} accumulate {4}")
    @MethodSource("shapes")
    void givesBitIdenticalResultsOnOneTwoAndThreeThreads(ProductForm form, int m, int n, int k,
            boolean accumulate) {
        SplittableRandom random = new SplittableRandom(17L * m + 5L * n + k);
        FMatrixRMaj a = ProductOracle.operandA(form, m, k, random);
        FMatrixRMaj b = ProductOracle.operandB(form, n, k, random);
        FMatrixRMaj start = initialOutput(m, n, accumulate, random);
        FMatrixRMaj one = start.copy();
        FMatrixRMaj withTwo = start.copy();
        FMatrixRMaj withThree = start.copy();
        FloatGemm.run(form, a, b, one, accumulate, KernelThreads.single(), kernel());
        FloatGemm.run(form, a, b, withTwo, accumulate, two, kernel());
        FloatGemm.run(form, a, b, withThree, accumulate, three, kernel());
        int size = m * n;
        assertArrayEquals(bits(one, size), bits(withTwo, size));
        assertArrayEquals(bits(one, size), bits(withThree, size));
    }

    /** Large enough to be split across threads, with tails in both dimensions. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void splitsLargeProductsWithoutChangingAnyBit(ProductForm form) {
        SplittableRandom random = new SplittableRandom(form.ordinal());
        int m = 131;
        int n = 197;
        int k = 211;
        FMatrixRMaj a = ProductOracle.operandA(form, m, k, random);
        FMatrixRMaj b = ProductOracle.operandB(form, n, k, random);
        FMatrixRMaj one = new FMatrixRMaj(1, 1);
        FMatrixRMaj withThree = new FMatrixRMaj(1, 1);
        FloatGemm.run(form, a, b, one, false, KernelThreads.single(), kernel());
        FloatGemm.run(form, a, b, withThree, false, three, kernel());
        assertArrayEquals(bits(one, m * n), bits(withThree, m * n));
        double[] magnitude = new double[m * n];
        double[] expected = ProductOracle.expected(form, a, b, null, false, m, n, k, magnitude);
        for (int e = 0; e < m * n; e++) {
            assertTrue(Math.abs(one.data[e] - expected[e]) <= 2 * (k + 1) * EPS * magnitude[e],
                    "element " + e);
        }
    }

    /**
     * A product started inside a part of another job runs on its caller alone, which then computes the panels of
     * every thread's share itself (taking over the others' from their ends).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void aProductStartedInsideAnotherJobGivesTheSameBits(ProductForm form) {
        SplittableRandom random = new SplittableRandom(40 + form.ordinal());
        int m = 64;
        int n = 150;
        int k = 300;
        FMatrixRMaj a = ProductOracle.operandA(form, m, k, random);
        FMatrixRMaj b = ProductOracle.operandB(form, n, k, random);
        FMatrixRMaj one = new FMatrixRMaj(1, 1);
        FMatrixRMaj nested = new FMatrixRMaj(1, 1);
        FloatGemm.run(form, a, b, one, false, KernelThreads.single(), kernel());
        two.forRanges(2, 1L << 30, (from, to) -> {
            if (from == 0) {
                FloatGemm.run(form, a, b, nested, false, two, kernel());
            }
        });
        assertArrayEquals(bits(one, m * n), bits(nested, m * n));
    }

    static ProductForm[] forms() {
        return ProductForm.values();
    }

    /** Accumulating: random values of the right shape. Overwriting: a wrong shape full of NaN. */
    private static FMatrixRMaj initialOutput(int m, int n, boolean accumulate, SplittableRandom random) {
        if (accumulate) {
            return ProductOracle.random(m, n, random);
        }
        FMatrixRMaj c = new FMatrixRMaj(m + 2, n + 1);
        Arrays.fill(c.data, Float.NaN);
        return c;
    }

    private static int[] bits(FMatrixRMaj c, int size) {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = Float.floatToRawIntBits(c.data[i]);
        }
        return out;
    }
}
