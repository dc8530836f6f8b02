package org.defrost.nn.math;

/**
 * The error function {@code erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt}, which Java's standard library
 * lacks.
 *
 * <p>Two evaluations, both derived from classical expansions rather than fitted coefficients:
 * <ul>
 *   <li>{@code |x| < 2.5}: the everywhere-convergent series with positive terms
 *       {@code erf(x) = 2/sqrt(pi) * x * exp(-x^2) * sum_n (2x^2)^n / (1*3*...*(2n+1))}, which has no
 *       cancellation;</li>
 *   <li>{@code 2.5 <= |x| < 6}: {@code erf(x) = 1 - erfc(x)} with Laplace's continued fraction
 *       {@code erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))}, evaluated by the
 *       modified Lentz method;</li>
 *   <li>{@code |x| >= 6}: {@code erfc(6) < 2.2e-17}, so {@code erf} rounds to {@code ±1}.</li>
 * </ul>
 * {@link #erf(double)} iterates to double precision (relative error about {@code 1e-15});
 * {@link #erf(float)} uses the Taylor polynomial of degree 21 on {@code |x| < 1} and the same expansions with
 * looser tolerances elsewhere (relative error below {@code 1e-8}, i.e. within one float ulp after rounding).
 * Both use {@link StrictMath#exp}, so results are identical on every JVM.
 */
public final class Erf {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double SQRT_PI = 1.7724538509055159;
    /** Taylor coefficients of erf(x)/x in powers of x^2: (-1)^n 2/sqrt(pi) / (n! (2n+1)), n = 0..10. */
    private static final double[] TAYLOR = taylorCoefficients(11);

    private Erf() {
    }

    /** {@code erf(x)} to about {@code 1e-15} relative accuracy; odd; NaN for NaN. */
    public static double erf(double x) {
        return evaluate(x, 1e-17, 1e-16);
    }

    /** {@code erf(x)} in single precision, within one ulp of the exact value; odd; NaN for NaN. */
    public static float erf(float x) {
        float ax = Math.abs(x);
        if (ax < 1f) {
            double x2 = (double) x * x;
            double p = TAYLOR[TAYLOR.length - 1];
            for (int i = TAYLOR.length - 2; i >= 0; i--) {
                p = p * x2 + TAYLOR[i];
            }
            return (float) (x * p);
        }
        return (float) evaluate(x, 1e-10, 1e-8);
    }

    private static double evaluate(double x, double seriesTolerance, double fractionTolerance) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        double r;
        if (ax < 1e-9) {
            r = TWO_OVER_SQRT_PI * ax; // the next term, x^3/3, is below 1e-18 relative
        } else if (ax < 2.5) {
            r = series(ax, seriesTolerance);
        } else if (ax < 6) {
            r = 1 - erfcContinuedFraction(ax, fractionTolerance);
        } else {
            r = 1;
        }
        return Math.copySign(r, x);
    }

    private static double series(double ax, double tolerance) {
        double x2 = ax * ax;
        double term = 1;
        double sum = 1;
        for (int n = 1; term > sum * tolerance; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return TWO_OVER_SQRT_PI * ax * StrictMath.exp(-x2) * sum;
    }

    /** erfc(x) for x >= 2.5, where the fraction converges in at most about 40 steps. */
    private static double erfcContinuedFraction(double x, double tolerance) {
        double f = x;
        double c = x;
        double d = 0;
        double delta;
        int n = 0;
        do {
            n++;
            double a = 0.5 * n;
            d = 1 / (x + a * d); // x >= 2.5 and a, d >= 0 keep the denominators positive
            c = x + a / c;
            delta = c * d;
            f *= delta;
        } while (Math.abs(delta - 1) > tolerance);
        return StrictMath.exp(-x * x) / (SQRT_PI * f);
    }

    private static double[] taylorCoefficients(int count) {
        double[] c = new double[count];
        double factorial = 1;
        for (int n = 0; n < count; n++) {
            if (n > 0) {
                factorial *= n;
            }
            double sign = (n % 2 == 0) ? 1 : -1;
            c[n] = sign * TWO_OVER_SQRT_PI / (factorial * (2 * n + 1));
        }
        return c;
    }
}
