package org.defrost.tasks;

import java.util.SplittableRandom;

/**
 * Standard normal draws that are bit-for-bit reproducible on every machine.
 *
 * <p>{@code SplittableRandom.nextGaussian} may call {@code Math.log} and {@code Math.exp}, whose last bit
 * is allowed to differ between platforms and between interpreted and compiled code. This is the
 * ziggurat method of Marsaglia and Tsang (2000) with 128 layers, taking the layer from the low 7 bits
 * and the signed abscissa from the high 53 bits of one {@code nextLong()} (so the two are independent),
 * and using {@code StrictMath} in the rare wedge and tail steps and for the tables.
 */
public final class Gaussian {
    private static final int LAYERS = 128;
    /** Start of the tail, and the area of each layer, for 128 layers (Marsaglia and Tsang 2000). */
    private static final double TAIL_START = 3.442619855899;
    private static final double LAYER_AREA = 9.91256303526217e-3;
    /** {@code X[i]}: right edge of layer i (X[0] is the width of the base strip including the tail). */
    private static final double[] X = new double[LAYERS + 1];
    /** {@code DENSITY[i] = exp(-X[i]^2 / 2)}, increasing with i up to DENSITY[LAYERS] = 1. */
    private static final double[] DENSITY = new double[LAYERS + 1];
    /** {@code SCALE[i] = X[i] / 2^52}: maps the signed 53-bit integer to an abscissa in layer i. */
    private static final double[] SCALE = new double[LAYERS];

    static {
        double tailDensity = StrictMath.exp(-0.5 * TAIL_START * TAIL_START);
        X[0] = LAYER_AREA / tailDensity;
        X[1] = TAIL_START;
        for (int i = 2; i < LAYERS; i++) {
            X[i] = StrictMath.sqrt(-2 * StrictMath.log(LAYER_AREA / X[i - 1]
                    + StrictMath.exp(-0.5 * X[i - 1] * X[i - 1])));
        }
        X[LAYERS] = 0;
        for (int i = 0; i <= LAYERS; i++) {
            DENSITY[i] = StrictMath.exp(-0.5 * X[i] * X[i]);
        }
        DENSITY[0] = tailDensity;
        for (int i = 0; i < LAYERS; i++) {
            SCALE[i] = X[i] * 0x1p-52;
        }
    }

    private Gaussian() {
    }

    /** One draw from N(0, 1), advancing {@code random}. */
    public static double next(SplittableRandom random) {
        while (true) {
            long bits = random.nextLong();
            int layer = (int) (bits & (LAYERS - 1));
            double x = (bits >> 11) * SCALE[layer];
            if (Math.abs(x) < X[layer + 1]) {
                return x;
            }
            if (layer == 0) {
                return tail(random, x < 0);
            }
            double y = DENSITY[layer] + random.nextDouble() * (DENSITY[layer + 1] - DENSITY[layer]);
            if (y < StrictMath.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }

    /** Marsaglia's tail method for |x| > TAIL_START. */
    private static double tail(SplittableRandom random, boolean negative) {
        double excess;
        double e;
        do {
            excess = -StrictMath.log(1 - random.nextDouble()) / TAIL_START;
            e = -StrictMath.log(1 - random.nextDouble());
        } while (2 * e < excess * excess);
        return negative ? -(TAIL_START + excess) : TAIL_START + excess;
    }

    /** Fills {@code out[off .. off+len)} with draws rounded to float. {@code out} is modified. */
    public static void fill(SplittableRandom random, float[] out, int off, int len) {
        for (int i = off; i < off + len; i++) {
            out[i] = (float) next(random);
        }
    }
}
