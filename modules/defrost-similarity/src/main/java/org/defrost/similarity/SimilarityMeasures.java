package org.defrost.similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.defrost.spi.NearestName;
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
    /** The registered measures, in the order they are listed to users. */
    private static final List<Entry> ENTRIES = List.of(
            new Entry(LinearCka.NAME, false, false, false, p -> new LinearCka()),
            new Entry(DebiasedCka.NAME, false, false, false, p -> new DebiasedCka()),
            new Entry(RbfCka.NAME, false, true, false, p -> new RbfCka(threshold(p))),
            new Entry(InformationImbalance.NAME, true, false, false, p -> new InformationImbalance(
                    k(InformationImbalance.NAME, p, InformationImbalance.DEFAULT_K), p.subsetsOrStandard())),
            new Entry(NeighbourhoodOverlap.NAME, true, false, false, p -> new NeighbourhoodOverlap(
                    k(NeighbourhoodOverlap.NAME, p, NeighbourhoodOverlap.DEFAULT_K), p.subsetsOrStandard())),
            new Entry(LabelOverlap.NAME, true, false, true, SimilarityMeasures::labelOverlap),
            new Entry(TwoNn.NAME, false, false, false, p -> new TwoNn(p.subsetsOrStandard())),
            new Entry(Svcca.NAME, false, false, false, p -> new Svcca()),
            new Entry(Pwcca.NAME, false, false, false, p -> new Pwcca()),
            new Entry(ProcrustesDistance.NAME, false, false, false, p -> new ProcrustesDistance()));
    /** Every registered name, in the order they are listed to users. */
    public static final List<String> NAMES = ENTRIES.stream().map(Entry::name).toList();
    public static final double DEFAULT_THRESHOLD = 1.0;

    /**
     * One registered measure: its name, which of the parameters k, threshold and labels it takes, and how
     * it is built from parameters already checked to be among those.
     */
    private record Entry(String name, boolean k, boolean threshold, boolean labels,
                         Function<MeasureParameters, SimilarityMeasure> factory) {
    }

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
        for (Entry entry : ENTRIES) {
            if (entry.name().equals(key)) {
                allowOnly(key, p, entry.k(), entry.threshold(), entry.labels());
                return entry.factory().apply(p);
            }
        }
        throw new InvalidSimilarityInputException(unknownMessage(name));
    }

    private static SimilarityMeasure labelOverlap(MeasureParameters p) {
        if (p.labels() == null) {
            throw new InvalidSimilarityInputException(LabelOverlap.NAME + " compares neighbourhoods with labels; "
                    + "give labels (one integer per row of A)");
        }
        return new LabelOverlap(k(LabelOverlap.NAME, p, LabelOverlap.DEFAULT_K), p.labels(), p.subsetsOrStandard());
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

    /** The known names close to {@code name} ({@link NearestName}), else those containing it. */
    private static String nearest(String name) {
        if (name.isEmpty()) {
            return null;
        }
        Optional<String> close = NearestName.closest(name, NAMES);
        if (close.isPresent()) {
            return close.get();
        }
        List<String> containing = NAMES.stream().filter(known -> known.contains(name)).toList();
        return containing.isEmpty() ? null : String.join(" or ", containing);
    }
}
