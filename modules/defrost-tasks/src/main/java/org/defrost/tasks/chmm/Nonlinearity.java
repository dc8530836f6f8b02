package org.defrost.tasks.chmm;

import org.defrost.spi.ParameterException;
import org.defrost.tasks.Choice;

/**
 * The embedding nonlinearity sigma of the hidden manifold model, {@code x = sigma(F^T c / sqrt(D))},
 * applied element-wise and reproducibly (only exact IEEE operations).
 */
public enum Nonlinearity implements Choice {
    /** {@code erf(z / sqrt(2))}, the default; see {@link FloatFunctions} for its accuracy. */
    ERF,
    /** {@code sign(z)}: -1, 0 or +1. */
    SIGN,
    /** {@code tanh(z)}; see {@link FloatFunctions} for its accuracy. */
    TANH,
    /** {@code max(z, 0)}. */
    RELU,
    /** {@code z}. */
    LINEAR;

    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));

    /**
     * The nonlinearity called {@code id}.
     *
     * @throws ParameterException naming the parameter and the accepted names
     */
    public static Nonlinearity parse(String id) {
        return Choice.parse(Nonlinearity.class, id, "nonlinearity");
    }

    /** Applies sigma to {@code z[off .. off+len)} in place. {@code z} is modified. */
    public void apply(float[] z, int off, int len) {
        int end = off + len;
        switch (this) {
            case ERF -> {
                for (int i = off; i < end; i++) {
                    z[i] = FloatFunctions.erf(z[i] * INV_SQRT2);
                }
            }
            case SIGN -> {
                for (int i = off; i < end; i++) {
                    z[i] = Math.signum(z[i]);
                }
            }
            case TANH -> {
                for (int i = off; i < end; i++) {
                    z[i] = FloatFunctions.tanh(z[i]);
                }
            }
            case RELU -> {
                for (int i = off; i < end; i++) {
                    z[i] = Math.max(z[i], 0f);
                }
            }
            case LINEAR -> {
            }
        }
    }

    /** sigma of one value, as {@link #apply} computes it. */
    public float apply(float z) {
        float[] one = {z};
        apply(one, 0, 1);
        return one[0];
    }
}
