package org.defrost.tasks.chmm;

/**
 * erf and tanh in float precision as branch-free rational functions, so that a loop over an array
 * vectorises and gives the same bits on every machine (only +, *, /, min and max, all exact IEEE operations).
 *
 * <p>Both use the odd/even minimax coefficients Eigen and TensorFlow use for float: {@code x P(x^2) / Q(x^2)}
 * with x clamped where the function rounds to +-1 in float. The absolute error is below 5e-7 (erf) and
 * 4e-7 (tanh), the size of the float rounding of the argument itself after a float matrix product.
 */
public final class FloatFunctions {
    private static final float ERF_A1 = -1.60960333262415e-02f;
    private static final float ERF_A3 = -2.95459980854025e-03f;
    private static final float ERF_A5 = -7.34990630326855e-04f;
    private static final float ERF_A7 = -5.69250639462346e-05f;
    private static final float ERF_A9 = -2.10102402082508e-06f;
    private static final float ERF_A11 = 2.77068142495902e-08f;
    private static final float ERF_A13 = -2.72614225801306e-10f;
    private static final float ERF_B0 = -1.42647390514189e-02f;
    private static final float ERF_B2 = -7.37332916720468e-03f;
    private static final float ERF_B4 = -1.68282697438203e-03f;
    private static final float ERF_B6 = -2.13374055278905e-04f;
    private static final float ERF_B8 = -1.45660718464996e-05f;

    private static final float TANH_CLAMP = 7.90531110763549805f;
    private static final float TANH_A1 = 4.89352455891786e-03f;
    private static final float TANH_A3 = 6.37261928875436e-04f;
    private static final float TANH_A5 = 1.48572235717979e-05f;
    private static final float TANH_A7 = 5.12229709037114e-08f;
    private static final float TANH_A9 = -8.60467152213735e-11f;
    private static final float TANH_A11 = 2.00018790482477e-13f;
    private static final float TANH_A13 = -2.76076847742355e-16f;
    private static final float TANH_B0 = 4.89352518554385e-03f;
    private static final float TANH_B2 = 2.26843463243900e-03f;
    private static final float TANH_B4 = 1.18534705686654e-04f;
    private static final float TANH_B6 = 1.19825839466702e-06f;

    private FloatFunctions() {
    }

    /** erf(x), absolute error below 5e-7, result clamped to [-1, 1]. */
    public static float erf(float x) {
        float c = Math.max(-4f, Math.min(4f, x));
        float t = c * c;
        float p = ((((((ERF_A13 * t + ERF_A11) * t + ERF_A9) * t + ERF_A7) * t + ERF_A5) * t + ERF_A3) * t + ERF_A1) * c;
        float q = (((ERF_B8 * t + ERF_B6) * t + ERF_B4) * t + ERF_B2) * t + ERF_B0;
        return Math.max(-1f, Math.min(1f, p / q));
    }

    /** tanh(x), absolute error below 4e-7, result clamped to [-1, 1]. */
    public static float tanh(float x) {
        float c = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
        float t = c * c;
        float p = ((((((TANH_A13 * t + TANH_A11) * t + TANH_A9) * t + TANH_A7) * t + TANH_A5) * t + TANH_A3) * t
                + TANH_A1) * c;
        float q = ((TANH_B6 * t + TANH_B4) * t + TANH_B2) * t + TANH_B0;
        return Math.max(-1f, Math.min(1f, p / q));
    }
}
