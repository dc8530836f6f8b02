package org.defrost.similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.defrost.similarity.cca.ProcrustesDistance;
import org.defrost.similarity.cca.Pwcca;
import org.defrost.similarity.cca.Svcca;
import org.defrost.similarity.cka.DebiasedCka;
import org.defrost.similarity.cka.LinearCka;
import org.defrost.similarity.cka.RbfCka;
import org.defrost.similarity.knn.InformationImbalance;
import org.defrost.similarity.knn.LabelOverlap;
import org.defrost.similarity.knn.NeighbourhoodOverlap;
import org.defrost.similarity.knn.TwoNn;

/** The registry of measures by name. */
public final class SimilarityMeasures {
    /** Every registered name, in the order they are listed to users. */
    public static final List<String> NAMES = List.of(LinearCka.NAME, DebiasedCka.NAME, RbfCka.NAME,
            InformationImbalance.NAME, NeighbourhoodOverlap.NAME, LabelOverlap.NAME, TwoNn.NAME, Svcca.NAME,
            Pwcca.NAME, ProcrustesDistance.NAME);
    public static final double DEFAULT_THRESHOLD = 1.0;

    private SimilarityMeasures() {
    }

    /** Every registered name. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The measure called {@code name} with the given parameters.
     *
     * @throws InvalidSimilarityInputException for an unknown name (the message lists the known ones and
     *                                         suggests the nearest), a parameter out of range, a parameter
     *                                         the measure does not take, or labels missing for label-overlap
     */
    public static SimilarityMeasure create(String name, MeasureParameters parameters) {
        MeasureParameters p = parameters == null ? MeasureParameters.none() : parameters;
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case LinearCka.NAME:
                allowOnly(key, p, false, false, false);
                return new LinearCka();
            case DebiasedCka.NAME:
                allowOnly(key, p, false, false, false);
                return new DebiasedCka();
            case RbfCka.NAME:
                allowOnly(key, p, false, true, false);
                return new RbfCka(threshold(p));
            case InformationImbalance.NAME:
                allowOnly(key, p, true, false, false);
                return new InformationImbalance(k(key, p, InformationImbalance.DEFAULT_K), p.subsetsOrStandard());
            case NeighbourhoodOverlap.NAME:
                allowOnly(key, p, true, false, false);
                return new NeighbourhoodOverlap(k(key, p, NeighbourhoodOverlap.DEFAULT_K), p.subsetsOrStandard());
            case LabelOverlap.NAME:
                allowOnly(key, p, true, false, true);
                if (p.labels() == null) {
                    throw new InvalidSimilarityInputException(key + " compares neighbourhoods with labels; give labels "
                            + "(one integer per row of A)");
                }
                return new LabelOverlap(k(key, p, LabelOverlap.DEFAULT_K), p.labels(), p.subsetsOrStandard());
            case TwoNn.NAME:
                allowOnly(key, p, false, false, false);
                return new TwoNn(p.subsetsOrStandard());
            case Svcca.NAME:
                allowOnly(key, p, false, false, false);
                return new Svcca();
            case Pwcca.NAME:
                allowOnly(key, p, false, false, false);
                return new Pwcca();
            case ProcrustesDistance.NAME:
                allowOnly(key, p, false, false, false);
                return new ProcrustesDistance();
            default:
                throw new InvalidSimilarityInputException(unknownMessage(name));
        }
    }

    private static void allowOnly(String name, MeasureParameters p, boolean k, boolean threshold, boolean labels) {
        List<String> unexpected = new ArrayList<>();
        if (!k && p.k() != null) {
            unexpected.add("k");
        }
        if (!threshold && p.threshold() != null) {
            unexpected.add("threshold");
        }
        if (!labels && p.labels() != null) {
            unexpected.add("labels");
        }
        if (!unexpected.isEmpty()) {
            throw new InvalidSimilarityInputException(name + " takes no " + String.join(" or ", unexpected)
                    + " parameter");
        }
    }

    private static int k(String name, MeasureParameters p, int defaultK) {
        if (p.k() == null) {
            return defaultK;
        }
        if (p.k() < 1) {
            throw new InvalidSimilarityInputException(name + ": k must be at least 1, got " + p.k());
        }
        return p.k();
    }

    private static double threshold(MeasureParameters p) {
        if (p.threshold() == null) {
            return DEFAULT_THRESHOLD;
        }
        double t = p.threshold();
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new InvalidSimilarityInputException(RbfCka.NAME + ": threshold must be positive and finite, got " + t);
        }
        return t;
    }

    static String unknownMessage(String name) {
        StringBuilder message = new StringBuilder("unknown measure '").append(name).append("'");
        String suggestion = nearest(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
        if (suggestion != null) {
            message.append(" (did you mean ").append(suggestion).append("?)");
        }
        return message.append("; known measures: ").append(String.join(", ", NAMES)).toString();
    }

    /** The known names close to {@code name}: within a third of its length in edits, else containing it. */
    private static String nearest(String name) {
        if (name.isEmpty()) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : NAMES) {
            int d = editDistance(name, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        if (bestDistance <= Math.max(2, name.length() / 3)) {
            return best;
        }
        List<String> containing = new ArrayList<>();
        for (String known : NAMES) {
            if (known.contains(name)) {
                containing.add(known);
            }
        }
        return containing.isEmpty() ? null : String.join(" or ", containing);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
