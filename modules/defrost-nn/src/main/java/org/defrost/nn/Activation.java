package org.defrost.nn;

/**
 * Element-wise activation of a hidden layer, applied after the bias.
 *
 * <p>The formulas live in the precision backends ({@link org.defrost.nn.backend}); this type names the
 * function and says which value its derivative needs.
 */
public enum Activation {
    /** {@code max(0, z)}; derivative 1 where the output is positive, else 0. */
    RELU,
    /** {@code tanh(z)}; derivative {@code 1 - a^2}. */
    TANH,
    /** {@code erf(z / sqrt(2))}, the CHMM's default non-linearity; derivative {@code sqrt(2/pi) exp(-z^2/2)}. */
    ERF,
    /** {@code 1 / (1 + exp(-z))}; derivative {@code a (1 - a)}. */
    SIGMOID,
    /** The identity. */
    LINEAR;

    /**
     * Whether the derivative can be computed from the output {@code a} alone, so that the output may
     * overwrite the pre-activation in place (false only for {@link #ERF}, whose derivative needs {@code z}).
     */
    public boolean derivativeFromOutput() {
        return this != ERF;
    }

    /** The lower-case name used in files and on the command line, e.g. {@code "relu"}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The activation named {@code id} (case-insensitive), e.g. {@code "erf"}. */
    public static Activation fromId(String id) {
        for (Activation a : values()) {
            if (a.id().equalsIgnoreCase(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "'; expected one of "
                + java.util.Arrays.toString(ids(values())));
    }

    static String[] ids(Enum<?>[] values) {
        String[] ids = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            ids[i] = values[i].name().toLowerCase(java.util.Locale.ROOT);
        }
        return ids;
    }
}
