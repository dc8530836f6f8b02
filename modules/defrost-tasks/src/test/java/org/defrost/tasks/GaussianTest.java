package org.defrost.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianTest {
    private static final int N = 400_000;

    private static double[] draws(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = Gaussian.next(random);
        }
        return x;
    }

    @Test
    void momentsMatchTheStandardNormalWithinSamplingError() {
        double[] x = draws(1);
        double m1 = 0, m2 = 0, m4 = 0;
        for (double v : x) {
            m1 += v;
            m2 += v * v;
            m4 += v * v * v * v;
        }
        m1 /= N;
        m2 /= N;
        m4 /= N;
        // Standard errors: mean 1/sqrt(N), second moment sqrt(2/N), fourth moment sqrt(96/N).
        assertEquals(0, m1, 5 / Math.sqrt(N));
        assertEquals(1, m2, 5 * Math.sqrt(2.0 / N));
        assertEquals(3, m4, 5 * Math.sqrt(96.0 / N));
    }

    @Test
    void empiricalDistributionPassesKolmogorovSmirnovAgainstTheNormalCdf() {
        double[] x = draws(2);
        Arrays.sort(x);
        double d = 0;
        for (int i = 0; i < N; i += 7) {
            double f = ErfOracle.normalCdf(x[i]);
            d = Math.max(d, Math.max(Math.abs(f - (double) i / N), Math.abs(f - (double) (i + 1) / N)));
        }
        // Critical value at significance 0.001 is 1.95 / sqrt(N).
        assertTrue(d < 1.95 / Math.sqrt(N), "KS distance " + d);
    }

    @Test
    void tailBeyondTheBaseLayerHasTheNormalProbability() {
        double[] x = draws(3);
        double r = 3.442619855899;
        long beyond = Arrays.stream(x).filter(v -> Math.abs(v) > r).count();
        double p = 2 * (1 - ErfOracle.normalCdf(r));
        assertEquals(p * N, beyond, 5 * Math.sqrt(p * N));
        long negative = Arrays.stream(x).filter(v -> v < -r).count();
        assertEquals(beyond / 2.0, negative, 5 * Math.sqrt(beyond / 4.0));
    }

    @Test
    void sameGeneratorStateGivesTheSameDraws() {
        float[] a = new float[1000];
        float[] b = new float[1000];
        Gaussian.fill(new SplittableRandom(9), a, 0, a.length);
        Gaussian.fill(new SplittableRandom(9), b, 0, b.length);
        assertArrayEquals(a, b);
    }
}
