package org.defrost.kernels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ceiling's arithmetic: each chain does exactly the steps it claims, compared with scalar fused multiply-adds. */
class FmaChainsTest {
    /** The same recurrence, one chain at a time, in scalar fused multiply-adds. */
    private static float oracle(long iterations, float start, float m, float c) {
        float sum = 0;
        for (int j = 0; j < FmaChains.CHAINS; j++) {
            float a = start + j;
            for (long i = 0; i < iterations; i++) {
                a = Math.fma(a, m, c);
            }
            sum += a;
        }
        return sum;
    }

    @Test
    void everyChainTakesEveryStep() {
        // With m = 1 + 2⁻¹² every step grows the value and rounds, so one step too few or too many changes the
        // result.
        float m = 1 + 0x1p-12f;
        float c = 0x1p-30f;
        for (long iterations : new long[] {0, 1, 7, 1000}) {
            assertEquals(oracle(iterations, 3, m, c), FmaChains.run(iterations, 3, m, c), 0f,
                    "iterations " + iterations);
        }
    }

    @Test
    void everyStepIsOneFusedMultiplyAdd() {
        // Over 1,000 steps, rounding the product before adding c changes the sum (to 113.38389 instead of 113.38232
        // with the first factors) whichever chain does it, except the chain that starts at the fixed point
        // c / (1 - m) of the recurrence: 10 for the first factors, 3 for the second.
        float[][] factors = {{0.999f, 0.01f}, {0.999f, 0.003f}};
        for (float[] f : factors) {
            assertEquals(oracle(1000, 3, f[0], f[1]), FmaChains.run(1000, 3, f[0], f[1]), 0f, "c = " + f[1]);
        }
    }

    @Test
    void countsTwoOperationsPerLanePerChainPerStep() {
        assertEquals(2.0 * 12 * FmaChains.LANES * 1000, FmaChains.flops(1000));
    }
}
