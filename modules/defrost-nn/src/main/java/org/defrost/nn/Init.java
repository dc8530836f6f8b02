package org.defrost.nn;

import java.util.Locale;

/**
 * How a layer's weights are drawn (biases always start at zero). Every scheme draws
 * {@code W_ij ~ N(0, std^2)}:
 * <ul>
 *   <li>{@link Kind#HE_NORMAL}: {@code std = sqrt(2 / fanIn)};</li>
 *   <li>{@link Kind#XAVIER_NORMAL}: {@code std = sqrt(2 / (fanIn + fanOut))} (Glorot normal);</li>
 *   <li>{@link Kind#NORMAL}: {@code std = scale}.</li>
 * </ul>
 *
 * @param kind  the scheme
 * @param scale the standard deviation for {@link Kind#NORMAL}; ignored (and recorded as 0) otherwise
 */
public record Init(Kind kind, double scale) {

    /** The initialisation schemes. */
    public enum Kind { HE_NORMAL, XAVIER_NORMAL, NORMAL }

    public Init {
        if (kind == null) {
            throw new IllegalArgumentException("init kind is required");
        }
        if (kind == Kind.NORMAL && !(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("normal init needs a positive finite scale, got " + scale);
        }
        if (kind != Kind.NORMAL) {
            scale = 0;
        }
    }

    /** He-normal, the default for ReLU networks. */
    public static Init heNormal() {
        return new Init(Kind.HE_NORMAL, 0);
    }

    /** Xavier (Glorot) normal. */
    public static Init xavierNormal() {
        return new Init(Kind.XAVIER_NORMAL, 0);
    }

    /** Plain normal with standard deviation {@code std}. */
    public static Init normal(double std) {
        return new Init(Kind.NORMAL, std);
    }

    /** The standard deviation of the weights of a layer with the given fan-in and fan-out. */
    public double standardDeviation(int fanIn, int fanOut) {
        switch (kind) {
            case HE_NORMAL:
                return Math.sqrt(2.0 / fanIn);
            case XAVIER_NORMAL:
                return Math.sqrt(2.0 / (fanIn + fanOut));
            default:
                return scale;
        }
    }

    /** The lower-case scheme name used in files, e.g. {@code "he_normal"}. */
    public String id() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()} back; {@code scale} is used for {@code "normal"} only. */
    public static Init fromId(String id, double scale) {
        for (Kind k : Kind.values()) {
            if (k.name().equalsIgnoreCase(id)) {
                return new Init(k, scale);
            }
        }
        throw new IllegalArgumentException("unknown init '" + id + "'; expected he_normal, xavier_normal or normal");
    }
}
