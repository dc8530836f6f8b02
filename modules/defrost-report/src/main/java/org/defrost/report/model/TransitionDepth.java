package org.defrost.report.model;

import java.util.Locale;

/**
 * The transition depth of a similarity profile: the layer past which the representations of the source network S
 * and the target network T* stop being alike. Profiles run over layers 0..P-1 (layer 0 is the input); values are
 * first oriented so that higher means more similar (measures named like a distance or an information imbalance
 * are negated). Fed the same probe inputs, the two networks' input layers are identical, so the step from layer 0
 * to layer 1 is large for every task pair and says nothing about the pair; both definitions look past it:
 * <ul>
 *   <li>{@link Definition#LARGEST_DROP}: the layer just before the largest fall between consecutive hidden
 *       layers, {@code t = argmax_i (s[i-1] - s[i]) - 1} for i = 2..P-1 (the first on ties); when no hidden layer
 *       falls below the one before it, the last layer. Free of the measure's scale; never 0.</li>
 *   <li>{@link Definition#HALF_LEVEL}: the deepest layer before the profile first falls below half-way between
 *       its input layer and the lowest value the measure takes in the run ({@code floor}, over every profile of
 *       every task pair): {@code t = min{i >= 1 : s[i] < (s[0] + floor) / 2} - 1}, or the last layer. 0 when the
 *       first hidden layer is already closer to the least similar pair of the run than to the input.</li>
 * </ul>
 * The result is capped at the number of feature layers L, the largest depth that can be transferred.
 */
public final class TransitionDepth {
    /** How the transition depth is read off a profile. */
    public enum Definition {
        /** The layer before the largest fall between hidden layers. */
        LARGEST_DROP,
        /** The last layer before the profile falls half-way to the run's lowest value. */
        HALF_LEVEL;

        /** The name used in tables: the constant's name in lower case with hyphens, e.g. {@code largest-drop}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
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

    /** A measure's value turned so that higher means more similar. */
    public static double oriented(double value, String measure) {
        return lowerIsSimilar(measure) ? -value : value;
    }

    /**
     * The transition depth of one profile.
     *
     * @param profile the measure at layers 0..P-1 (not modified)
     * @param measure the measure's name, for its orientation
     * @param layers  L, the cap on the result
     * @param floor   the lowest {@link #oriented} value of the measure over the run's profiles (used by
     *                {@link Definition#HALF_LEVEL})
     * @return the depth in 0..min(P-1, L), or -1 when the profile has fewer than three layers (input and two
     *         hidden) or a non-finite value
     */
    public static int of(double[] profile, String measure, int layers, Definition definition, double floor) {
        int p = profile.length;
        if (p < 3) {
            return -1;
        }
        double[] s = new double[p];
        for (int i = 0; i < p; i++) {
            if (!Double.isFinite(profile[i])) {
                return -1;
            }
            s[i] = oriented(profile[i], measure);
        }
        int t = switch (definition) {
            case LARGEST_DROP -> largestDrop(s);
            case HALF_LEVEL -> halfLevel(s, floor);
        };
        return Math.min(t, layers);
    }

    private static int largestDrop(double[] s) {
        int at = -1;
        double largest = 0;
        for (int i = 2; i < s.length; i++) {
            double drop = s[i - 1] - s[i];
            if (drop > largest) {
                largest = drop;
                at = i;
            }
        }
        return at < 0 ? s.length - 1 : at - 1;
    }

    private static int halfLevel(double[] s, double floor) {
        double threshold = (s[0] + Math.min(floor, s[0])) / 2;
        for (int i = 1; i < s.length; i++) {
            if (s[i] < threshold) {
                return i - 1;
            }
        }
        return s.length - 1;
    }
}
