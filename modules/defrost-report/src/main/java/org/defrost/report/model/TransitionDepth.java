package org.defrost.report.model;

import java.util.Locale;

/**
 * The transition depth of a similarity profile: the layer past which the representations of the source network S
 * and the target network T* stop being alike. Profiles run over layers 0..P-1 (layer 0 is the input); values are
 * first oriented so that higher means more similar (measures named like a distance or an information imbalance
 * are negated). Two definitions, both free of the measure's scale:
 * <ul>
 *   <li>{@link Definition#LARGEST_DROP}: the layer just before the largest fall between consecutive layers,
 *       {@code t = argmax_i (s[i-1] - s[i]) - 1} for i = 1..P-1 (the first on ties); when the profile never
 *       falls, the last layer;</li>
 *   <li>{@link Definition#HALF_DROP}: the deepest layer before the profile first loses half of its total fall
 *       from the input layer, {@code t = min{i : s[i] <= s[0] - (s[0] - min s) / 2} - 1}; when the profile
 *       never falls below the input layer's value, the last layer.</li>
 * </ul>
 * The result is capped at the number of feature layers L, the largest depth that can be transferred.
 */
public final class TransitionDepth {
    /** How the transition depth is read off a profile. */
    public enum Definition {
        LARGEST_DROP("largest-drop", "the layer before the largest fall"),
        HALF_DROP("half-drop", "the last layer before half of the total fall");

        private final String id;
        private final String description;

        Definition(String id, String description) {
            this.id = id;
            this.description = description;
        }

        /** The name used in tables. */
        public String id() {
            return id;
        }

        /** The definition in words. */
        public String description() {
            return description;
        }
    }

    private TransitionDepth() {
    }

    /**
     * Whether lower values of a measure mean more similar representations: names containing {@code imbalance},
     * {@code distance} or {@code procrustes}. Any other measure is read as higher meaning more similar.
     */
    public static boolean lowerIsSimilar(String measure) {
        String m = measure.toLowerCase(Locale.ROOT);
        return m.contains("imbalance") || m.contains("distance") || m.contains("procrustes");
    }

    /**
     * The transition depth of one profile.
     *
     * @param profile the measure at layers 0..P-1 (not modified)
     * @param measure the measure's name, for its orientation
     * @param layers  L, the cap on the result
     * @return the depth in 0..min(P-1, L), or -1 when the profile has fewer than two layers or a non-finite value
     */
    public static int of(double[] profile, String measure, int layers, Definition definition) {
        int p = profile.length;
        if (p < 2) {
            return -1;
        }
        double[] s = new double[p];
        double sign = lowerIsSimilar(measure) ? -1 : 1;
        for (int i = 0; i < p; i++) {
            if (!Double.isFinite(profile[i])) {
                return -1;
            }
            s[i] = sign * profile[i];
        }
        int t = switch (definition) {
            case LARGEST_DROP -> largestDrop(s);
            case HALF_DROP -> halfDrop(s);
        };
        return Math.min(t, layers);
    }

    private static int largestDrop(double[] s) {
        int at = -1;
        double largest = 0;
        for (int i = 1; i < s.length; i++) {
            double drop = s[i - 1] - s[i];
            if (drop > largest) {
                largest = drop;
                at = i;
            }
        }
        return at < 0 ? s.length - 1 : at - 1;
    }

    private static int halfDrop(double[] s) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : s) {
            min = Math.min(min, v);
        }
        double fall = s[0] - min;
        if (fall <= 0) {
            return s.length - 1;
        }
        double threshold = s[0] - fall / 2;
        for (int i = 1; i < s.length; i++) {
            if (s[i] <= threshold) {
                return i - 1;
            }
        }
        return s.length - 1;
    }
}
