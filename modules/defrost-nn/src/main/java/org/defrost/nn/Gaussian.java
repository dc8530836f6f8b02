package org.defrost.nn;

import java.util.SplittableRandom;

/**
 * Standard normal draws by the Box–Muller transform on {@link StrictMath}, so that a seed gives the same
 * initial weights on every JVM (the library's {@code nextGaussian} algorithm is not specified).
 */
public final class Gaussian {
    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    /** Draws from {@code random}, which this object then owns. */
    public Gaussian(SplittableRandom random) {
        this.random = random;
    }

    /** The next standard normal draw. */
    public double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u = 1 - random.nextDouble(); // in (0, 1], so the logarithm is finite
        double v = random.nextDouble();
        double r = StrictMath.sqrt(-2 * StrictMath.log(u));
        double angle = 2 * Math.PI * v;
        spare = r * StrictMath.sin(angle);
        hasSpare = true;
        return r * StrictMath.cos(angle);
    }
}
