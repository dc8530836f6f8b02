package org.defrost.tasks.data;

import org.defrost.tasks.Choice;

/**
 * How inputs are standardised, always with statistics of the source training set only (the target never
 * contributes, so a target's scarcity or shift is not hidden).
 */
public enum Standardisation implements Choice {
    /**
     * The default: one mean and one standard deviation over all features of the source training inputs.
     * Keeps the relative contrast of pixels, and blank border pixels stay uniform.
     */
    GLOBAL,
    /**
     * A mean and standard deviation per feature; a feature that is constant in the source training set is
     * only centred (its scale stays 1).
     */
    PER_FEATURE,
    /** Inputs as read. */
    NONE;

    /** The mode named {@code id}; the message names the parameter {@code standardisation}. */
    public static Standardisation parse(String id) {
        return Choice.parse(Standardisation.class, id, "standardisation");
    }
}
