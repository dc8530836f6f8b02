package org.defrost.tasks.data;

import java.util.Locale;
import org.defrost.spi.ParameterException;

/**
 * How inputs are standardised, always with statistics of the source training set only (the target never
 * contributes, so a target's scarcity or shift is not hidden).
 */
public enum Standardisation {
    /**
     * The default: one mean and one standard deviation over all features of the source training inputs.
     * Keeps the relative contrast of pixels, and blank border pixels stay uniform.
     */
    GLOBAL("global"),
    /**
     * A mean and standard deviation per feature; a feature that is constant in the source training set is
     * only centred (its scale stays 1).
     */
    PER_FEATURE("per-feature"),
    /** Inputs as read. */
    NONE("none");

    private final String id;

    Standardisation(String id) {
        this.id = id;
    }

    /** The name used in parameters. */
    public String id() {
        return id;
    }

    /** The mode named {@code id}; the message names the parameter {@code standardisation}. */
    public static Standardisation parse(String id) {
        for (Standardisation s : values()) {
            if (s.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new ParameterException("standardisation", "standardisation must be one of global, per-feature, none; got '" + id + "'");
    }
}
