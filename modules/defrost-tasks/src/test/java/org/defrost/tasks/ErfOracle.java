package org.defrost.tasks;

/** The error function in double, from its everywhere-convergent series with positive terms (test oracle). */
public final class ErfOracle {
    private ErfOracle() {
    }

    /** erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1)); accurate to ~1e-15 for |x| <= 6. */
    public static double erf(double x) {
        double term = x;
        double sum = x;
        for (int n = 1; n < 500 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
    }

    /** The standard normal distribution function. */
    public static double normalCdf(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }
}
